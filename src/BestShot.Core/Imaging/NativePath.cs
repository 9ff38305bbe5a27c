using System.Text;

namespace BestShot.Core.Imaging;

/// <summary>
/// File names as Linux keeps them: bytes, usually but not always UTF-8. .NET decodes names to strings and turns bytes
/// that are not UTF-8 into U+FFFD, after which the file cannot be opened. Here such a byte b is kept as the lone
/// surrogate U+DC00 + b (Python's "surrogateescape"), so the string maps back to the very bytes; messages show it as
/// \xNN (<see cref="Data.SafeText"/>).
/// </summary>
public static class NativePath
{
    const char EscapeBase = '\uDC00';

    /// <summary>The name's bytes, NUL-terminated, for the C library.</summary>
    public static byte[] Bytes(string path)
    {
        var bytes = new List<byte>(path.Length + 8);
        Span<byte> utf8 = stackalloc byte[4];
        for (int i = 0; i < path.Length; i++)
        {
            char c = path[i];
            if (c is >= '\uDC80' and <= '\uDCFF' && (i == 0 || !char.IsHighSurrogate(path[i - 1])))
            {
                bytes.Add((byte)(c - EscapeBase));
                continue;
            }
            int n =
                char.IsHighSurrogate(c) && i + 1 < path.Length && char.IsLowSurrogate(path[i + 1])
                    ? Encoding.UTF8.GetBytes(path.AsSpan(i++, 2), utf8)
                    : Encoding.UTF8.GetBytes(path.AsSpan(i, 1), utf8);
            for (int k = 0; k < n; k++)
                bytes.Add(utf8[k]);
        }
        bytes.Add(0);
        return [.. bytes];
    }

    /// <summary>A name's bytes as a string: UTF-8 where they are, each other byte escaped (see the summary).</summary>
    public static string FromBytes(ReadOnlySpan<byte> name)
    {
        var s = new StringBuilder(name.Length);
        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true);
        int i = 0;
        while (i < name.Length)
        {
            int len = SequenceLength(name[i]);
            if (len > 0 && i + len <= name.Length)
            {
                try
                {
                    s.Append(decoder.GetString(name.Slice(i, len)));
                    i += len;
                    continue;
                }
                catch (DecoderFallbackException) { }
            }
            s.Append((char)(EscapeBase + name[i]));
            i++;
        }
        return s.ToString();
    }

    /// <summary>True when the path holds a byte that is not UTF-8 (so only this class's helpers can open it).</summary>
    public static bool HasEscapes(string path) => Data.SafeText.HasEscapedBytes(path);

    static int SequenceLength(byte b) =>
        b < 0x80 ? 1
        : b is >= 0xC2 and <= 0xDF ? 2
        : b is >= 0xE0 and <= 0xEF ? 3
        : b is >= 0xF0 and <= 0xF4 ? 4
        : 0;
}
