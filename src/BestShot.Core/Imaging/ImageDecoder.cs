using BestShot.Core.Data;
using SkiaSharp;

namespace BestShot.Core.Imaging;

/// <summary>
/// Decodes any format Skia reads (JPEG, PNG, WebP, GIF, BMP, ICO, WBMP, HEIF where the platform has it) to 8-bit sRGB
/// RGB in display orientation. Colour-managed: embedded ICC profiles, CMYK, grayscale and 16-bit inputs are all
/// converted to sRGB by Skia. Transparent pixels are composited onto white, as a photo viewer shows them.
/// </summary>
public static partial class ImageDecoder
{
    static readonly DecodeOptions Full = new();

    /// <summary>
    /// No photo's image needs more bytes: a 100 MP JPEG is well under 100 MB, and a RAW (read whole for its preview)
    /// under 200. Reading stops at the image's end (<see cref="ImageExtent"/>), so what follows it costs nothing.
    /// </summary>
    const long MaxFileBytes = 400L << 20;

    /// <summary>
    /// Above this many pixels, formats that Skia cannot scale while decoding are decoded a row at a time into a
    /// shrunk image (<see cref="ScanlineDecode"/>). Below it they decode whole, exactly as before the memory budget.
    /// </summary>
    const long LargePixels = 16_000_000;

    public static RgbImage Decode(string path, DecodeOptions? options = null)
    {
        using var photo = Read(path);
        return Decode(photo.Data, path, options ?? Full);
    }

    /// <summary>A file's image bytes, or an <see cref="ImageDecodeException"/> with a one-line reason.</summary>
    public static byte[] ReadFile(string path, CancellationToken cancel = default)
    {
        try
        {
            using var stream = RegularFile.OpenRead(path);
            return ReadImage(stream, path, cancel);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageDecodeException(path, e is FileNotFoundException ? "file not found" : e.Message);
        }
    }

    /// <summary>
    /// A photo's image bytes with a lease on the <see cref="DecodeBudget"/> for everything its decodes will cost,
    /// taken from the header before the bytes are read: keep it until the photo's pixels are no longer needed.
    /// </summary>
    public static EncodedPhoto Read(string path, CancellationToken cancel = default)
    {
        DecodeBudget.Lease? lease = null;
        try
        {
            using var stream = RegularFile.OpenRead(path);
            lease = DecodeBudget.Take(Cost(stream, path), cancel);
            stream.Position = 0;
            return new EncodedPhoto(ReadImage(stream, path, cancel), lease);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ImageDecodeException)
        {
            lease?.Dispose();
            throw e as ImageDecodeException ?? new ImageDecodeException(path, e is FileNotFoundException ? "file not found" : e.Message);
        }
        catch
        {
            lease?.Dispose();
            throw;
        }
    }

    static byte[] ReadImage(Stream stream, string path, CancellationToken cancel)
    {
        var data = ImageExtent.Read(stream, path, MaxFileBytes, cancel);
        if (data.Length > 0 && RawFiles.IsRaw(path))
            data = RawFiles.Preview(path, data);
        return data.Length == 0 ? throw new ImageDecodeException(path, "empty file (0 bytes)") : data;
    }

    /// <summary>
    /// What reading and decoding a photo will hold at its peak, from its header: the file's bytes; for a progressive
    /// JPEG three bytes a pixel (libjpeg keeps its coefficients whole, even for a scaled decode; measured 310 MB for
    /// 100 MP), for a sequential one a quarter byte (rows and the scaled result); for other formats what a whole
    /// decode takes (RGBA, then RGB twice). A RAW's preview is not known yet: its file stands in.
    /// </summary>
    static long Cost(FileStream stream, string path)
    {
        long bytes = Math.Min(stream.Length, MaxFileBytes);
        if (RawFiles.IsRaw(path))
            return 2 * bytes + (64L << 20);
        var head = new byte[(int)Math.Min(bytes, 256 << 10)];
        stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        using var managed = new SKManagedStream(stream, disposeManagedStream: false);
        using var codec = SKCodec.Create(managed);
        if (codec == null)
            return bytes;
        long pixels = (long)codec.Info.Width * codec.Info.Height;
        return codec.EncodedFormat != SKEncodedImageFormat.Jpeg ? bytes + pixels * 10
            : JpegHeader.IsProgressive(head) ? bytes + pixels * 3
            : bytes + pixels / 4;
    }

    public static RgbImage Decode(byte[] data, string name, DecodeOptions options)
    {
        using var skData = Pinned(data);
        using var codec = Open(skData, name);
        CheckSize(codec.Info, name, options); // before the integrity check: the header alone is enough to refuse
        // Skia decodes a JPEG with a damaged middle without complaint; the byte structure often gives it away, and
        // libjpeg's entropy decode finds most of the rest.
        if (
            codec.EncodedFormat == SKEncodedImageFormat.Jpeg
            && options.CheckJpegData
            && (JpegIntegrity.Problem(data) ?? JpegEntropy.Problem(data)) is string corrupt
        )
            throw new ImageDecodeException(name, corrupt);
        return Decode(codec, data, name, options);
    }

    /// <summary>The bytes as Skia data without a copy: pinned until Skia lets go of them.</summary>
    static SKData Pinned(byte[] data)
    {
        var pin = System.Runtime.InteropServices.GCHandle.Alloc(data, System.Runtime.InteropServices.GCHandleType.Pinned);
        return SKData.Create(pin.AddrOfPinnedObject(), data.Length, (_, _) => pin.Free());
    }

