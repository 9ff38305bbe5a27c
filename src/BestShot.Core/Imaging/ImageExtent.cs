namespace BestShot.Core.Imaging;

/// <summary>
/// Where a JPEG's or PNG's image ends, found while the file is read, so that a photo followed by anything (a phone's
/// motion video, a gain map, or a gigabyte of zeros) costs only its image's bytes. JPEG: marker segments by their
/// lengths, entropy-coded data up to the next marker that is not a restart, until end-of-image. PNG: chunks by their
/// lengths until IEND. Both finders resume where they stopped when more bytes arrive. Anything they cannot follow is
/// read whole, up to the caller's limit, and left to the decoder and the integrity checks to judge.
/// </summary>
public sealed class ImageExtent
{
    enum Kind
    {
        Unknown,
        Jpeg,
        Png,
    }

    Kind _kind = Kind.Unknown;
    int _pos;
    bool _inScan;
    bool _lost;

    /// <summary>
    /// The image's end within the first `length` bytes of `data`, or -1 when it lies further on (or cannot be
    /// followed, in which case the whole file is the image).
    /// </summary>
    public int End(ReadOnlySpan<byte> data)
    {
        if (_lost)
            return -1;
        if (_kind == Kind.Unknown)
        {
            if (data.Length < 8)
                return -1;
            _kind =
                data[0] == 0xFF && data[1] == 0xD8 ? Kind.Jpeg
                : data[..8].SequenceEqual(PngSignature) ? Kind.Png
                : Kind.Unknown;
            if (_kind == Kind.Unknown)
            {
                _lost = true;
                return -1;
            }
            _pos = _kind == Kind.Jpeg ? 2 : 8;
        }
        int end = _kind == Kind.Jpeg ? JpegEnd(data) : PngEnd(data);
        if (end == Lost)
            _lost = true;
        return end < 0 ? -1 : end;
    }

    const int NeedMore = -1,
        Lost = -2;
    static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    int JpegEnd(ReadOnlySpan<byte> d)
    {
        while (true)
        {
            if (_inScan)
            {
                // Entropy-coded data: 0xFF 0x00 is a data byte, 0xFF 0xD0..D7 a restart; any other marker ends it.
                int ff = d[_pos..].IndexOf((byte)0xFF);
                if (ff < 0)
                {
                    _pos = d.Length;
                    return NeedMore;
                }
                int i = _pos + ff;
                if (i + 1 >= d.Length)
                {
                    _pos = i;
                    return NeedMore;
                }
                byte next = d[i + 1];
                if (next == 0x00 || next is >= 0xD0 and <= 0xD7)
                {
                    _pos = i + 2;
                    continue;
                }
                if (next == 0xFF)
                {
                    _pos = i + 1;
                    continue;
                }
                _pos = i;
                _inScan = false;
            }
            // Between segments: fill bytes, a marker, and (except for end-of-image) a two-byte length.
            int p = _pos;
            while (p < d.Length && d[p] == 0xFF)
                p++;
            if (p >= d.Length)
                return NeedMore;
            if (p == _pos)
                return Lost;
            byte marker = d[p];
            if (marker == 0xD9)
                return p + 1;
            if (p + 3 > d.Length)
                return NeedMore;
            int length = (d[p + 1] << 8) | d[p + 2];
            if (length < 2)
                return Lost;
            if (p + 1 + length > d.Length)
                return NeedMore;
            _pos = p + 1 + length;
            _inScan = marker == 0xDA;
        }
    }

    int PngEnd(ReadOnlySpan<byte> d)
    {
        while (true)
        {
            if (_pos + 8 > d.Length)
                return NeedMore;
            long length = ((long)d[_pos] << 24) | ((long)d[_pos + 1] << 16) | ((long)d[_pos + 2] << 8) | d[_pos + 3];
            if (length > int.MaxValue - 12)
                return Lost;
            bool iend = d.Slice(_pos + 4, 4).SequenceEqual("IEND"u8);
            long next = _pos + 12 + length;
            if (next > d.Length)
                return NeedMore;
            _pos = (int)next;
            if (iend)
                return _pos;
        }
    }

    /// <summary>
    /// Reads a file's image, stopping at its end (<see cref="End"/>) or at `limit` bytes, whichever comes first.
    /// Throws <see cref="ImageDecodeException"/> when the image would need more than `limit` bytes.
    /// </summary>
    public static byte[] Read(Stream stream, string path, long limit, CancellationToken cancel = default)
    {
        var extent = new ImageExtent();
        var buffer = new byte[(int)Math.Min(limit, 1 << 20)];
        int filled = 0;
        while (true)
        {
            cancel.ThrowIfCancellationRequested();
            if (filled == buffer.Length)
            {
                if (buffer.Length >= limit)
                {
                    // Past the limit: a file that goes on is too large, one that ends here is exactly the limit.
                    if (stream.ReadByte() < 0)
                        return buffer;
                    throw new ImageDecodeException(path, $"too large: the image runs past {limit >> 20} MB");
                }
                Array.Resize(ref buffer, (int)Math.Min(limit, (long)buffer.Length * 2));
            }
            int got = stream.Read(buffer, filled, Math.Min(buffer.Length - filled, 4 << 20));
            if (got == 0)
                return filled == buffer.Length ? buffer : buffer[..filled];
            filled += got;
            int end = extent.End(buffer.AsSpan(0, filled));
            if (end >= 0)
                return end == buffer.Length ? buffer : buffer[..end];
        }
    }
}
