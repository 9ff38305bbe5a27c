using System.Globalization;
using BestShot.Core.Data;
using BestShot.Core.Group;
using BestShot.Core.Imaging;
using XmpCore;
using XmpCore.Options;

namespace BestShot.Core.Present;

/// <summary>Which editor's fields `cull --write-xmp` writes (docs: README, "Ratings where editors read them").</summary>
public enum XmpStyle
{
    All,
    Darktable,
    Lightroom,
    Digikam,
}

public sealed record XmpOptions
{
    public XmpStyle Style { get; init; } = XmpStyle.All;
    public SidecarName Name { get; init; } = SidecarName.Full;

    /// <summary>Replace a rating someone set by hand (one BestShot did not write).</summary>
    public bool OverwriteRatings { get; init; }

    /// <summary>Report what would change; write nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>xmp:Label given to keepers (Lightroom's colour words: Red, Yellow, Green, Blue, Purple); empty for none.</summary>
    public string KeeperLabel { get; init; } = "Green";
}

/// <param name="Problem">Why nothing was written (an unreadable sidecar, a read-only folder); null when it was.</param>
public sealed record SidecarChange(string Photo, string Sidecar, int Rating, bool KeptHandRating, string? Problem);

/// <summary>
/// Writes each culled photo's verdict into its XMP sidecar through XmpCore (Adobe's XMP SDK for .NET): xmp:Rating (the
/// stars `cull` gave, <see cref="Group.Stars"/>; −1 for a reject), xmp:Label for keepers, digiKam:PickLabel (3 accepted, 1 rejected), and
/// bestshot:Score and bestshot:Rating. An existing sidecar is parsed and merged: every other property stays as it was,
/// and a rating that differs from the one BestShot last wrote counts as set by hand and is kept. Writes are atomic;
/// the photo itself is never opened for writing.
/// </summary>
public static class XmpSidecars
{
    const string BestShotNamespace = XmpFiles.BestShotNamespace,
        DigikamNamespace = XmpFiles.DigikamNamespace;

    static XmpSidecars() => XmpFiles.RegisterNamespaces();

    public static string PathFor(string photo, SidecarName name) => XmpFiles.PathFor(photo, name);

    /// <summary>
    /// One sidecar per photo, and one more for a paired RAW (darktable and digiKam edit the RAW and read its own
    /// sidecar). With Adobe names the pair shares one sidecar, IMG_0001.xmp, written once. Ctrl-C stops between two
    /// sidecars (each is written whole or not at all), and the list then holds those written.
    /// </summary>
    public static IReadOnlyList<SidecarChange> Write(IEnumerable<Moment> moments, XmpOptions options, CancellationToken cancel = default)
    {
        var photos = moments
            .SelectMany(m => m.Photos)
            .SelectMany(p =>
                p.Raw == null || PathFor(p.Raw, options.Name) == PathFor(p.Path, options.Name)
                    ? new[] { p }
                    : [p, p with { Path = p.Raw }]
            )
            .ToList();
        // Temporary files of writes that were killed (a crash, kill -9) would otherwise stay forever beside the photos.
        if (!options.DryRun)
            foreach (var folder in photos.Select(p => Path.GetDirectoryName(Path.GetFullPath(p.Path))!).Distinct())
                AtomicFile.SweepStale(folder);
        return photos.TakeWhile(_ => !cancel.IsCancellationRequested).Select(p => Write(p, options)).ToList();
    }