    /// <summary>
    /// A codec over bytes Skia holds natively. A .NET Stream is read back through managed callbacks: the 1/4-scale
    /// decode of a 1440×1080 JPEG took 5.5 ms that way and 3.8 ms this way. The codec owns the stream; `data` must
    /// outlive the codec.
    /// </summary>
    static SKCodec Open(SKData data, string name)
    {
        if (data.Size == 0)
            throw new ImageDecodeException(name, "empty file (0 bytes)");
        var stream = new SKMemoryStream(data);
        var codec = SKCodec.Create(stream, out var created);
        if (codec != null)
            return codec;
        stream.Dispose();
        throw new ImageDecodeException(
            name,
            created switch
            {
                // Skia cannot tell a short text file (an HTML page named .jpg) from a cut-off image: no image starts as text.
                SKCodecResult.IncompleteInput when IsText(data.AsSpan()) => "not an image (the file holds text)",
                SKCodecResult.IncompleteInput => "truncated image",
                _ => "not an image, or a format the decoder does not support",
            }
        );
    }

    /// <summary>Whether the first bytes are all printable ASCII or white space, as no image format's header is.</summary>
    static bool IsText(ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes[..Math.Min(bytes.Length, 64)])
            if (b is not ((>= 0x20 and < 0x7F) or (byte)'\t' or (byte)'\n' or (byte)'\r'))
                return false;
        return true;
    }

    static RgbImage Decode(SKCodec codec, byte[] data, string name, DecodeOptions options)
    {
        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0)
            throw new ImageDecodeException(name, "image has no pixels");

        var size = ChooseDecodeSize(codec, options.MinShortSide);
        if (LargeFactor(size, options.MinShortSide) is int factor && ScanlineDecode.Shrunk(codec, data, factor, name) is RgbImage shrunk)
            return Orientation.Apply(shrunk, OriginOf(codec, name));

        var target = Target(size.Width, size.Height);
        var rgba = Scratch.Rent<byte>(target.BytesSize); // it lives only until it becomes RGB
        try
        {
            PixelsInto(codec, target, name, rgba);
            return Orientation.Apply(RgbaOverWhite(rgba, size.Width, 0, 0, size.Width, size.Height), OriginOf(codec, name));
        }
        finally
        {
            Scratch.Return(rgba);
        }
    }

    /// <summary>The JPEG's own orientation; for a RAW's embedded preview, which records none, the RAW's.</summary>
    static SKEncodedOrigin OriginOf(SKCodec codec, string name) =>
        codec.EncodedOrigin == SKEncodedOrigin.TopLeft && RawFiles.IsRaw(name) ? RawFiles.Origin(name) : codec.EncodedOrigin;

    static void CheckSize(SKImageInfo info, string name, DecodeOptions options)
    {
        if ((long)info.Width * info.Height > options.MaxPixels)
            throw new ImageDecodeException(
                name,
                FormattableString.Invariant($"too large: {info.Width}×{info.Height} ({(double)info.Width * info.Height / 1e6:0.#} MP; ")
                    + FormattableString.Invariant($"the limit is {options.MaxPixels / 1e6:0.#} MP, see --max-megapixels)")
            );
    }

    internal const string Truncated = "truncated image (the file ends before the pixel data does)";

    /// <summary>The factor a large image is shrunk by while decoded by rows, keeping its short side ≥ the minimum.</summary>
    static int? LargeFactor(SKSizeI size, int? minShortSide)
    {
        if (minShortSide is not int min || (long)size.Width * size.Height <= LargePixels)
            return null;
        int factor = Math.Min(size.Width, size.Height) / Math.Max(1, min);
        return factor >= 2 ? factor : null;
    }

    /// <summary>8-bit RGBA in sRGB, unpremultiplied: what every decode here asks Skia for.</summary>
    static SKImageInfo Target(int width, int height) =>
        new(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul, SKColorSpace.CreateSrgb());

    /// <summary>The whole image at the target's size, or the decoder's failure as a one-line reason.</summary>
    static byte[] Pixels(SKCodec codec, SKImageInfo target, string name)
    {
        var rgba = new byte[target.BytesSize];
        PixelsInto(codec, target, name, rgba);
        return rgba;
    }

    /// <summary>The whole image at the target's size into `rgba` (at least target.BytesSize long).</summary>
    static void PixelsInto(SKCodec codec, SKImageInfo target, string name, byte[] rgba)
    {
        SKCodecResult result;
        unsafe
        {
            fixed (byte* p = rgba)
                result = codec.GetPixels(target, (IntPtr)p);
        }
        // IncompleteInput leaves the missing rows filled; a cut-off photo is not a photo worth scoring.
        if (result == SKCodecResult.IncompleteInput)
            throw new ImageDecodeException(name, Truncated);
        if (result != SKCodecResult.Success)
            throw new ImageDecodeException(name, $"could not decode pixels ({result})");
    }

    /// <summary>
    /// The smallest size the codec decodes to directly (JPEG's DCT scaling; WebP's too, for a large image) whose short
    /// side is still at least minShortSide; full size otherwise.
    /// </summary>
    static SKSizeI ChooseDecodeSize(SKCodec codec, int? minShortSide)
    {
        var full = codec.Info.Size;
        bool scales = codec.EncodedFormat == SKEncodedImageFormat.Jpeg || (long)full.Width * full.Height > LargePixels;
        if (minShortSide is not int min || !scales)
            return full;
        foreach (float scale in new[] { 0.125f, 0.25f, 0.5f })
        {
            var s = codec.GetScaledDimensions(scale);
            if (Math.Min(s.Width, s.Height) >= min && s.Width < full.Width)
                return s;
        }
        return full;
    }
}
