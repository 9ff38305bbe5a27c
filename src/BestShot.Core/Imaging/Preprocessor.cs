namespace BestShot.Core.Imaging;

/// <summary>
/// BestShot's one preprocessing contract, shared by training and inference:
/// decode (scaled JPEG decode when the photo is far larger than needed) → EXIF orientation → 8-bit sRGB RGB →
/// shortest side to 224 with antialiased Lanczos3 → centre crop 224×224 → ImageNet normalisation, CHW float.
/// </summary>
public static class Preprocessor
{
    public const int Size = 224;

    /// <summary>Floats in one preprocessed view: 3 × 224 × 224, CHW.</summary>
    public const int TensorLength = 3 * Size * Size;
    public static readonly float[] Mean = [0.485f, 0.456f, 0.406f];
    public static readonly float[] Std = [0.229f, 0.224f, 0.225f];

    /// <summary>Scaled decode keeps the short side at least this long, so Lanczos still downsamples (never upsamples).</summary>
    public static readonly DecodeOptions GlobalViewDecode = new() { MinShortSide = Size };

    /// <summary>The seed's view of a photo: shortest side 224, centre crop, as 8-bit RGB.</summary>
    public static RgbImage CenterView(RgbImage image)
    {
        var (w, h) = ResizedSize(image.Width, image.Height);
        return LanczosResizer.ResizeWindow(image, w, h, (w - Size) / 2, (h - Size) / 2, Size, Size);
    }

    /// <summary>Size after scaling the shortest side to 224; the other side is rounded half up.</summary>
    public static (int Width, int Height) ResizedSize(int width, int height)
    {
        if (width <= height)
            return (Size, (int)Math.Floor(height * (double)Size / width + 0.5));
        return ((int)Math.Floor(width * (double)Size / height + 0.5), Size);
    }

    public static float[] Load(string path) => ToTensor(CenterView(ImageDecoder.Decode(path, GlobalViewDecode)));

    /// <summary>ImageNet-normalised CHW floats from a 224×224 RGB image.</summary>
    public static float[] ToTensor(RgbImage view)
    {
        var t = new float[3 * view.Width * view.Height];
        ToTensor(view, t);
        return t;
    }

    public static void ToTensor(RgbImage view, Span<float> destination)
    {
        int plane = view.Width * view.Height;
        byte[] p = view.Pixels;
        for (int c = 0; c < 3; c++)
        {
            float scale = 1f / (255f * Std[c]),
                offset = Mean[c] / Std[c];
            var dst = destination.Slice(c * plane, plane);
            for (int i = 0; i < plane; i++)
                dst[i] = p[i * 3 + c] * scale - offset;
        }
    }
}
