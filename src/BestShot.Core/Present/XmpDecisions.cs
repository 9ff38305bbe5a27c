using System.Globalization;
using BestShot.Core.Data;
using BestShot.Core.Imaging;
using XmpCore;
using XmpCore.Options;

namespace BestShot.Core.Present;

/// <summary>What the sidecar says of a photo: a person's decision, or BestShot's suggestion.</summary>
/// <param name="Stars">0–5; null when the sidecar has no rating.</param>
/// <param name="Suggested">Everything here is what `cull --write-xmp` wrote (its bestshot: markers still match):
/// a suggestion until a person confirms or overrides it. False for anything set by hand, in the gallery or an editor.</param>
public sealed record PhotoDecision(int? Stars, bool Picked, bool Rejected, bool Suggested = false)
{
    public static readonly PhotoDecision None = new(null, false, false);

    /// <summary>A person decided something about this photo (a pick, a reject or stars of their own).</summary>
    public bool Decided => !Suggested && (Stars != null || Picked || Rejected);
}

/// <summary>
/// Decisions made by hand (the web gallery's keys): read from and written to the same sidecars as `cull --write-xmp`,
/// through XmpCore, merged and atomic. They are written as a person's own: BestShot's markers (bestshot:Rating,
/// bestshot:Label, bestshot:PickLabel) are removed, so a later `cull` keeps them as set by hand.
/// Pick: digiKam:PickLabel 3 and the keeper colour label. Reject: xmp:Rating −1 (darktable) and PickLabel 1.
/// Stars: xmp:Rating 0–5, which also lifts a reject.
/// </summary>
public static class XmpDecisions
{
    public static PhotoDecision Read(string photo, SidecarName name)
    {
        string sidecar = XmpFiles.PathFor(photo, name);
        try
        {
            if (XmpFiles.Read(sidecar) is not { } meta)
                return PhotoDecision.None;
            string? ratingText = XmpFiles.Get(meta, XmpConstants.NsXmp, "Rating");
            int? rating = int.TryParse(ratingText, CultureInfo.InvariantCulture, out int r) ? r : null;
            string? pick = XmpFiles.Get(meta, XmpFiles.DigikamNamespace, "PickLabel");
            // BestShot marks what it wrote (bestshot:Rating, bestshot:PickLabel); a value that no longer matches its
            // marker was changed by a person, and a value without one was never BestShot's.
            bool ratingOurs = ratingText == null || ratingText == XmpFiles.Get(meta, XmpFiles.BestShotNamespace, "Rating");
            bool pickOurs = pick == null || pick == XmpFiles.Get(meta, XmpFiles.BestShotNamespace, "PickLabel");
            bool suggested = (ratingText != null || pick != null) && ratingOurs && pickOurs;
            return new PhotoDecision(rating is >= 0 ? rating : null, pick == "3", rating == -1 || pick == "1", suggested);
        }
        catch (Exception e) when (XmpFiles.IsUnreadable(e))
        {
            return PhotoDecision.None;
        }
    }

    public enum Action
    {
        Pick,
        Reject,
        Stars,
    }

    /// <summary>Applies one decision; returns the sidecar's previous bytes (null: it did not exist) for undo.</summary>
    /// <exception cref="IOException">The sidecar is unreadable or cannot be written; the message says which.</exception>
    public static byte[]? Apply(string photo, Action action, int stars, XmpOptions o)
    {
        XmpFiles.RegisterNamespaces();
        string sidecar = XmpFiles.PathFor(photo, o.Name);
        if (SidecarGuard.Problem(sidecar) is string guarded)
            throw new IOException($"{sidecar}: {guarded}");
        byte[]? before = File.Exists(sidecar) ? File.ReadAllBytes(sidecar) : null;
        IXmpMeta meta;
        try
        {
            meta = before == null ? XmpMetaFactory.Create() : XmpMetaFactory.ParseFromBuffer(before);
        }
        catch (Exception e) when (e is XmpException or System.Xml.XmlException)
        {
            throw new IOException($"{sidecar}: unreadable sidecar ({SafeText.OneLine(e.Message)}); left as it was");
        }
        foreach (var marker in new[] { "Rating", "Label", "PickLabel" })
            meta.DeleteProperty(XmpFiles.BestShotNamespace, marker);
        switch (action)
        {
            case Action.Pick:
                meta.SetProperty(XmpFiles.DigikamNamespace, "PickLabel", "3");
                if (o.KeeperLabel.Length > 0)
                    meta.SetProperty(XmpConstants.NsXmp, "Label", o.KeeperLabel);
                if (XmpFiles.Get(meta, XmpConstants.NsXmp, "Rating") == "-1")
                    meta.DeleteProperty(XmpConstants.NsXmp, "Rating");
                break;
            case Action.Reject:
                meta.SetProperty(XmpConstants.NsXmp, "Rating", "-1");
                meta.SetProperty(XmpFiles.DigikamNamespace, "PickLabel", "1");
                if (XmpFiles.Get(meta, XmpConstants.NsXmp, "Label") == o.KeeperLabel)
                    meta.DeleteProperty(XmpConstants.NsXmp, "Label");
                break;
            default:
                meta.SetProperty(XmpConstants.NsXmp, "Rating", Math.Clamp(stars, 0, 5).ToString(CultureInfo.InvariantCulture));
                if (XmpFiles.Get(meta, XmpFiles.DigikamNamespace, "PickLabel") == "1")
                    meta.DeleteProperty(XmpFiles.DigikamNamespace, "PickLabel");
                break;
        }
        XmpSidecars.Serialize(meta, sidecar);
        return before;
    }

    /// <summary>Puts a sidecar back as it was before <see cref="Apply"/>: its old bytes, or no file.</summary>
    public static void Restore(string photo, SidecarName name, byte[]? before)
    {
        string sidecar = XmpFiles.PathFor(photo, name);
        if (before == null)
            File.Delete(sidecar);
        else
            AtomicFile.WriteAllBytes(sidecar, before);
    }
}
