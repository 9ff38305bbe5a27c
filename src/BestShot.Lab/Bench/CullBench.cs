using System.Diagnostics;
using BestShot.Core.Group;
using BestShot.Core.Imaging;
using BestShot.Core.Rank;
using BestShot.Core.Score;
using BestShot.Lab.Synth;

namespace BestShot.Lab.Bench;

public sealed record CullBenchOptions
{
    public ShootSynthOptions Shoot { get; init; } = new();

    /// <summary>Where the shoot and its score cache are written; a second run reuses both.</summary>
    public required string Folder { get; init; }

    public CullOptions Cull { get; init; } = new();

    /// <summary>Also regroup with a grid of --max-gap and --min-similarity values (the scores are not recomputed).</summary>
    public bool Sweep { get; init; }
}

/// <summary>How well one grouping matched the truth.</summary>
/// <param name="KeeperOk">Bursts whose keeper is an unspoiled frame of the burst, of <paramref name="Bursts"/>.</param>
/// <param name="WholeOk">Brackets and panoramas found whole and named as such, of <paramref name="Whole"/>.</param>
/// <param name="NeighboursMerged">Scenes shot one after the other (distinct photos side by side) put in one moment, of
/// <paramref name="Neighbours"/>: the strangers a grouping merges.</param>
/// <param name="StrangersAlike">Pairs of scenes (their first frames), wherever they are in the shoot, that the
/// near-duplicate test would join were they side by side, of <paramref name="Strangers"/>: the risk in any file order.</param>
public sealed record CullScores(
    double PairPrecision,
    double PairRecall,
    double PairF1,
    int NeighboursMerged,
    int Neighbours,
    long StrangersAlike,
    long Strangers,
    int KeeperOk,
    int Bursts,
    double RejectPrecision,
    double RejectRecall,
    int WholeOk,
    int Whole,
    IReadOnlyList<(string Spoil, int Frames, int Rejected)> BySpoil
);

public sealed record CullBenchResult(
    int Frames,
    int Scenes,
    CullScores Scores,
    double FirstRunSeconds,
    double CachedRunSeconds,
    IReadOnlyList<(double MaxGap, double MinSimilarity, CullScores Scores)> Sweep,
    IReadOnlyList<(CullOptions Options, CullScores Scores)> RejectSweep
);

/// <summary>
/// `bench cull`: writes a synthetic shoot with known moments and spoiled frames (<see cref="ShootSynth"/>), culls it
/// with the same code as `cull`, and scores the result: pair precision/recall/F1 of the grouping, keeper accuracy per
/// burst, reject precision/recall, and brackets and panoramas kept whole. Times a first run (scoring) and a second,
/// cached one, as `cull` on an already-scored folder runs.
/// </summary>
public static class CullBench
{
    /// <param name="truth">The shoot <see cref="ShootSynth.Write"/> wrote into <see cref="CullBenchOptions.Folder"/>.</param>
    public static CullBenchResult Run(
        OnnxScorer scorer,
        CullBenchOptions o,
        IReadOnlyList<ShootFrame> truth,
        Action<int, int>? progress = null
    )
    {
        var paths = truth.Select(t => Path.Combine(o.Folder, t.File)).ToList();
        var rank = new RankOptions { Facts = new() { StorePath = Path.Combine(o.Folder, "scores.sqlite") } };
        var sw = Stopwatch.StartNew();
        CullRun.Run(paths, scorer, rank, o.Cull, progress: progress);
        double first = sw.Elapsed.TotalSeconds;
        sw.Restart();
        var (frames, _) = CullRun.Frames(paths, scorer, rank);
        var moments = Culler.Cull(frames, o.Cull, onScale: scorer.Scale != null);
        double cached = sw.Elapsed.TotalSeconds;
        var scores = Score(truth, moments, o.Folder, frames, o.Cull.Grouping);
        var sweep = new List<(double, double, CullScores)>();
        var rejectSweep = new List<(CullOptions, CullScores)>();
        if (o.Sweep)
            foreach (double soft in new[] { 0.3, 0.4, 0.5 })
            foreach (int cells in new[] { 2, 3 })
            foreach (double gap in new[] { 30.0, 40 })
            foreach (double under in new[] { 0.0, 10 })
            {
                var options = o.Cull with { SoftShare = soft, RejectSoftCells = cells, RejectBelowBest = gap, RejectUnder = under };
                rejectSweep.Add((options, Score(truth, Culler.Cull(frames, options, scorer.Scale != null), o.Folder)));
            }
        if (o.Sweep && o.Shoot.Copied)
            foreach (double layout in new[] { 0.6, 0.7, 0.8, 0.9 })
            foreach (double near in new[] { 0.5, 0.6, 0.7, 0.8 })
            {
                var options = o.Cull with { Grouping = o.Cull.Grouping with { NearDuplicate = near, SameLayout = layout } };
                var regrouped = Culler.Cull(frames, options, scorer.Scale != null);
                sweep.Add((layout, near, Score(truth, regrouped, o.Folder, frames, options.Grouping)));
            }
        else if (o.Sweep)
            foreach (double gap in new[] { 1.0, 2.0, 3.0, 5.0 })
            foreach (double sim in new[] { 0.4, 0.5, 0.6, 0.7, 0.8 })
            {
                var options = o.Cull with { Grouping = o.Cull.Grouping with { MaxGapSeconds = gap, MinSimilarity = sim } };
                sweep.Add((gap, sim, Score(truth, Culler.Cull(frames, options, scorer.Scale != null), o.Folder)));
            }
        return new CullBenchResult(truth.Count, truth.Select(t => t.Scene).Distinct().Count(), scores, first, cached, sweep, rejectSweep);
    }

