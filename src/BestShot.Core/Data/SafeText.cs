namespace BestShot.Core.Data;

/// <summary>Text from files and file names, made safe for a one-line message.</summary>
public static class SafeText
{
    /// <summary>
    /// Control characters (line breaks, escapes) written as \xNN: a file name or a quoted CSV field may hold them,
    /// and one bad input must stay one line of output that a terminal shows as it is.
    /// </summary>
    public static string OneLine(string text) =>
        text.Any(char.IsControl) ? string.Concat(text.Select(c => char.IsControl(c) ? $"\\x{(int)c:X2}" : c.ToString())) : text;
}
