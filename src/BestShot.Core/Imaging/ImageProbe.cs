using SkiaSharp;

namespace BestShot.Core.Imaging;

/// <summary>A cheap check that a file is an image the decoder can open, without decoding its pixels.</summary>
public static class ImageProbe
{
    public static string? Problem(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            if (stream.Length == 0) return "empty file (0 bytes)";
            using var codec = SKCodec.Create(stream, out var result);
            if (codec == null) return result == SKCodecResult.IncompleteInput ? "truncated image" : "not an image, or a format the decoder does not support";
            return codec.Info.Width <= 0 || codec.Info.Height <= 0 ? "image has no pixels" : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return e.Message; }
    }
}
