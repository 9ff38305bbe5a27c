namespace BestShot.Core.Imaging;

/// <summary>
/// A cheap structural check of a JPEG's entropy-coded data, one pass over the bytes with no decoding. Skia (through
/// libjpeg-turbo) decodes a JPEG with a corrupt middle without complaint: libjpeg's "Corrupt JPEG data" warnings do
/// not reach SkiaSharp, and the damaged blocks come out as grey or smeared pixels. This finds what the byte
/// structure gives away:
/// - a marker that cannot occur inside or between scans (0xFF followed by a byte no encoder writes there);
/// - restart markers out of sequence, or fewer or more of them than the frame's restart interval implies
///   (cameras write restart markers, so a zeroed or overwritten stretch of a camera JPEG usually shows here);
/// - a scan that runs into the end of the file.
/// It cannot see corrupt bytes that still form valid Huffman codes and marker structure: finding those needs a full
/// entropy decode. A valid JPEG never fails it, so it has no false alarms by construction.
/// </summary>
public static class JpegIntegrity
{
    const string Truncated = "truncated image (the file ends inside the image data)";

    /// <summary>Null when the structure is sound (or the file is not a JPEG), else a short reason.</summary>
    public static string? Problem(ReadOnlySpan<byte> d)
    {
        if (d.Length < 4 || d[0] != 0xFF || d[1] != 0xD8)
            return null;
        int width = 0,
            height = 0,
            components = 0,
            hMax = 1,
            vMax = 1,
            restartInterval = 0;
        bool progressive = false;
        int i = 2;
        while (true)
        {
            // Between segments: fill bytes 0xFF, then a marker.
            if (i >= d.Length)
                return Truncated;
            if (d[i] != 0xFF)
                return $"corrupt data: expected a marker at byte {i}";
            while (i < d.Length && d[i] == 0xFF)
                i++;
            if (i >= d.Length)
                return Truncated;
            byte marker = d[i++];
            if (marker == 0xD9)
                return null; // EOI; anything after it (maker notes, previews) is not ours to judge
            if (marker is >= 0xD0 and <= 0xD7)
                return $"corrupt data: restart marker outside a scan at byte {i - 2}";
            if (marker is 0x00 or 0x01 or 0xD8)
                return $"corrupt data: unexpected marker 0x{marker:X2} at byte {i - 2}";
            if (i + 2 > d.Length)
                return Truncated;
            int length = (d[i] << 8) | d[i + 1];
            if (length < 2 || i + length > d.Length)
                return $"corrupt data: segment 0x{marker:X2} at byte {i - 2} has a bad length";
            var segment = d.Slice(i + 2, length - 2);
            i += length;
            switch (marker)
            {
                case >= 0xC0 and <= 0xCF when marker is not (0xC4 or 0xC8 or 0xCC): // SOFn
                    if (segment.Length < 6)
                        return "corrupt data: short frame header";
                    progressive = marker is 0xC2 or 0xC6 or 0xCA or 0xCE;
                    height = (segment[1] << 8) | segment[2];
                    width = (segment[3] << 8) | segment[4];
                    components = segment[5];
                    for (int c = 0; c < components && 6 + 3 * c + 1 < segment.Length; c++)
                    {
                        hMax = Math.Max(hMax, segment[6 + 3 * c + 1] >> 4);
                        vMax = Math.Max(vMax, segment[6 + 3 * c + 1] & 15);
                    }
                    break;
                case 0xDD: // DRI
                    if (segment.Length >= 2)
                        restartInterval = (segment[0] << 8) | segment[1];
                    break;
                case 0xDA: // SOS: the entropy-coded data follows the header
                    int scanComponents = segment.Length > 0 ? segment[0] : 0;
                    var scan = ScanEnd(d, i, out int restarts);
                    if (scan.Problem != null)
                        return scan.Problem;
                    // The count is exact only for an interleaved scan over every component, in a sequential frame.
                    if (restartInterval > 0 && !progressive && scanComponents == components && components > 1 && width > 0 && height > 0)
                    {
                        long mcus = (long)((width + 8 * hMax - 1) / (8 * hMax)) * ((height + 8 * vMax - 1) / (8 * vMax));
                        long expected = (mcus + restartInterval - 1) / restartInterval - 1;
                        if (restarts != expected)
                            return $"corrupt data: {restarts} restart markers where the frame needs {expected}";
                    }
                    i = scan.End;
                    break;
            }
        }
    }

    /// <summary>Walks entropy-coded data from `start` to the marker that ends it, checking restart markers.</summary>
    static (int End, string? Problem) ScanEnd(ReadOnlySpan<byte> d, int start, out int restarts)
    {
        restarts = 0;
        int i = start;
        while (true)
        {
            int ff = d[i..].IndexOf((byte)0xFF);
            if (ff < 0)
                return (d.Length, Truncated);
            i += ff;
            if (i + 1 >= d.Length)
                return (d.Length, Truncated);
            byte next = d[i + 1];
            if (next == 0x00)
            {
                i += 2;
                continue;
            } // a stuffed 0xFF data byte
            if (next == 0xFF)
            {
                i++;
                continue;
            } // fill
            if (next is >= 0xD0 and <= 0xD7)
            {
                if (next - 0xD0 != restarts % 8)
                    return (i, $"corrupt data: restart marker {next - 0xD0} where {restarts % 8} belongs, at byte {i}");
                restarts++;
                i += 2;
                continue;
            }
            // Any other marker ends the scan: only segment markers and end-of-image may follow a scan.
            bool allowed = next is 0xD9 or 0xDA or 0xC4 or 0xCC or 0xDB or 0xDD or 0xDC or 0xFE or (>= 0xE0 and <= 0xEF);
            return allowed ? (i, null) : (i, $"corrupt data: invalid marker 0xFF{next:X2} inside the image data at byte {i}");
        }
    }
}
