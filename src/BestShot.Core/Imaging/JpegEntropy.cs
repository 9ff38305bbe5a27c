using ImageMagick;

namespace BestShot.Core.Imaging;

/// <summary>
/// A full entropy decode of a JPEG's image data through libjpeg (inside Magick.NET), which reports what Skia hides:
/// Skia fills a damaged scan with grey or shifted blocks and says nothing, while libjpeg warns "Corrupt JPEG data: bad
/// Huffman code", "premature end of data segment" or "N extraneous bytes before marker". The decode is asked for at
/// 1/8 scale (32 px): every MCU's coefficients are still read, which is what finds the damage, but almost no inverse
/// DCT is done, so it costs about 2 ms a photo. <see cref="JpegIntegrity"/> reads the byte structure first.
/// </summary>
public static class JpegEntropy
{
    /// <summary>Null when every MCU decodes cleanly, else "corrupt data: " and libjpeg's own words.</summary>
    public static string? Problem(byte[] data)
    {
        var settings = new MagickReadSettings { Format = MagickFormat.Jpeg };
        settings.SetDefine(MagickFormat.Jpeg, "size", "32x32");
        string? warning = null;
        try
        {
            using var image = new MagickImage();
            // Only libjpeg's data warnings count: a photo's XMP packet can carry XML that Magick warns about.
            image.Warning += (_, e) =>
            {
                if (e.Message.Contains("Corrupt JPEG data", StringComparison.OrdinalIgnoreCase))
                    warning ??= e.Message;
            };
            image.Read(data, settings);
        }
        catch (MagickException e)
        {
            return $"corrupt data: {Data.SafeText.OneLine(Clean(e.Message))}";
        }
        return warning == null ? null : $"corrupt data: {Data.SafeText.OneLine(Clean(warning))}";
    }

    /// <summary>libjpeg's message without Magick's source location ("`' @ warning/jpeg.c/...").</summary>
    static string Clean(string message)
    {
        int at = message.IndexOf(" `", StringComparison.Ordinal);
        return (at > 0 ? message[..at] : message).Trim();
    }
}
