using static BestShot.Training.Quality.QualityInputs;

namespace BestShot.Training.Quality;

/// <summary>
/// The head designs compared for issue 24, each fit on the training split only:
/// linear (a ridge on some input blocks, optionally mixed at a fixed weight with the native Laplacian, both
/// standardised on the training set); measures-first (a ridge on the measured signals sets the score, a ridge on the
/// CNN's statistics corrects what is left by at most one severity step); pristine (the distance of the layer
/// statistics from those of clean training originals, a diagonal NIQE).
/// </summary>
public sealed record QualityRecipe(string Name, Blocks Inputs, double Lambda, double LaplacianMix = 0, string Design = "linear")
{
    public const string Linear = "linear",
        MeasuresFirst = "measures-first",
        Pristine = "pristine";

    public static IEnumerable<QualityRecipe> Candidates()
    {
        foreach (double l in new[] { 0.01, 0.1, 1, 10 })
        {
            yield return new($"ridge, pooled features, λ {l}", Blocks.Pooled, l);
            yield return new(
                $"ridge, quality (layers + statistics + measures), λ {l}",
                Blocks.Layers | Blocks.Statistics | Blocks.Measures,
                l
            );
            yield return new($"ridge, all, λ {l}", Blocks.Pooled | Blocks.Layers | Blocks.Statistics | Blocks.Measures, l);
            foreach (double mix in new[] { 0.1, 0.25, 0.5 })
                yield return new(
                    $"ridge, quality, λ {l}, Laplacian mix {mix}",
                    Blocks.Layers | Blocks.Statistics | Blocks.Measures,
                    l,
                    mix
                );
            yield return new($"measures-first, λ {l}", Blocks.Statistics | Blocks.Measures, l, Design: MeasuresFirst);
        }
        yield return new("pristine (layer statistics of clean originals)", Blocks.Layers, 0, Design: Pristine);
    }
}

/// <summary>A fitted recipe: its score, and for linear designs the weights over <see cref="QualityInputs"/> and bias.</summary>
public sealed record FittedQuality(QualityRecipe Recipe, Func<float[], double> Score, double[]? Weights = null, double Bias = 0);

public sealed class QualityFitter(IReadOnlyList<float[]> x, IReadOnlyList<double> y, IReadOnlyList<bool> original)
{
    /// <summary>One correction may move the score by at most one severity step of the likes model (0.35).</summary>
    const double CorrectionBound = 0.35;

    readonly Dictionary<Blocks, (Ridge Ridge, int[] Indices)> _ridges = [];

    (Ridge, int[]) RidgeOn(Blocks blocks, IReadOnlyList<double>? target = null)
    {
        if (target == null && _ridges.TryGetValue(blocks, out var cached))
            return cached;
        var idx = Indices(blocks);
        var fitted = (new Ridge(x.Select(r => Select(r, idx)).ToList(), target ?? y), idx);
        if (target == null)
            _ridges[blocks] = fitted;
        return fitted;
    }

    public FittedQuality Fit(QualityRecipe r) =>
        r.Design switch
        {
            QualityRecipe.MeasuresFirst => FitMeasuresFirst(r),
            QualityRecipe.Pristine => FitPristine(),
            _ => FitLinear(r),
        };

    FittedQuality FitLinear(QualityRecipe r)
    {
        var (ridge, idx) = RidgeOn(r.Inputs);
        var (w, b) = ridge.Solve(r.Lambda);
        var weights = new double[Length];
        for (int i = 0; i < idx.Length; i++)
            weights[idx[i]] = w[i];
        double bias = b;
        if (r.LaplacianMix > 0)
        {
            var p = x.Select(v => Ridge.Predict(weights, bias, v)).ToList();
            var l = x.Select(v => (double)v[LaplacianIndex]).ToList();
            var (mp, sp) = MeanStd(p);
            var (ml, sl) = MeanStd(l);
            double a = r.LaplacianMix;
            for (int j = 0; j < weights.Length; j++)
                weights[j] *= (1 - a) / sp;
            weights[LaplacianIndex] += a / sl;
            bias = (1 - a) * (bias - mp) / sp - a * ml / sl;
            // Back to the label's units (least squares of the target on the mix), so that a validation MSE means what
            // it means for every other model; the order of photos is unchanged.
            var mixed = x.Select(v => Ridge.Predict(weights, bias, v)).ToList();
            var (mm, sm) = MeanStd(mixed);
            double my = y.Average();
            double slope = mixed.Select((m, i) => (m - mm) * (y[i] - my)).Sum() / (mixed.Count * sm * sm);
            for (int j = 0; j < weights.Length; j++)
                weights[j] *= slope;
            bias = slope * (bias - mm) + my;
        }
        return new FittedQuality(r, v => Ridge.Predict(weights, bias, v), weights, bias);
    }

    FittedQuality FitMeasuresFirst(QualityRecipe r)
    {
        var basis = FitLinear(r with { Design = QualityRecipe.Linear });
        var residual = x.Select((v, i) => y[i] - basis.Score(v)).ToList();
        var (ridge, idx) = RidgeOn(Blocks.Layers | Blocks.Pooled, residual);
        var (w, b) = ridge.Solve(r.Lambda);
        return new FittedQuality(
            r,
            v => basis.Score(v) + Math.Clamp(Ridge.Predict(w, b, Select(v, idx)), -CorrectionBound, CorrectionBound)
        );
    }

    FittedQuality FitPristine()
    {
        var idx = Indices(Blocks.Layers);
        var clean = x.Where((_, i) => original[i]).Select(v => Select(v, idx)).ToList();
        var mean = new double[idx.Length];
        var sd = new double[idx.Length];
        for (int j = 0; j < idx.Length; j++)
            (mean[j], sd[j]) = MeanStd(clean.Select(v => (double)v[j]).ToList());
        return new FittedQuality(
            new QualityRecipe("pristine (layer statistics of clean originals)", Blocks.Layers, 0, Design: QualityRecipe.Pristine),
            v =>
            {
                double d = 0;
                for (int j = 0; j < idx.Length; j++)
                    d += Math.Pow((v[idx[j]] - mean[j]) / (sd[j] + 1e-6), 2);
                return -d / idx.Length;
            }
        );
    }

    static (double Mean, double Std) MeanStd(IReadOnlyList<double> v)
    {
        double m = v.Average();
        return (m, Math.Sqrt(v.Sum(a => (a - m) * (a - m)) / v.Count) + 1e-9);
    }
}
