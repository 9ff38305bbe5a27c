namespace BestShot.Core.Data;

/// <summary>Text from files and file names, made safe for a one-line message.</summary>
public static class SafeText
{
    /// <summary>
    /// Control characters (line breaks, escapes) written as \xNN: a file name or a quoted CSV field may hold them,
    /// and one bad input must stay one line of output that a terminal shows as it is. A byte of a file name that is not
    /// UTF-8 (kept as U+DC80–U+DCFF, see Imaging.NativePath) is written as \xNN too.
    /// </summary>
    public static string OneLine(string text)
    {
        if (!text.Any(char.IsControl) && !HasEscapedBytes(text))
            return text;
        var s = new System.Text.StringBuilder(text.Length + 16);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsControl(c))
                s.Append($"\\x{(int)c:X2}");
            else if (IsEscapedByte(text, i))
                s.Append($"\\x{c - 0xDC00:X2}");
            else
                s.Append(c);
        }
        return s.ToString();
    }

    /// <summary>
    /// A path for JSON and CSV: as it is, except that each byte of a name that is not UTF-8 is written \xNN (JSON and
    /// CSV are Unicode; the replacement character would lose which byte it was).
    /// </summary>
    public static string PathText(string path)
    {
        if (!HasEscapedBytes(path))
            return path;
        var s = new System.Text.StringBuilder(path.Length + 8);
        for (int i = 0; i < path.Length; i++)
            s.Append(IsEscapedByte(path, i) ? $"\\x{path[i] - 0xDC00:X2}" : path[i]);
        return s.ToString();
    }

    /// <summary>Whether the text holds a byte of a file name that is not UTF-8 (see Imaging.NativePath).</summary>
    public static bool HasEscapedBytes(string text)
    {
        for (int i = 0; i < text.Length; i++)
            if (IsEscapedByte(text, i))
                return true;
        return false;
    }

    /// <summary>A lone low surrogate U+DC80–U+DCFF: the low half of a real pair follows a high surrogate.</summary>
    static bool IsEscapedByte(string text, int i) =>
        text[i] is >= '\uDC80' and <= '\uDCFF' && (i == 0 || !char.IsHighSurrogate(text[i - 1]));
}
