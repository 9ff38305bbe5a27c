using System.Text.RegularExpressions;

namespace BestShot.Tests;

/// <summary>A reference from one layer to a layer below it in the table: the file, and what it named.</summary>
public sealed record Climb(string File, string From, string To, string Named);

/// <summary>
/// The layering rule of docs/design.md, checked on source text: every `using` and every qualified name
/// (`BestShot.Core.Look.X`, `Core.Look.X`, or a sibling folder's `Look.X`) that names a layer lower in the table than
/// the file's own is a climb. The table is read from design.md's "Layers" section, so it lives in one place.
/// </summary>
public static class LayerRules
{
    /// <summary>The layers, top (used by all below) to bottom: "BestShot.Core/Data", ..., "BestShot.Cli".</summary>
    public static IReadOnlyList<string> FromDesign(string designMarkdown)
    {
        var section = designMarkdown[designMarkdown.IndexOf("\n## Layers", StringComparison.Ordinal)..];
        int next = section.IndexOf("\n## ", 5, StringComparison.Ordinal);
        if (next > 0)
            section = section[..next];
        return Regex
            .Matches(section, @"^\| *\d+ *\| *`src/([\w.]+(?:/\w+)?)/?` *\|", RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value)
            .ToList();
    }

    /// <summary>The layer a source file belongs to: its project's folder if the table lists it, else its project.</summary>
    public static string? LayerOf(string relativePath, IReadOnlyList<string> layers)
    {
        var parts = relativePath.Replace('\\', '/').Split('/');
        if (parts.Length > 2 && layers.Contains($"{parts[0]}/{parts[1]}"))
            return $"{parts[0]}/{parts[1]}";
        return layers.Contains(parts[0]) ? parts[0] : null;
    }

    /// <summary>Every layer a source text names, with the text that named it.</summary>
    public static IEnumerable<(string Layer, string Named)> Named(string text, string ownLayer, IReadOnlyList<string> layers)
    {
        string project = ownLayer.Split('/')[0];
        string? Resolve(string proj, string folder) =>
            layers.Contains($"{proj}/{folder}") ? $"{proj}/{folder}"
            : layers.Contains(proj) ? proj
            : null;
        foreach (Match m in Regex.Matches(text, @"\bBestShot\.(\w+)(?:\.(\w+))?"))
            if (Resolve("BestShot." + m.Groups[1].Value, m.Groups[2].Value) is { } l)
                yield return (l, m.Value);
        // Inside namespace BestShot.X.Y, "Core.Look.Faces" and a sibling's "Look.Faces" resolve without a using.
        foreach (Match m in Regex.Matches(text, @"(?<![\w.])(\w+)\.(\w+)\.[A-Z]"))
            if (layers.Contains("BestShot." + m.Groups[1].Value) || layers.Any(l => l.StartsWith($"BestShot.{m.Groups[1].Value}/")))
                if (Resolve("BestShot." + m.Groups[1].Value, m.Groups[2].Value) is { } l)
                    yield return (l, m.Value);
        foreach (Match m in Regex.Matches(text, @"(?<![\w.])(\w+)\.[A-Z]\w*"))
            if (layers.Contains($"{project}/{m.Groups[1].Value}"))
                yield return ($"{project}/{m.Groups[1].Value}", m.Value);
    }

    /// <summary>The code of a source text: comments go, but what their crefs name stays (a cref must compile).</summary>
    public static string Code(string text) =>
        Regex.Replace(text, "//.*", m => string.Join(" ", Regex.Matches(m.Value, "cref=\"([^\"]+)\"").Select(c => c.Groups[1].Value)));

    /// <summary>The climbs in these files (path relative to src/, text).</summary>
    public static List<Climb> Climbs(IEnumerable<(string Path, string Text)> files, IReadOnlyList<string> layers)
    {
        var climbs = new List<Climb>();
        foreach (var (path, text) in files)
        {
            if (LayerOf(path, layers) is not { } own)
                continue;
            int me = layers.ToList().IndexOf(own);
            foreach (var (layer, named) in Named(Code(text), own, layers))
                if (layers.ToList().IndexOf(layer) > me)
                    climbs.Add(new Climb(path, own, layer, named));
        }
        return climbs;
    }
}
