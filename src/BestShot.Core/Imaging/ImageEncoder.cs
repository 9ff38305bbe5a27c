using BestShot.Core.Data;
using SkiaSharp;

namespace BestShot.Core.Imaging;

/// <summary>Writes RgbImages as JPEG or PNG, atomically.</summary>
public static class ImageEncoder
{
    public static byte[] Encode(RgbImage image, SKEncodedImageFormat format, int quality = 92)
    {
        var info = new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        var rgba = new byte[image.Width * image.Height * 4];
        byte[] p = image.Pixels;
        for (int i = 0, j = 0; j < p.Length; i += 4, j += 3)
        {
            rgba[i] = p[j];
            rgba[i + 1] = p[j + 1];
            rgba[i + 2] = p[j + 2];
            rgba[i + 3] = 255;
        }
        using var bitmap = new SKBitmap();
        unsafe
        {
            fixed (byte* ptr = rgba)
            {
                bitmap.InstallPixels(info, (IntPtr)ptr, info.RowBytes);
                using var data = bitmap.Encode(format, quality);
                return data.ToArray();
            }
        }
    }

    public static void SaveJpeg(RgbImage image, string path, int quality = 92) =>
        AtomicFile.WriteAllBytes(path, Encode(image, SKEncodedImageFormat.Jpeg, quality));
}
