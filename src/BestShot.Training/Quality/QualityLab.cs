using System.Text.Json;
using BestShot.Core.Data;
using BestShot.Core.Features;
using BestShot.Core.Filter;
using BestShot.Core.Model;
using BestShot.Core.Score;
using BestShot.Lab.Synth;

namespace BestShot.Training.Quality;

/// <summary>
/// `quality-head`: fits every <see cref="QualityRecipe"/> on the training sources of one split and measures each on
/// that split's held-out sources; or fits one recipe and writes it as a head-only model, which the score graph joins
/// to the backbone like any other (its layer statistics come from the same pass).
/// </summary>
public static class QualityLab
{
    /// <summary>A recipe's figures on the split's held-out sources, and on a report-only dataset's copies of them.</summary>
    public sealed record Result(QualityRecipe Recipe, QualityMetrics Metrics, QualityMetrics? Report);

    /// <summary>The sources a split holds out: a report-only dataset (the outside generator's) is read for these only.</summary>
    public static Func<string, bool> HeldOut(List<QualityRow> rows, int seed)
    {
        var train = SplitAndPairs.TrainUsers(rows[0].AllSources, seed);
        return user => !train.Contains(user);
    }

    /// <summary>
    /// The 80/20 split by source photo, drawn over every source of the datasets as `train` and `eval` draw it, so a
    /// head fit on a subset of sources never trains on a photo that `eval` holds out.
    /// </summary>
    public static (List<QualityRow> Train, List<QualityRow> Validation) Split(List<QualityRow> rows, int seed)
    {
        var train = SplitAndPairs.TrainUsers(rows[0].AllSources, seed);
        return (rows.Where(r => train.Contains(r.Post.UserId)).ToList(), rows.Where(r => !train.Contains(r.Post.UserId)).ToList());
    }

    /// <param name="report">Rows of another dataset of the held-out sources (never fit on), measured beside them.</param>
    public static IEnumerable<Result> Compare(
        List<QualityRow> rows,
        int seed,
        IEnumerable<QualityRecipe> recipes,
        List<QualityRow>? report = null
    )
    {
        var (train, validation) = Split(rows, seed);
        var fitter = Fitter(train);
        var vx = validation.Select(QualityInputs.Of).ToList();
        var rx = report?.Select(QualityInputs.Of).ToList();
        foreach (var recipe in recipes)
        {
            var fit = fitter.Fit(recipe);
            var onReport = rx == null ? null : QualityMetrics.Of(report!, rx.Select(fit.Score).ToList());
            yield return new Result(recipe, QualityMetrics.Of(validation, vx.Select(fit.Score).ToList()), onReport);
        }
    }

    static QualityFitter Fitter(List<QualityRow> train) =>
        new(train.Select(QualityInputs.Of).ToList(), train.Select(r => r.Target).ToList(), train.Select(r => r.IsOriginal).ToList());

    /// <summary>
    /// The fit's target is log(likes / 1000); a dataset's label is log(likes / the user's average likes). Every user of
    /// the fixed kinds has the same average, so one offset turns the first into the second, and `eval`'s validation
    /// MSE then reads as for any other model. The order of photos is unchanged.
    /// </summary>
    public static FittedQuality InLabelUnits(FittedQuality fit, List<QualityRow> train)
    {
        double offset = train.Where(r => !r.IsChain).Average(r => r.Post.Label - r.Target);
        var unshifted = fit.Score;
        return fit with { Bias = fit.Bias + offset, Score = x => unshifted(x) + offset };
    }

    /// <summary>Fits a linear recipe on the split's training sources and writes it as a head-only model.</summary>
    public static QualityMetrics Write(string path, List<QualityRow> rows, int seed, QualityRecipe recipe)
    {
        if (recipe.Design != QualityRecipe.Linear)
            throw new InvalidOperationException($"{recipe.Design}: only a linear design is a head the score graph can hold");
        var (train, validation) = Split(rows, seed);
        var fit = InLabelUnits(Fitter(train).Fit(recipe), train);
        var scores = validation.Select(r => fit.Score(QualityInputs.Of(r))).ToList();
        var scale =
            ScoreScale.Fit(
                validation.Select(r => r.Post).ToList(),
                validation.Select((r, i) => (r.Post.PostId, scores[i])).ToDictionary(),
                DegradationsSynth.ScaleAnchor
            ) ?? throw new InvalidOperationException("the held-out originals do not outscore their ruined copies");
        var final = new LinearWeights(fit.Weights!.Select(w => (float)w).ToArray(), [(float)fit.Bias], 1, QualityInputs.Length);
        var head = new HeadWeights([], [], [final], Measures: DetailMeasures.Count, LayerStatistics: true);
        var split = new SplitOptions { Seed = seed };
        HeadFile.Write(
            path,
            head,
            0,
            new Dictionary<string, string>
            {
                [ScoreScale.MetadataKey] = scale.ToJson(),
                [SplitOptions.MetadataKey] = split.ToJson(),
                [RecipeKey] = JsonSerializer.Serialize(
                    new { recipe = recipe.Name, train_sources = train.Select(r => r.Post.UserId).Distinct().Count() }
                ),
                ["bestshot.metadata_features"] = "unused: a quality head reads no metadata",
                ["bestshot.image_input"] =
                    "RGB, shortest side 224 (Lanczos3), centre crop 224×224, ImageNet mean/std normalised, NCHW float32",
            }
        );
        return QualityMetrics.Of(validation, scores);
    }

    public const string RecipeKey = "bestshot.quality_recipe";
}
