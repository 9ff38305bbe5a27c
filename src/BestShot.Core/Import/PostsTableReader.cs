using System.Globalization;
using System.Text.Json;
using BestShot.Core.Data;
using nietras.SeparatedValues;

namespace BestShot.Core.Import;

/// <summary>
/// Reads a posts table: CSV (any extension but .jsonl/.ndjson) or JSON Lines. Columns: post_id, user_id, image_path
/// (relative to the table's folder), likes, followers, following, post_time, scrap_time, and optionally avg_likes.
/// </summary>
public static class PostsTableReader
{
    public static IEnumerable<RawPost> Read(string path)
    {
        string ext = Path.GetExtension(path).ToLowerInvariant();
        return ext is ".jsonl" or ".ndjson" ? ReadJsonLines(path) : ReadCsv(path);
    }

    static IEnumerable<RawPost> ReadCsv(string path)
    {
        string baseDir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        SepReader reader;
        // Sep refuses a header with a repeated column name; that is the table's problem, said in one line.
        try
        {
            reader = Sep.Reader(o => o with { Unescape = true, Trim = SepTrim.All, DisableColCountCheck = true }).FromFile(path);
        }
        catch (ArgumentException e)
        {
            throw new DatasetException($"{path}: bad header ({e.Message.Split('\n')[0]})");
        }
        using (reader)
        {
            var names = reader.Header.ColNames;
            int line = 1;
            foreach (var row in reader)
            {
                line++;
                string where = $"{Path.GetFileName(path)}:{line}";
                // A row with a missing or extra field is one bad row, not a bad table.
                if (row.ColCount != names.Count)
                {
                    yield return new RawPost { Where = where, ParseError = $"{row.ColCount} fields where the header has {names.Count}" };
                    continue;
                }
                var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                for (int c = 0; c < names.Count; c++)
                    fields[names[c]] = row[c].ToString();
                yield return FromFields(where, fields, baseDir);
            }
        }
    }

    static IEnumerable<RawPost> ReadJsonLines(string path)
    {
        string baseDir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        int line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
                continue;
            string where = $"{Path.GetFileName(path)}:{line}";
            Dictionary<string, string>? fields = null;
            string? error = null;
            try
            {
                using var doc = JsonDocument.Parse(text);
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                    error = "not a JSON object";
                else
                {
                    fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    foreach (var p in doc.RootElement.EnumerateObject())
                        if (p.Value.ValueKind != JsonValueKind.Null)
                            fields[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
                }
            }
            catch (JsonException e)
            {
                error = $"invalid JSON ({e.Message.Split('.')[0]})";
            }
            yield return fields == null ? new RawPost { Where = where, ParseError = error } : FromFields(where, fields, baseDir);
        }
    }

    static RawPost FromFields(string where, Dictionary<string, string> f, string baseDir)
    {
        var errors = new List<string>();
        string? Text(string name) => f.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        double? Number(string name)
        {
            var t = Text(name);
            if (t == null)
                return null;
            if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
                return d;
            errors.Add($"{name} '{t}' is not a number");
            return null;
        }
        long? Time(string name)
        {
            var t = Text(name);
            if (t == null)
                return null;
            if (TimeParser.TryParse(t, out long s))
                return s;
            errors.Add($"{name} '{t}' is not a unix time or an ISO 8601 date");
            return null;
        }
        string? image = Text("image_path");
        var raw = new RawPost
        {
            Where = where,
            PostId = Text("post_id"),
            UserId = Text("user_id"),
            ImagePath = image == null ? null : FullPath(baseDir, image, errors),
            Likes = Number("likes"),
            AvgLikes = Number("avg_likes"),
            Followers = Number("followers"),
            Following = Number("following"),
            PostTime = Time("post_time"),
            ScrapTime = Time("scrap_time"),
        };
        return errors.Count == 0 ? raw : raw with { ParseError = string.Join("; ", errors) };
    }

    static string? FullPath(string baseDir, string image, List<string> errors)
    {
        if (image.IndexOfAny(['\0', '\n', '\r']) < 0)
            return Path.GetFullPath(Path.Combine(baseDir, image));
        errors.Add("image_path holds a control character");
        return null;
    }
}
