using BestShot.Core.Data;
using BestShot.Core.Features;
using BestShot.Core.Filter;
using BestShot.Core.Score;

namespace BestShot.Lab.Eval;

/// <summary>Which posts an evaluation uses (the training run's split) and the image-only baseline's metadata.</summary>
public sealed record EvalOptions
{
    public SplitOptions Split { get; init; } = new();

    /// <summary>The constant metadata of the image-only baseline.</summary>
    public SimulatedMetadata ConstantMetadata { get; init; } = SimulatedMetadata.Seed;
}

/// <summary>A baseline's figures on the seed's pairs, and on every pair within an account (null for chance).</summary>
public sealed record BaselineFigures(
    string Name,
    double PairwiseAccuracy,
    double ValMse,
    double Spearman,
    AccuracyInterval? AllPairs = null
);

/// <param name="Usable">The validation posts whose photos could be scored (the baselines measure the same ones).</param>
public sealed record EvalReport(
    EvalFigures Model,
    IReadOnlyList<BaselineFigures> Baselines,
    int ValidationPosts,
    int SkippedImages,
    DegradationReport? Degradations,
    IReadOnlyList<Post> Usable,
    AccuracyInterval? BuiltIn = null,
    AccuracyInterval? AllPairs = null,
    AccuracyInterval? BuiltInAllPairs = null
)
{
    /// <summary>The model's pairwise accuracy with its 95 % interval: how far a few hundred pairs can be trusted.</summary>
    public AccuracyInterval ModelInterval => AccuracyInterval.Of(Model.PairwiseAccuracy, Model.Pairs);
}

/// <summary>`bestshot eval`: the model on the seed's validation pairs, next to metadata-only, image-only and chance.</summary>
public static class Evaluator
{
    public static EvalReport Run(
        OnnxScorer scorer,
        IReadOnlyList<Post> posts,
        EvalOptions o,
        Action<string, string>? onError = null,
        Action<int, int>? progress = null,
        CancellationToken cancel = default,
        bool compareBuiltIn = false
    )
    {
        var split = o.Split.Apply(posts);
        var pairs = split.Pairs;
        if (split.Filter.Kept.Count == 0)
            throw new DatasetException("no posts pass the filters");
        if (split.ScoredPairs == 0)
            throw new DatasetException("no validation pairs (validation users need at least two posts with different likes)");

        // Each validation photo is scored twice: with its real metadata, and with constant metadata (image only).
        var constant = o.ConstantMetadata.Features();
        var requests = split
            .Validation.Select(p => new ScoreRequest(p.ImagePath, MetadataFeatures.Compute(PostMetadata.Of(p))))
            .Concat(split.Validation.Select(p => new ScoreRequest(p.ImagePath, constant)))
            .ToList();
        int bad = 0;
        var raw = BatchScorer.Score(
            scorer,
            requests,
            null,
            (path, why) =>
            {
                if (Interlocked.Increment(ref bad) <= split.Validation.Count)
                    onError?.Invoke(path, why);
            },
            progress,
            cancel: cancel
        );
        int n = split.Validation.Count;
        var real = new Dictionary<string, double>();
        var imageOnly = new Dictionary<string, double>();
        for (int i = 0; i < n; i++)
        {
            if (raw[i] is { } a)
                real[split.Validation[i].PostId] = a.Score;
            if (raw[n + i] is { } b)
                imageOnly[split.Validation[i].PostId] = b.Score;
        }
        var usable = split.Validation.Where(p => real.ContainsKey(p.PostId)).ToList();
        var usablePairs = pairs.Where(p => real.ContainsKey(p.A.PostId) && real.ContainsKey(p.B.PostId)).ToList();

        var model = EvalFigures.Compute(usable, usablePairs, real);
        var degradations = DegradationReport.Compute(usable, real);
        var meta = MetadataBaseline.Fit(split.Train);
        var metaScores = usable.ToDictionary(p => p.PostId, meta);
        BaselineFigures Baseline(string name, Dictionary<string, double> s)
        {
            var f = EvalFigures.Compute(usable, usablePairs, s);
            return new BaselineFigures(name, f.PairwiseAccuracy, f.ValMse, f.WithinUserSpearman, AllPairsAccuracy(usable, s));
        }
        var builtIn = compareBuiltIn ? BuiltInOnPairs.Scores(usable, null, cancel) : null;
        return new EvalReport(
            model,
            [
                Baseline("image only (metadata held constant)", imageOnly),
                Baseline("metadata only (ridge regression)", metaScores),
                new BaselineFigures("chance", 0.5, double.NaN, 0),
            ],
            usable.Count,
            n - usable.Count,
            degradations,
            usable,
            builtIn == null ? null : BuiltInOnPairs.On(usablePairs, builtIn),
            AllPairsAccuracy(usable, real),
            // Every pair too, as `train` judged the built-in model when it chose what to keep.
            builtIn == null
                ? null
                : AllPairsAccuracy(usable.Where(p => builtIn.ContainsKey(p.PostId)).ToList(), builtIn)
        );
    }

    /// <summary>
    /// Accuracy over every untied pair of two validation posts of one user, beside the seed's n/2 pairs. Its 95 %
    /// interval counts photos, not pairs: pairs that share a photo are not independent, and counting them would claim
    /// more certainty than the photos hold.
    /// </summary>
    public static AccuracyInterval AllPairsAccuracy(IReadOnlyList<Post> usable, IReadOnlyDictionary<string, double> scores)
    {
        var pairs = SplitAndPairs.AllWithinUser(usable).Where(p => !p.IsTie).ToList();
        double accuracy = EvalFigures.Accuracy(pairs, scores);
        int photos = pairs.SelectMany(p => new[] { p.A.PostId, p.B.PostId }).Distinct().Count();
        var interval = AccuracyInterval.Of(accuracy, photos);
        return new AccuracyInterval(accuracy, pairs.Count, interval.Low, interval.High);
    }
}
