using System.Globalization;
using System.Text.Json;
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
        using var reader = Sep.Reader(o => o with { Unescape = true, Trim = SepTrim.All }).FromFile(path);
        var names = reader.Header.ColNames;
        int line = 1;
        foreach (var row in reader)
        {
            line++;
            var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var name in names) fields[name] = row[name].ToString();
            yield return FromFields($"{Path.GetFileName(path)}:{line}", fields, baseDir);
        }
    }

    static IEnumerable<RawPost> ReadJsonLines(string path)
    {
        string baseDir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        int line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            string where = $"{Path.GetFileName(path)}:{line}";
            Dictionary<string, string>? fields = null;
            string? error = null;
            try
            {
                using var doc = JsonDocument.Parse(text);
                if (doc.RootElement.ValueKind != JsonValueKind.Object) error = "not a JSON object";
                else
                {
                    fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    foreach (var p in doc.RootElement.EnumerateObject())
                        if (p.Value.ValueKind != JsonValueKind.Null)
                            fields[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
                }
            }
            catch (JsonException e) { error = $"invalid JSON ({e.Message.Split('.')[0]})"; }
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
            if (t == null) return null;
            if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)) return d;
            errors.Add($"{name} '{t}' is not a number");
            return null;
        }
        long? Time(string name)
        {
            var t = Text(name);
            if (t == null) return null;
            if (TimeParser.TryParse(t, out long s)) return s;
            errors.Add($"{name} '{t}' is not a unix time or an ISO 8601 date");
            return null;
        }
        string? image = Text("image_path");
        var raw = new RawPost
        {
            Where = where,
            PostId = Text("post_id"),
            UserId = Text("user_id"),
            ImagePath = image == null ? null : Path.GetFullPath(Path.Combine(baseDir, image)),
            Likes = Number("likes"),
            AvgLikes = Number("avg_likes"),
            Followers = Number("followers"),
            Following = Number("following"),
            PostTime = Time("post_time"),
            ScrapTime = Time("scrap_time"),
        };
        return errors.Count == 0 ? raw : raw with { ParseError = string.Join("; ", errors) };
    }
}
