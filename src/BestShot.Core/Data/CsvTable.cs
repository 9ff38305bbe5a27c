using nietras.SeparatedValues;

namespace BestShot.Core.Data;

/// <summary>
/// A CSV file written by Sep in one atomic step: a header, then one row an item, its fields in the columns' order (fields
/// with commas or quotes escaped).
/// </summary>
public static class CsvTable
{
    public static void WriteAtomically<T>(string path, IReadOnlyList<string> columns, IEnumerable<T> items, Func<T, string[]> fields)
    {
        AtomicFile.Write(
            path,
            tmp =>
            {
                using var writer = Sep.New(',').Writer(o => o with { Escape = true }).ToFile(tmp);
                // Sep writes the header with the first row, so an empty table gets its header by hand.
                writer.Header.Add(columns);
                writer.Header.Write();
                foreach (var item in items)
                {
                    using var row = writer.NewRow();
                    string[] values = fields(item);
                    for (int i = 0; i < columns.Count; i++)
                        row[columns[i]].Set(values[i]);
                }
            }
        );
    }
}
