using ImageMagick;
using ImageMagick.Formats;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using SkiaSharp;

namespace BestShot.Core.Imaging;

/// <summary>
/// Camera RAW files, scored from the full-size JPEG preview the camera embeds (what makes fast viewers fast): the
/// TIFF-based formats (DNG, CR2, NEF, ARW, ORF, RW2) list it in their image directories, read with MetadataExtractor;
/// Fujifilm's RAF names it in its header. Where no preview is found (CR3, or a preview-less DNG), LibRaw, through
/// Magick.NET, reads the thumbnail or, failing that, decodes the sensor data. The RAW's own orientation applies.
/// </summary>
public static class RawFiles
{
    public static readonly string[] Extensions = [".dng", ".cr2", ".cr3", ".nef", ".arw", ".raf", ".orf", ".rw2"];

    public static bool IsRaw(string path) => Extensions.Contains(Path.GetExtension(path).ToLowerInvariant());

    /// <summary>A JPEG of the photo: the largest embedded preview, else LibRaw's rendering; or why there is none.</summary>
    public static byte[] Preview(string path, byte[] file)
    {
        foreach (var (offset, length) in Candidates(path, file).OrderByDescending(c => c.Length))
            if (offset > 0 && length > 4 && offset + length <= file.Length && file[offset] == 0xFF && file[offset + 1] == 0xD8)
                return file.AsSpan(offset, length).ToArray();
        return FromLibRaw(path);
    }

    /// <summary>The orientation recorded in the RAW's first image directory (embedded previews carry none).</summary>
    public static SKEncodedOrigin Origin(string path)
    {
        try
        {
            var ifd0 = ImageMetadataReader.ReadMetadata(path).OfType<ExifIfd0Directory>().FirstOrDefault();
            return ifd0 != null && ifd0.TryGetInt32(ExifDirectoryBase.TagOrientation, out int o) && o is >= 1 and <= 8
                ? (SKEncodedOrigin)o
                : SKEncodedOrigin.TopLeft;
        }
        catch (Exception e) when (e is ImageProcessingException or IOException)
        {
            return SKEncodedOrigin.TopLeft;
        }
    }

    const int TagStripOffsets = 0x111,
        TagStripByteCounts = 0x117,
        TagJpegOffset = 0x201,
        TagJpegLength = 0x202;

    static IEnumerable<(int Offset, int Length)> Candidates(string path, byte[] file)
    {
        if (Path.GetExtension(path).Equals(".raf", StringComparison.OrdinalIgnoreCase) && file.Length > 92)
        {
            // RAF header: the embedded JPEG's offset and length, big-endian, at bytes 84 and 88.
            yield return (ReadBigEndian(file, 84), ReadBigEndian(file, 88));
            yield break;
        }
        IReadOnlyList<MetadataExtractor.Directory> dirs;
        try
        {
            using var stream = new MemoryStream(file, writable: false);
            dirs = ImageMetadataReader.ReadMetadata(stream);
        }
        catch (Exception e) when (e is ImageProcessingException or IOException)
        {
            yield break;
        }
        foreach (var d in dirs.OfType<ExifDirectoryBase>())
        {
            if (d.TryGetInt32(TagJpegOffset, out int o) && d.TryGetInt32(TagJpegLength, out int n))
                yield return (o, n);
            // A JPEG-compressed image stored in one strip (CR2's and DNG's previews): the strip is a whole JPEG.
            if (
                d.TryGetInt32(ExifDirectoryBase.TagCompression, out int c)
                && c is 6 or 7
                && d.GetObject(TagStripOffsets) is { } so
                && d.GetObject(TagStripByteCounts) is { } sc
                && Single(so) is int offset
                && Single(sc) is int count
            )
                yield return (offset, count);
        }
    }

    static int? Single(object value) =>
        value switch
        {
            int i => i,
            uint u => (int)u,
            ushort s => s,
            int[] { Length: 1 } a => a[0],
            uint[] { Length: 1 } a => (int)a[0],
            _ => null,
        };

    static int ReadBigEndian(byte[] b, int at) => (b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3];

    static byte[] FromLibRaw(string path)
    {
        string reason;
        try
        {
            var settings = new MagickReadSettings();
            settings.SetDefines(new DngReadDefines { ReadThumbnail = true });
            using var image = new MagickImage();
            image.Ping(path, settings);
            if (image.GetProfile("dng:thumbnail")?.ToByteArray() is { Length: > 4 } thumb && thumb[0] == 0xFF && thumb[1] == 0xD8)
                return thumb;
            using var full = new MagickImage(path);
            full.Quality = 95;
            return full.ToByteArray(MagickFormat.Jpeg);
        }
        catch (MagickException e)
        {
            reason = Data.SafeText.OneLine(e.Message);
        }
        throw new ImageDecodeException(path, $"RAW file with no embedded JPEG preview that LibRaw could read either ({reason})");
    }
}
