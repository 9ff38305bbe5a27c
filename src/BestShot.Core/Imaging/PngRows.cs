using System.Buffers.Binary;
using System.IO.Compression;

namespace BestShot.Core.Imaging;

/// <summary>
/// A PNG's rows one at a time, as RGB over white, for images too large to decode whole: Skia's PNG codec decodes only
/// into a buffer of the whole image. Non-interlaced PNGs of every colour type and depth; no colour management, which
/// the shrunk views of a 16 MP+ image do not need. Null from <see cref="Open"/> where it does not apply.
/// </summary>
public sealed class PngRows : IDisposable
{
    readonly ZLibStream _inflate;
    readonly int _channels,
        _depth,
        _stride,
        _pixelBytes;
    readonly byte[] _palette;
    readonly byte[] _paletteAlpha;
    readonly int[]? _transparent;
    byte[] _row,
        _previous;

    public int Width { get; }
    public int Height { get; }

    PngRows(int width, int height, int depth, int colourType, Stream idat, byte[] palette, byte[] paletteAlpha, int[]? transparent)
    {
        Width = width;
        Height = height;
        _depth = depth;
        _channels = colourType switch
        {
            0 or 3 => 1,
            4 => 2,
            2 => 3,
            _ => 4,
        };
        _stride = (int)(((long)width * _channels * depth + 7) / 8);
        _pixelBytes = Math.Max(1, _channels * depth / 8);
        _palette = colourType == 3 ? palette : [];
        _paletteAlpha = paletteAlpha;
        _transparent = transparent;
        _row = new byte[_stride];
        _previous = new byte[_stride];
        _inflate = new ZLibStream(idat, CompressionMode.Decompress);
    }

    bool IsPalette => _palette.Length > 0;

    /// <summary>A row reader, or null when the bytes are not a non-interlaced PNG this reader follows.</summary>
    public static PngRows? Open(byte[] d)
    {
        if (d.Length < 33 || BinaryPrimitives.ReadUInt32BigEndian(d.AsSpan(12)) != 0x49484452) // IHDR
            return null;
        int width = (int)Math.Min(int.MaxValue, BinaryPrimitives.ReadUInt32BigEndian(d.AsSpan(16))),
            height = (int)Math.Min(int.MaxValue, BinaryPrimitives.ReadUInt32BigEndian(d.AsSpan(20))),
            depth = d[24],
            colourType = d[25],
            interlace = d[28];
        bool valid = colourType switch
        {
            0 => depth is 1 or 2 or 4 or 8 or 16,
            3 => depth is 1 or 2 or 4 or 8,
            2 or 4 or 6 => depth is 8 or 16,
            _ => false,
        };
        if (!valid || interlace != 0 || width <= 0 || height <= 0)
            return null;
        var idat = new MemoryStream();
        byte[] palette = [],
            paletteAlpha = [];
        int[]? transparent = null;
        for (int i = 8; i + 12 <= d.Length; )
        {
            int length = (int)Math.Min(int.MaxValue - 12, BinaryPrimitives.ReadUInt32BigEndian(d.AsSpan(i)));
            if (i + 12L + length > d.Length)
                break;
            var type = d.AsSpan(i + 4, 4);
            var body = d.AsSpan(i + 8, length);
            if (type.SequenceEqual("IDAT"u8))
                idat.Write(body);
            else if (type.SequenceEqual("PLTE"u8))
                palette = body.ToArray();
            else if (type.SequenceEqual("tRNS"u8))
            {
                if (colourType == 3)
                    paletteAlpha = body.ToArray();
                else if (colourType is 0 or 2 && body.Length >= 2 * (colourType == 0 ? 1 : 3))
                {
                    transparent = new int[colourType == 0 ? 1 : 3];
                    for (int c = 0; c < transparent.Length; c++)
                        transparent[c] = (body[2 * c] << 8) | body[2 * c + 1];
                }
            }
            else if (type.SequenceEqual("IEND"u8))
                break;
            i += 12 + length;
        }
        if (colourType == 3 && palette.Length < 3)
            return null;
        idat.Position = 0;
        return new PngRows(width, height, depth, colourType, idat, palette, paletteAlpha, transparent);
    }

    /// <summary>The next row, as RGB over white, into `rgb` (Width × 3 bytes).</summary>
    public void Next(byte[] rgb)
    {
        (_row, _previous) = (_previous, _row);
        int filter = _inflate.ReadByte();
        if (filter < 0 || _inflate.ReadAtLeast(_row, _stride, throwOnEndOfStream: false) < _stride)
            throw new EndOfStreamException();
        Unfilter(filter);
        for (int x = 0; x < Width; x++)
            Pixel(x, rgb.AsSpan(x * 3, 3));
    }

    void Unfilter(int filter)
    {
        byte[] r = _row,
            p = _previous;
        int bpp = _pixelBytes;
        for (int i = 0; i < r.Length; i++)
        {
            int left = i >= bpp ? r[i - bpp] : 0,
                up = p[i],
                upLeft = i >= bpp ? p[i - bpp] : 0;
            r[i] = (byte)(
                r[i]
                + filter switch
                {
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => 0,
                }
            );
        }
    }

    static int Paeth(int a, int b, int c)
    {
        int p = a + b - c,
            pa = Math.Abs(p - a),
            pb = Math.Abs(p - b),
            pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a
            : pb <= pc ? b
            : c;
    }

    /// <summary>Sample c of pixel x, at the PNG's own depth.</summary>
    int Sample(int x, int c)
    {
        long bit = ((long)x * _channels + c) * _depth;
        return _depth switch
        {
            16 => (_row[bit / 8] << 8) | _row[bit / 8 + 1],
            8 => _row[bit / 8],
            _ => (_row[bit / 8] >> (8 - _depth - (int)(bit % 8))) & ((1 << _depth) - 1),
        };
    }

    byte To8(int v) =>
        _depth switch
        {
            16 => (byte)(v >> 8),
            8 => (byte)v,
            _ => (byte)(v * 255 / ((1 << _depth) - 1)),
        };

    void Pixel(int x, Span<byte> rgb)
    {
        int r,
            g,
            b,
            a = 255;
        if (IsPalette)
        {
            int index = Sample(x, 0);
            int at = Math.Min(index, _palette.Length / 3 - 1) * 3;
            (r, g, b) = (_palette[at], _palette[at + 1], _palette[at + 2]);
            a = index < _paletteAlpha.Length ? _paletteAlpha[index] : 255;
        }
        else if (_channels <= 2)
        {
            int v = Sample(x, 0);
            r = g = b = To8(v);
            if (_channels == 2)
                a = To8(Sample(x, 1));
            else if (_transparent != null && v == _transparent[0])
                a = 0;
        }
        else
        {
            int rv = Sample(x, 0),
                gv = Sample(x, 1),
                bv = Sample(x, 2);
            (r, g, b) = (To8(rv), To8(gv), To8(bv));
            if (_channels == 4)
                a = To8(Sample(x, 3));
            else if (_transparent != null && rv == _transparent[0] && gv == _transparent[1] && bv == _transparent[2])
                a = 0;
        }
        int white = 255 * (255 - a);
        rgb[0] = (byte)((r * a + white + 127) / 255);
        rgb[1] = (byte)((g * a + white + 127) / 255);
        rgb[2] = (byte)((b * a + white + 127) / 255);
    }

    public void Dispose() => _inflate.Dispose();
}
