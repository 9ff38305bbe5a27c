using BestShot.Core.Imaging;

namespace BestShot.Core.Present;

/// <summary>
/// Whether an existing sidecar may be replaced. The atomic rename that writes it needs only the folder's permission,
/// so without these checks a read-only sidecar, another user's, or a link was silently replaced by a new file. A
/// sidecar that must be left as it is gets one `skip:` line with the reason; nothing is written through a link either,
/// since the file it points at may be shared with another photo or tool.
/// </summary>
public static class SidecarGuard
{
    /// <summary>Null when the sidecar is absent or an ordinary file of ours that may be replaced; else why not.</summary>
    public static string? Problem(string sidecar)
    {
        // .NET's file calls would write it under another name (each stray byte as U+FFFD), where no editor looks.
        if (NativePath.HasEscapes(sidecar))
            return "the photo's name is not valid UTF-8; its sidecar is not written (rename the photo to rate it)";
        var info = new FileInfo(sidecar);
        if (info.LinkTarget != null)
            return $"a symbolic link (to {info.LinkTarget}); left as it was, neither replaced nor written through";
        if (!info.Exists)
            return Directory.Exists(sidecar) ? "a folder, not a sidecar; left as it was" : null;
        if (FileKinds.NotRegular(sidecar) is string kind)
            return kind.Replace("photo file", "sidecar", StringComparison.Ordinal) + "; left as it was";
        if (FileIdentity.Ownership(sidecar) is not var (mode, owner, links))
            return info.IsReadOnly ? "read-only; left as it was" : null;
        if (links > 1)
            return $"has {links - 1} other hard link(s); left as it was (replacing it would split them)";
        if (owner != FileIdentity.EffectiveUser)
            return "owned by another user; left as it was";
        if ((mode & 0x80) == 0) // the owner's write bit (0200)
            return "read-only; left as it was";
        return null;
    }
}
