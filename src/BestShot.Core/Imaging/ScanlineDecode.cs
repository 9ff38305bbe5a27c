using SkiaSharp;

namespace BestShot.Core.Imaging;

/// <summary>
/// Decodes a large image a row at a time, for the formats Skia cannot scale while decoding: a 9999×9999 PNG of 285 KB
/// decoded whole takes 400 MB of RGBA, while its rows, box-averaged as they come, take one row and the small result.
/// PNG rows come from <see cref="PngRows"/> (Skia's PNG codec decodes only whole), other formats from Skia's scanline
/// decoder where it has one (BMP, WBMP). Both methods return null where neither applies: the caller decodes whole.
/// </summary>
static class ScanlineDecode
{
    /// <summary>The stored image shrunk by `factor` on each side (box average, over white), or null.</summary>
    public static RgbImage? Shrunk(SKCodec codec, byte[] data, int factor, string name)
    {
        using var rows = RowsOf(codec, data, name);
        if (rows == null)
            return null;
        int ow = rows.Width / factor,
            oh = rows.Height / factor,
            area = factor * factor;
        var rgb = new byte[rows.Width * 3];
        var sums = new int[ow * 3];
        var result = new RgbImage(ow, oh);
        for (int oy = 0; oy < oh; oy++)
        {
            Array.Clear(sums);
            for (int r = 0; r < factor; r++)
            {
                rows.Next(rgb);
                for (int ox = 0, src = 0; ox < ow; ox++)
                for (int j = 0; j < factor; j++, src += 3)
                {
                    sums[ox * 3] += rgb[src];
                    sums[ox * 3 + 1] += rgb[src + 1];
                    sums[ox * 3 + 2] += rgb[src + 2];
                }
            }
            for (int i = 0; i < sums.Length; i++)
                result.Pixels[oy * ow * 3 + i] = (byte)((sums[i] + area / 2) / area);
        }
        return result;
    }

    /// <summary>Rows [y0, y0+count) of the stored image, full width, as RGBA (opaque: already over white); or null.</summary>
    public static byte[]? Rows(SKCodec codec, byte[] data, int y0, int count, string name)
    {
        using var rows = RowsOf(codec, data, name);
        if (rows == null)
            return null;
        var rgb = new byte[rows.Width * 3];
        for (int y = 0; y < y0; y++)
            rows.Next(rgb);
        var rgba = new byte[rows.Width * 4 * count];
        for (int y = 0; y < count; y++)
        {
            rows.Next(rgb);
            for (int x = 0, i = y * rows.Width * 4; x < rows.Width; x++, i += 4)
            {
                rgba[i] = rgb[x * 3];
                rgba[i + 1] = rgb[x * 3 + 1];
                rgba[i + 2] = rgb[x * 3 + 2];
                rgba[i + 3] = 255;
            }
        }
        return rgba;
    }

    /// <summary>A source of RGB rows over white, top to bottom.</summary>
    abstract class RowSource(int width, int height, string name) : IDisposable
    {
        public int Width { get; } = width;
        public int Height { get; } = height;

        public void Next(byte[] rgb)
        {
            try
            {
                Read(rgb);
            }
            catch (Exception e) when (e is EndOfStreamException or InvalidDataException)
            {
                throw new ImageDecodeException(name, ImageDecoder.Truncated);
            }
        }

        protected abstract void Read(byte[] rgb);

        public virtual void Dispose() { }
    }

    static RowSource? RowsOf(SKCodec codec, byte[] data, string name)
    {
        if (codec.EncodedFormat == SKEncodedImageFormat.Png)
            return PngRows.Open(data) is PngRows png ? new PngSource(png, name) : null;
        var target = new SKImageInfo(
            codec.Info.Width,
            codec.Info.Height,
            SKColorType.Rgba8888,
            SKAlphaType.Unpremul,
            SKColorSpace.CreateSrgb()
        );
        bool started = codec.ScanlineOrder == SKCodecScanlineOrder.TopDown && codec.StartScanlineDecode(target) == SKCodecResult.Success;
        return started ? new SkiaSource(codec, target, name) : null;
    }

    sealed class PngSource(PngRows png, string name) : RowSource(png.Width, png.Height, name)
    {
        protected override void Read(byte[] rgb) => png.Next(rgb);

        public override void Dispose() => png.Dispose();
    }

    sealed class SkiaSource(SKCodec codec, SKImageInfo target, string name) : RowSource(target.Width, target.Height, name)
    {
        readonly byte[] _rgba = new byte[target.RowBytes];

        protected override void Read(byte[] rgb)
        {
            int got;
            unsafe
            {
                fixed (byte* p = _rgba)
                    got = codec.GetScanlines((IntPtr)p, 1, _rgba.Length);
            }
            if (got < 1)
                throw new EndOfStreamException();
            ImageDecoder.RgbaOverWhite(_rgba, Width, 0, 0, Width, 1).Pixels.CopyTo(rgb, 0);
        }
    }
}
