using System.Runtime.InteropServices;

namespace BestShot.Core.Imaging;

/// <summary>
/// What a path finally points at, after every symlink: device and inode on Linux, so that a file reached by two
/// names (a symlink, a hard link, a bind mount) is one file. Elsewhere the canonical path stands in for it.
/// </summary>
public readonly record struct FileIdentity(ulong Device, ulong Inode, string? CanonicalPath)
{
    public static FileIdentity? Of(string path)
    {
        if (OperatingSystem.IsLinux())
            return Stat(path) is { } st ? new FileIdentity(st.Device, st.Inode, null) : null;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists && !Directory.Exists(path))
                return null;
            var target = info.ResolveLinkTarget(returnFinalTarget: true);
            return new FileIdentity(0, 0, Path.GetFullPath(target?.FullName ?? info.FullName));
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// What kind of file a path finally points at, read with stat (which never opens it): opening a named pipe blocks
    /// until a writer comes, forever if none does, and a device can be endless, so only regular files are ever opened.
    /// </summary>
    public static FileKind KindOf(string path)
    {
        if (!OperatingSystem.IsLinux())
            return Directory.Exists(path) ? FileKind.Folder
                : File.Exists(path) ? FileKind.Regular
                : FileKind.Missing;
        return Stat(path) is not { } st
            ? FileKind.Missing
            : (st.Mode & 0xF000) switch
            {
                0x8000 => FileKind.Regular,
                0x4000 => FileKind.Folder,
                0x1000 => FileKind.Pipe,
                0xC000 => FileKind.Socket,
                0x2000 or 0x6000 => FileKind.Device,
                _ => FileKind.Other,
            };
    }

    /// <summary>Permission bits, owner and hard-link count (Linux; elsewhere null): what a sidecar write must respect.</summary>
    public static (uint Mode, uint Owner, ulong Links)? Ownership(string path) =>
        OperatingSystem.IsLinux() && Stat(path) is { } st ? (st.Mode, st.Owner, st.Links) : null;

    public static uint EffectiveUser => OperatingSystem.IsLinux() ? geteuid() : 0;

    /// <summary>The fields of struct stat these checks read (Linux, 64-bit), after every symlink; null when stat fails.</summary>
    readonly record struct StatFields(ulong Device, ulong Inode, uint Mode, uint Owner, ulong Links);

    static StatFields? Stat(string path)
    {
        Span<byte> b = stackalloc byte[256];
        unsafe
        {
            fixed (byte* p = b)
                if (stat(path, p) != 0)
                    return null;
        }
        // st_dev and st_ino (64-bit) come first on every 64-bit ABI; then x86-64 has st_nlink (8 bytes), st_mode,
        // st_uid, and arm64's generic layout st_mode, st_nlink (4 bytes), st_uid.
        ulong dev = BitConverter.ToUInt64(b),
            ino = BitConverter.ToUInt64(b[8..]);
        return RuntimeInformation.ProcessArchitecture == Architecture.X64
            ? new(dev, ino, BitConverter.ToUInt32(b[24..]), BitConverter.ToUInt32(b[28..]), BitConverter.ToUInt64(b[16..]))
            : new(dev, ino, BitConverter.ToUInt32(b[16..]), BitConverter.ToUInt32(b[24..]), BitConverter.ToUInt32(b[20..]));
    }

    [DllImport("libc")]
    static extern uint geteuid();

    [DllImport("libc", SetLastError = true)]
    static extern unsafe int stat(string path, byte* buffer);
}

public enum FileKind
{
    Missing,
    Regular,
    Folder,
    Pipe,
    Socket,
    Device,
    Other,
}

public static class FileKinds
{
    /// <summary>The skip line's reason for a path that is not a regular file; null for a regular file.</summary>
    public static string? NotRegular(string path) =>
        FileIdentity.KindOf(path) switch
        {
            FileKind.Regular => null,
            FileKind.Missing => "broken link or unreadable",
            FileKind.Pipe => "a named pipe (FIFO), not a photo file; not opened",
            FileKind.Socket => "a socket, not a photo file; not opened",
            FileKind.Device => "a device, not a photo file; not opened",
            FileKind.Folder => "a folder",
            _ => "not a regular file; not opened",
        };
}