    public static SidecarChange Write(CulledPhoto photo, XmpOptions o)
    {
        string sidecar = PathFor(photo.Path, o.Name);
        // darktable reads −1 as rejected; Lightroom and digiKam know ratings 0–5 only (digiKam has its pick label).
        bool minusOne = o.Style is XmpStyle.All or XmpStyle.Darktable;
        int rating = photo.Reject ? (minusOne ? -1 : 0) : photo.Stars;
        if (SidecarGuard.Problem(sidecar) is string guarded)
            return new SidecarChange(photo.Path, sidecar, rating, false, guarded);
        IXmpMeta meta;
        string? asRead;
        try
        {
            meta = File.Exists(sidecar) ? XmpMetaFactory.ParseFromString(File.ReadAllText(sidecar)) : XmpMetaFactory.Create();
            asRead = File.Exists(sidecar) ? Xml(meta) : null;
        }
        catch (Exception e) when (e is XmpException or IOException or UnauthorizedAccessException or System.Xml.XmlException)
        {
            return new SidecarChange(
                photo.Path,
                sidecar,
                rating,
                false,
                $"unreadable sidecar ({SafeText.OneLine(e.Message)}); left as it was"
            );
        }
        bool handSet =
            meta.DoesPropertyExist(XmpConstants.NsXmp, "Rating")
            && (
                !meta.DoesPropertyExist(BestShotNamespace, "Rating")
                || meta.GetPropertyString(XmpConstants.NsXmp, "Rating") != meta.GetPropertyString(BestShotNamespace, "Rating")
            );
        bool keepHand = handSet && !o.OverwriteRatings;
        if (!keepHand)
        {
            meta.SetProperty(XmpConstants.NsXmp, "Rating", rating.ToString(CultureInfo.InvariantCulture));
            meta.SetProperty(BestShotNamespace, "Rating", rating.ToString(CultureInfo.InvariantCulture));
        }
        meta.SetProperty(BestShotNamespace, "Score", photo.Score.ToString("F1", CultureInfo.InvariantCulture));
        // bestshot:Label remembers the label BestShot set, so a frame that is no longer the keeper loses it, and a label
        // set by hand (any other value) is never touched.
        string? ours = XmpFiles.Get(meta, BestShotNamespace, "Label");
        string? label = meta.DoesPropertyExist(XmpConstants.NsXmp, "Label") ? meta.GetPropertyString(XmpConstants.NsXmp, "Label") : null;
        bool labelIsOurs = label == null || label == ours;
        if (photo.Keeper && o.KeeperLabel.Length > 0 && o.Style != XmpStyle.Digikam && labelIsOurs)
        {
            meta.SetProperty(XmpConstants.NsXmp, "Label", o.KeeperLabel);
            meta.SetProperty(BestShotNamespace, "Label", o.KeeperLabel);
        }
        else if (!photo.Keeper && label != null && label == ours)
        {
            meta.DeleteProperty(XmpConstants.NsXmp, "Label");
            meta.DeleteProperty(BestShotNamespace, "Label");
        }
        if (o.Style is XmpStyle.All or XmpStyle.Digikam)
            UpdatePick(
                meta,
                photo.Keeper ? "3"
                    : photo.Reject ? "1"
                    : null
            );
        if (o.DryRun)
            return new SidecarChange(photo.Path, sidecar, rating, keepHand, null);
        return Save(photo, sidecar, meta, rating, keepHand, asRead);
    }

    /// <summary>
    /// digiKam's pick label, remembered as bestshot:PickLabel: set to accepted or rejected, or removed when the frame is
    /// now neither and the label is the one BestShot set. A pick label set by hand stays.
    /// </summary>
    static void UpdatePick(IXmpMeta meta, string? pick)
    {
        string? ours = XmpFiles.Get(meta, BestShotNamespace, "PickLabel");
        string? now = XmpFiles.Get(meta, DigikamNamespace, "PickLabel");
        if (now != null && now != ours)
            return;
        if (pick != null)
        {
            meta.SetProperty(DigikamNamespace, "PickLabel", pick);
            meta.SetProperty(BestShotNamespace, "PickLabel", pick);
        }
        else if (now != null)
        {
            meta.DeleteProperty(DigikamNamespace, "PickLabel");
            meta.DeleteProperty(BestShotNamespace, "PickLabel");
        }
    }

    /// <summary>
    /// Writes the packet as a sidecar file, atomically; a sidecar that already says exactly this is left untouched (its
    /// bytes and modification time), so a rerun does not make every editor and backup see every sidecar as changed.
    /// </summary>
    /// <param name="asRead">The packet as it was read, serialised (<see cref="Xml"/>) before any change: when the
    /// changed packet serialises the same, nothing changed. (Comparing with the file's bytes would not do: XmpCore
    /// orders properties by when they were set, so a sidecar read back and written again reorders them.)</param>
    public static void Serialize(IXmpMeta meta, string sidecar, string? asRead = null)
    {
        string xml = Xml(meta);
        if (asRead == xml && File.Exists(sidecar))
            return;
        AtomicFile.WriteAllText(sidecar, xml);
    }

    /// <summary>The packet as a sidecar holds it, without the serialiser's byte-order mark, which a file does not need.</summary>
    public static string Xml(IXmpMeta meta) =>
        XmpMetaFactory.SerializeToString(meta, new SerializeOptions { OmitPacketWrapper = true, Indent = " " }).TrimStart('\uFEFF');

    static SidecarChange Save(CulledPhoto photo, string sidecar, IXmpMeta meta, int rating, bool keepHand, string? asRead)
    {
        try
        {
            Serialize(meta, sidecar, asRead);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or XmpException)
        {
            return new SidecarChange(photo.Path, sidecar, rating, keepHand, $"could not write ({SafeText.OneLine(e.Message)})");
        }
        return new SidecarChange(photo.Path, sidecar, rating, keepHand, null);
    }
}