    /// <summary><see cref="Score(IReadOnlyList{ShootFrame}, IReadOnlyList{Moment}, string)"/>, with the strangers the
    /// near-duplicate test would join counted over every pair of scenes.</summary>
    public static CullScores Score(
        IReadOnlyList<ShootFrame> truth,
        IReadOnlyList<Moment> moments,
        string folder,
        IReadOnlyList<Frame> frames,
        GroupOptions grouping
    )
    {
        var byFile = frames.ToDictionary(f => Path.GetFileName(f.Path));
        var firsts = truth.GroupBy(t => t.Scene).Select(g => byFile.GetValueOrDefault(g.First().File)).OfType<Frame>().ToList();
        long alike = 0,
            pairs = 0;
        for (int i = 0; i < firsts.Count; i++)
        for (int j = i + 1; j < firsts.Count; j++, pairs++)
            alike += MomentGrouper.AreNearDuplicates(firsts[i], firsts[j], grouping) ? 1 : 0;
        return Score(truth, moments, folder) with { StrangersAlike = alike, Strangers = pairs };
    }

    public static CullScores Score(IReadOnlyList<ShootFrame> truth, IReadOnlyList<Moment> moments, string folder)
    {
        var byPath = truth.ToDictionary(t => Path.GetFullPath(Path.Combine(folder, t.File)));
        var placed = moments
            .SelectMany(m => m.Photos.Select(p => (Moment: m, Photo: p, Truth: byPath[Path.GetFullPath(p.Path)])))
            .ToList();

        static long Pairs(long n) => n * (n - 1) / 2;
        long together = placed.GroupBy(x => (x.Moment.Id, x.Truth.Scene)).Sum(g => Pairs(g.Count()));
        long predicted = moments.Sum(m => Pairs(m.Photos.Count));
        long actual = truth.GroupBy(t => t.Scene).Sum(g => Pairs(g.Count()));
        double precision = predicted == 0 ? 1 : (double)together / predicted,
            recall = actual == 0 ? 1 : (double)together / actual;

        var momentOf = placed.ToDictionary(x => x.Truth.File, x => x.Moment.Id);
        var scenes = truth.GroupBy(t => t.Scene).Select(g => g.Select(t => momentOf[t.File]).ToHashSet()).ToList();
        int neighboursMerged = scenes.Zip(scenes.Skip(1)).Count(p => p.First.Overlaps(p.Second));

        int keeperOk = 0,
            bursts = 0,
            wholeOk = 0,
            whole = 0;
        foreach (var scene in placed.GroupBy(x => x.Truth.Scene))
        {
            string kind = scene.First().Truth.Kind;
            if (kind == "burst")
            {
                bursts++;
                // The scene's keeper: its best frame that `cull` kept. None kept (merged into another scene's moment) fails.
                var kept = scene.Where(x => x.Photo.Keeper).OrderByDescending(x => x.Photo.Score).ToList();
                keeperOk += kept.Count > 0 && !kept[0].Truth.Spoiled ? 1 : 0;
            }
            else if (kind is "bracket" or "panorama")
            {
                whole++;
                var m = scene.First().Moment;
                wholeOk += scene.All(x => x.Moment == m) && m.Photos.Count == scene.Count() && m.Kind == kind ? 1 : 0;
            }
        }

        var judged = placed.Where(x => x.Truth.Kind is "burst" or "single").ToList();
        int marked = judged.Count(x => x.Photo.Reject),
            right = judged.Count(x => x.Photo.Reject && x.Truth.Spoiled),
            spoiled = judged.Count(x => x.Truth.Spoiled);
        var bySpoil = judged
            .GroupBy(x => x.Truth.Spoiled ? x.Truth.Spoil : "(clean)")
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count(), g.Count(x => x.Photo.Reject)))
            .ToList();
        return new CullScores(
            precision,
            recall,
            precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall),
            neighboursMerged,
            Math.Max(0, scenes.Count - 1),
            0,
            0,
            keeperOk,
            bursts,
            marked == 0 ? 1 : (double)right / marked,
            spoiled == 0 ? 1 : (double)right / spoiled,
            wholeOk,
            whole,
            bySpoil
        );
    }

    /// <summary>../shared/data/photos next to a source checkout, when present.</summary>
    public static string? SharedPhotos()
    {
        string shared = Path.GetFullPath(
            Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "..", "shared", "data", "photos")
        );
        return Directory.Exists(shared) && PhotoFiles.Find(shared).Count > 0 ? shared : null;
    }
}
