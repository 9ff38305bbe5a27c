using BestShot.Core.Data;

namespace BestShot.Core.Import;

/// <summary>What an import read, kept and skipped. Every skip names its source (file, line or post) and the reason.</summary>
public sealed class ImportReport
{
    public int RowsRead { get; set; }
    public List<(string Where, string Reason)> Skipped { get; } = [];
    public int Users { get; set; }

    /// <summary>Called as each skip happens, so a CLI can print it at once.</summary>
    public Action<string>? OnSkip { get; init; }

    public void Skip(string where, string reason)
    {
        // One line per skip, whatever the file held: a quoted CSV field may carry line breaks or control characters.
        (where, reason) = (SafeText.OneLine(where), SafeText.OneLine(reason));
        Skipped.Add((where, reason));
        OnSkip?.Invoke($"{where}: {reason}");
    }
}
