using System.Globalization;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;

namespace BestShot.Core.Imaging;

/// <summary>
/// When and with which camera a photo was taken, as grouping needs it. Time comes from EXIF DateTimeOriginal with
/// SubSecTimeOriginal and OffsetTimeOriginal; without them, from the file's modification time, and
/// <see cref="TimeSource"/> says so. Camera is make, model and body serial: two cameras in one folder are told apart.
/// Exposure bias (EV) is what an auto-exposure bracket steps, so brackets can be told from bursts.
/// </summary>
public sealed record CaptureInfo(DateTimeOffset Time, string TimeSource, string Camera, double? ExposureBias = null)
{
    public const string FromExif = "exif",
        FromFileTime = "file time";

    /// <summary>The photo's capture time and camera; never throws for a readable file (unreadable metadata falls back).</summary>
    public static CaptureInfo Read(string path)
    {
        IReadOnlyList<MetadataExtractor.Directory> dirs;
        try
        {
            using var stream = RegularFile.OpenRead(path); // by the name's bytes, and never a FIFO
            dirs = ImageMetadataReader.ReadMetadata(stream);
        }
        catch (Exception e) when (e is ImageProcessingException or IOException or UnauthorizedAccessException)
        {
            return FileTime(path, "");
        }
        var ifd0 = dirs.OfType<ExifIfd0Directory>().FirstOrDefault();
        var sub = dirs.OfType<ExifSubIfdDirectory>().FirstOrDefault();
        string camera = string.Join(
                " ",
                new[]
                {
                    ifd0?.GetDescription(ExifDirectoryBase.TagMake),
                    ifd0?.GetDescription(ExifDirectoryBase.TagModel),
                    sub?.GetDescription(ExifDirectoryBase.TagBodySerialNumber),
                }
                    .Where(s => !string.IsNullOrWhiteSpace(s))
                    .Select(s => s!.Trim())
            )
            .Trim();
        var time = sub == null ? null : ExifTime(sub);
        double? bias =
            sub != null && sub.TryGetRational(ExifDirectoryBase.TagExposureBias, out var b) && b.Denominator != 0
                ? Math.Round(b.ToDouble(), 2)
                : null;
        return (time is { } t ? new CaptureInfo(t, FromExif, camera) : FileTime(path, camera)) with { ExposureBias = bias };
    }

    static CaptureInfo FileTime(string path, string camera) =>
        new(new DateTimeOffset(FileIdentity.SizeAndTime(path)?.WrittenUtc ?? DateTime.UnixEpoch, TimeSpan.Zero), FromFileTime, camera);

    /// <summary>DateTimeOriginal + sub-seconds, at its recorded offset (UTC when none is recorded: only gaps matter).</summary>
    static DateTimeOffset? ExifTime(ExifSubIfdDirectory sub)
    {
        string? text = sub.GetString(ExifDirectoryBase.TagDateTimeOriginal);
        if (
            text == null
            || !DateTime.TryParseExact(
                text.Trim(),
                "yyyy:MM:dd HH:mm:ss",
                CultureInfo.InvariantCulture,
                DateTimeStyles.None,
                out var local
            )
        )
            return null;
        var offset = TimeSpan.Zero;
        string zone = sub.GetString(ExifDirectoryBase.TagTimeZoneOriginal)?.Trim() ?? ""; // "+02:00", "-05:30"
        if (
            zone.Length == 6
            && zone[0] is '+' or '-'
            && TimeSpan.TryParseExact(zone[1..], @"hh\:mm", CultureInfo.InvariantCulture, out var z)
        )
            offset = zone[0] == '-' ? -z : z;
        var time = new DateTimeOffset(local, offset);
        string? subsec = sub.GetString(ExifDirectoryBase.TagSubsecondTimeOriginal)?.Trim();
        if (!string.IsNullOrEmpty(subsec) && subsec.All(char.IsAsciiDigit))
            // "813" is 0.813 s: the digits as ticks (7 places), exactly; a double would turn it into 0.8129999 s.
            time = time.AddTicks(long.Parse(subsec.PadRight(7, '0')[..7], CultureInfo.InvariantCulture));
        return time;
    }
}
