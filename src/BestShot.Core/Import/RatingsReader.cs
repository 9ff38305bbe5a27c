using System.Globalization;
using BestShot.Core.Imaging;
using MetadataExtractor;
using MetadataExtractor.Formats.Xmp;
using XmpCore;

namespace BestShot.Core.Import;

/// <summary>What a "user" is when photos with ratings become a dataset: a folder (a shoot), or a capture day.</summary>
public enum ShootBy
{
    Folder,
    Day,
}

/// <summary>
/// A folder of photos rated by hand, read as a dataset: each rated photo is a post, each shoot a "user", so pairs
/// compare photos of one shoot as the seed compares one account's posts. The rating is read from the XMP sidecar
/// (IMG.JPG.xmp, then IMG.xmp) or the photo's embedded XMP: xmp:Rating 1–5 is the label, a reject (rating −1, or
/// digiKam's PickLabel 1) the lowest, 0. Unrated photos, and ratings that BestShot's own `cull` wrote (its
/// bestshot:Rating marker equals xmp:Rating), are left out: the model must learn the person's taste, not its own.
/// The label reaches training as likes = 100 · 1.5^label over the shoot's mean, so log(likes / average) orders a
/// shoot's photos by rating and stays within the seed's filters (max/min likes 7.6 &lt; 25).
/// </summary>
public static class RatingsReader
{
    /// <summary>Likes multiply by this per star: the label is log(likes / average likes).</summary>
    public const double StarFactor = 1.5;

    /// <summary>The likes of a 0-star (rejected) photo; the placeholder account every rated photo is posted from.</summary>
    public const double BaseLikes = 100,
        Followers = 1000,
        Following = 500;

    /// <summary>The stars a rated photo's likes stand for (<see cref="Post"/>'s inverse).</summary>
    public static double StarsOf(double likes) => Math.Log(likes / BaseLikes) / Math.Log(StarFactor);

    public static IEnumerable<RawPost> Read(string folder, ShootBy shoots, ImportReport report, CancellationToken cancel = default)
    {
        if (!System.IO.Directory.Exists(folder))
            throw new Data.DatasetException($"{folder}: no such folder");
        string root = Path.GetFullPath(folder);
        var walk = PhotoFiles.Walk([root], cancel);
        foreach (var (path, reason) in walk.Skipped)
            report.Skip(path, reason);
        foreach (var sidecar in OrphanSidecars(root, walk.Photos))
            report.Skip(sidecar, "sidecar without a photo (no file of that name next to it); ignored");
        var posts = new List<RawPost>();
        foreach (var photo in walk.Photos)
        {
            cancel.ThrowIfCancellationRequested();
            report.RowsRead++;
            var (label, problem) = Label(photo);
            if (problem != null)
            {
                report.Skip(photo, problem);
                continue;
            }
            var capture = CaptureInfo.Read(photo);
            long time = capture.Time.ToUnixTimeSeconds();
            string shoot =
                shoots == ShootBy.Day
                    ? capture.Time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                    : Path.GetRelativePath(root, Path.GetDirectoryName(photo)!);
            posts.Add(Post(root, photo, shoot, label!.Value, time));
        }
        return posts;
    }

    /// <summary>The post a rated photo becomes: its id relative to the folder, its shoot as the user, the label as likes.</summary>
    public static RawPost Post(string root, string photo, string shoot, int label, long time) =>
        new()
        {
            Where = photo,
            PostId = Path.GetRelativePath(root, photo),
            UserId = shoot,
            ImagePath = photo,
            Likes = BaseLikes * Math.Pow(StarFactor, label),
            Followers = Followers,
            Following = Following,
            PostTime = time,
            ScrapTime = time + 30 * 86400L, // well past the seed's 24-hour settling filter
        };

    /// <summary>The photo's label (0 reject, 1–5 stars), or why it has none.</summary>
    public static (int? Label, string? Problem) Label(string photo)
    {
        IXmpMeta? meta = null;
        string source = "";
        foreach (var name in new[] { SidecarName.Full, SidecarName.Adobe })
        {
            string sidecar = XmpFiles.PathFor(photo, name);
            if (!File.Exists(sidecar))
                continue;
            if (Imaging.FileKinds.NotRegular(sidecar) is string kind)
                return (null, $"{Path.GetFileName(sidecar)}: {kind}");
            try
            {
                meta = XmpMetaFactory.ParseFromString(File.ReadAllText(sidecar));
                source = Path.GetFileName(sidecar);
                break;
            }
            catch (Exception e) when (XmpFiles.IsUnreadable(e))
            {
                return (null, $"unreadable sidecar {Path.GetFileName(sidecar)} ({Data.SafeText.OneLine(e.Message)}); left out");
            }
        }
        if (meta == null)
        {
            meta = Embedded(photo);
            source = "embedded XMP";
        }
        if (meta == null)
            return (null, "no rating (no XMP sidecar, no embedded XMP); left out");
        string? rating = XmpFiles.Get(meta, XmpConstants.NsXmp, "Rating");
        bool pickReject = XmpFiles.Get(meta, XmpFiles.DigikamNamespace, "PickLabel") == "1";
        if (rating != null && rating == XmpFiles.Get(meta, XmpFiles.BestShotNamespace, "Rating"))
            return (null, $"rating in {source} was written by BestShot's cull, not by hand; left out");
        if (rating == null)
            return pickReject ? (0, null) : (null, $"no rating in {source}; left out");
        if (!double.TryParse(rating, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || value != Math.Floor(value))
            return (null, $"rating '{Data.SafeText.OneLine(rating)}' in {source} is not a whole number; left out");
        if (value is < -1 or > 5)
            return (null, $"rating {value} in {source} is outside −1 (reject) to 5; left out");
        if (value == -1 || pickReject)
            return (0, null);
        return value == 0 ? (null, $"unrated (rating 0 in {source}); left out") : ((int)value, null);
    }

    static IXmpMeta? Embedded(string photo)
    {
        try
        {
            return ImageMetadataReader.ReadMetadata(photo).OfType<XmpDirectory>().FirstOrDefault()?.XmpMeta;
        }
        catch (Exception e) when (e is ImageProcessingException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Sidecars (*.xmp) under root whose photo is not there: IMG.JPG.xmp without IMG.JPG, IMG.xmp without any IMG.*.</summary>
    static IEnumerable<string> OrphanSidecars(string root, IReadOnlyList<string> photos)
    {
        var full = photos.Select(p => p + ".xmp").ToHashSet(StringComparer.Ordinal);
        var adobe = photos.Select(p => Path.ChangeExtension(p, ".xmp")).ToHashSet(StringComparer.Ordinal);
        IEnumerable<string> sidecars;
        try
        {
            sidecars = System.IO.Directory.EnumerateFiles(
                root,
                "*.xmp",
                new EnumerationOptions
                {
                    RecurseSubdirectories = true,
                    IgnoreInaccessible = true,
                    MatchCasing = MatchCasing.CaseInsensitive,
                    // Symlinked folders are not entered: a link loop would never end.
                    AttributesToSkip = FileAttributes.ReparsePoint | FileAttributes.Hidden | FileAttributes.System,
                }
            );
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            yield break;
        }
        foreach (var s in sidecars.Order(StringComparer.Ordinal))
            if (!full.Contains(s) && !adobe.Contains(s))
                yield return s;
    }
}
