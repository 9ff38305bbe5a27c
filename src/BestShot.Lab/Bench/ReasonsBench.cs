using BestShot.Core.Facts;
using BestShot.Core.Look;

namespace BestShot.Lab.Bench;

/// <summary>What `bench reasons` reads, and which half of its sources.</summary>
public sealed record ReasonsBenchOptions
{
    /// <summary>A degradation set written by `synth degradations` (images/SOURCE/original.jpg and KIND_SEVERITY.jpg).</summary>
    public required string Data { get; init; }

    /// <summary>"even" or "odd" sources (by sorted name), or "all": thresholds are chosen on one half, reported on the other.</summary>
    public string Sources { get; init; } = "all";

    /// <summary>Spoil kinds measured besides the originals: those a reason speaks to, plus one it should stay quiet on.</summary>
    public IReadOnlyList<string> Kinds { get; init; } =
    ["MotionBlur", "GaussianBlur", "Noise", "Jpeg", "Underexposure", "Overexposure", "Tilt"];

    /// <summary>Looks are cached here by content hash (a score cache), so a rerun is quick.</summary>
    public string? CachePath { get; init; }
}

/// <summary>How often each reason is given to a group of photos (the originals, or one kind at one severity).</summary>
public sealed record ReasonRates(string Group, int Photos, IReadOnlyDictionary<string, double> Share);

/// <summary>
/// How often each reason is given on a degradation set: to the untouched originals (a false alarm, unless the source
/// really has the fault) and to each spoiled kind and severity (how much of a known fault the reason catches). This
/// is how the thresholds in <see cref="Reasons"/> were chosen (even sources) and reported (odd sources).
/// </summary>
public static class ReasonsBench
{
    /// <summary>Each reason's phrase with any number stripped ("tilted 4°" counts as "tilted").</summary>
    public static string Family(string reason) => reason.StartsWith("tilted", StringComparison.Ordinal) ? "tilted" : reason;

    /// <summary>The photos measured, each with its group ("original", or kind and severity), in group order.</summary>
    public static List<(string Group, string Path)> Photos(ReasonsBenchOptions o)
    {
        string images = Path.Combine(o.Data, "images");
        if (!Directory.Exists(images) && Directory.Exists(o.Data))
            return CleanPhotos(o);
        if (!Directory.Exists(images))
            throw new DirectoryNotFoundException($"{images}: not a degradation set (run `bestshot synth degradations`)");
        var sources = Half(Directory.GetDirectories(images).Order(StringComparer.Ordinal).ToList(), o.Sources);
        var groups = new List<(string Group, string File)> { ("original", "original") };
        foreach (var kind in o.Kinds)
            for (int s = 1; s <= 3; s++)
                groups.Add(($"{kind} {s}", $"{kind}_{s}"));
        return (
            from g in groups
            from src in sources
            let path = Path.Combine(src, g.File + ".jpg")
            where File.Exists(path)
            select (g.Group, Path: path)
        ).ToList();
    }

    /// <summary>
    /// A folder of clean photos instead of a degradation set: every reason given is a false alarm (unless the photo
    /// really has the fault), counted per first-level folder ("clean kodak24"), so each collection shows its own rate.
    /// </summary>
    static List<(string Group, string Path)> CleanPhotos(ReasonsBenchOptions o)
    {
        var photos = Half(Core.Imaging.PhotoFiles.Find(o.Data).Order(StringComparer.Ordinal).ToList(), o.Sources);
        string Collection(string p) =>
            Path.GetRelativePath(o.Data, p).Split(Path.DirectorySeparatorChar) is { Length: > 1 } parts
                ? parts[0]
                : Path.GetFileName(Path.GetFullPath(o.Data));
        return photos.Select(p => ($"clean {Collection(p)}", p)).OrderBy(x => x.Item1, StringComparer.Ordinal).ToList();
    }

    /// <summary>The even or odd items (by position), or all: thresholds are chosen on one half, reported on the other.</summary>
    static List<string> Half(List<string> items, string which) =>
        which switch
        {
            "even" => items.Where((_, i) => i % 2 == 0).ToList(),
            "odd" => items.Where((_, i) => i % 2 == 1).ToList(),
            _ => items,
        };

    public static List<ReasonRates> Run(
        List<(string Group, string Path)> files,
        string? cachePath,
        Action<int, int>? progress = null,
        CancellationToken cancel = default
    )
    {
        var looks = Looks.For(files.Select(f => f.Path).ToList(), cachePath, progress, cancel);
        return files
            .Select(f => f.Group)
            .Distinct()
            .Select(g =>
            {
                var found = files.Where(f => f.Group == g && looks.ContainsKey(f.Path)).Select(f => looks[f.Path]).ToList();
                var counts = found
                    .SelectMany(l => Reasons.Of(l).Select(Family).Distinct())
                    .GroupBy(r => r)
                    .ToDictionary(x => x.Key, x => found.Count == 0 ? 0 : (double)x.Count() / found.Count);
                return new ReasonRates(g, found.Count, counts);
            })
            .ToList();
    }
}
