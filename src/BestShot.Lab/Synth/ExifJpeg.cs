using System.Globalization;
using BestShot.Core.Data;
using BestShot.Core.Imaging;
using ImageMagick;

namespace BestShot.Lab.Synth;

/// <summary>
/// Writes a JPEG with the EXIF a camera would record for grouping: capture time with sub-seconds and offset, make and
/// model, body serial, exposure bias. Magick.NET writes the EXIF block (SkiaSharp cannot), so the synthetic shoot is
/// read back by the same MetadataExtractor code as a real one.
/// </summary>
public static class ExifJpeg
{
    public sealed record Tags(DateTimeOffset Time, string Model, string Serial, double ExposureBias);

    public static void Write(RgbImage image, string path, int quality, Tags tags)
    {
        var settings = new PixelReadSettings((uint)image.Width, (uint)image.Height, StorageType.Char, PixelMapping.RGB);
        using var magick = new MagickImage();
        magick.ReadPixels(image.Pixels, settings);
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.Make, "BestShot");
        exif.SetValue(ExifTag.Model, tags.Model);
        exif.SetValue(ExifTag.SerialNumber, tags.Serial);
        exif.SetValue(ExifTag.DateTimeOriginal, tags.Time.ToString("yyyy:MM:dd HH:mm:ss", CultureInfo.InvariantCulture));
        long millis = tags.Time.Ticks % TimeSpan.TicksPerSecond / TimeSpan.TicksPerMillisecond;
        exif.SetValue(ExifTag.SubsecTimeOriginal, millis.ToString("D3", CultureInfo.InvariantCulture));
        exif.SetValue(ExifTag.OffsetTimeOriginal, tags.Time.ToString("zzz", CultureInfo.InvariantCulture));
        exif.SetValue(ExifTag.ExposureBiasValue, new SignedRational(tags.ExposureBias, bestPrecision: false));
        magick.SetProfile(exif);
        magick.Quality = (uint)quality;
        AtomicFile.Write(path, tmp => magick.Write(tmp, MagickFormat.Jpeg));
    }
}
