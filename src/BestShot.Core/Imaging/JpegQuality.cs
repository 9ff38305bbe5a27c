namespace BestShot.Core.Imaging;

/// <summary>
/// The quality a JPEG was saved at, estimated from its luminance quantisation table the way libjpeg scales the standard
/// table (quality 50 is the table itself; 90 divides it by 5). Blocks show in smooth gradients even at quality 92, so a
/// measure of block edges alone called clean wallpapers "heavy JPEG"; the table says how hard the file was compressed.
/// </summary>
public static class JpegQuality
{
    /// <summary>The standard luminance table of the JPEG specification (Annex K), in zig-zag order as stored.</summary>
    static readonly int[] Standard =
    [
        16,
        11,
        12,
        14,
        12,
        10,
        16,
        14,
        13,
        14,
        18,
        17,
        16,
        19,
        24,
        40,
        26,
        24,
        22,
        22,
        24,
        49,
        35,
        37,
        29,
        40,
        58,
        51,
        61,
        60,
        57,
        51,
        56,
        55,
        64,
        72,
        92,
        78,
        64,
        68,
        87,
        69,
        55,
        56,
        80,
        109,
        81,
        87,
        95,
        98,
        103,
        104,
        103,
        62,
        77,
        113,
        121,
        112,
        100,
        120,
        92,
        101,
        103,
        99,
    ];

    /// <summary>1–100, or null when the data is not a JPEG or has no 8-bit luminance table before its image data.</summary>
    public static int? Estimate(ReadOnlySpan<byte> d) =>
        JpegHeader.Find(d, m => m == 0xDB) is { } dqt ? FromTables(d.Slice(dqt.Start, dqt.Length)) : null;

    static int? FromTables(ReadOnlySpan<byte> t)
    {
        for (int p = 0; p + 65 <= t.Length; )
        {
            int precision = t[p] >> 4,
                id = t[p] & 15;
            if (precision != 0)
            {
                p += 129; // a 16-bit table: not what 8-bit photos use
                continue;
            }
            if (id == 0)
            {
                double sum = 0;
                for (int k = 0; k < 64; k++)
                    sum += 100.0 * t[p + 1 + k] / Standard[k];
                double scale = sum / 64;
                double q = scale <= 100 ? (200 - scale) / 2 : 5000 / scale;
                return (int)Math.Clamp(Math.Round(q), 1, 100);
            }
            p += 65;
        }
        return null;
    }
}
