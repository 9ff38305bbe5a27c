namespace BestShot.Core.Imaging;

/// <summary>The marker segments of a JPEG before its image data, read without decoding anything.</summary>
public static class JpegHeader
{
    /// <summary>
    /// The first segment before the image data whose marker `wanted` accepts: its marker and body; null when the bytes
    /// are not a JPEG, or the header ends (or the image data starts) first.
    /// </summary>
    public static (byte Marker, int Start, int Length)? Find(ReadOnlySpan<byte> d, Func<byte, bool> wanted)
    {
        if (d.Length < 4 || d[0] != 0xFF || d[1] != 0xD8)
            return null;
        int i = 2;
        while (i + 4 <= d.Length && d[i] == 0xFF)
        {
            byte marker = d[i + 1];
            if (marker == 0xFF)
            {
                i++;
                continue;
            }
            if (marker is 0xDA or 0xD9)
                return null;
            int length = (d[i + 2] << 8) | d[i + 3];
            if (length < 2 || i + 2 + length > d.Length)
                return null;
            if (wanted(marker))
                return (marker, i + 4, length - 2);
            i += 2 + length;
        }
        return null;
    }

    /// <summary>Whether the frame is progressive (SOF2, SOF6, SOF10, SOF14).</summary>
    public static bool IsProgressive(ReadOnlySpan<byte> d) =>
        Find(d, m => m is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC)) is { } sof && sof.Marker is 0xC2 or 0xC6 or 0xCA or 0xCE;
}
