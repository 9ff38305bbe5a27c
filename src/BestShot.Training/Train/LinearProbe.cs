using BestShot.Core.Backbone;
using BestShot.Core.Data;
using BestShot.Core.Features;
using BestShot.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace BestShot.Training.Train;

/// <summary>
/// Ridge regression of the label on the backbone features, colour-net input and metadata of the training posts, one row
/// per view (the plain one and every augmented one), standardised, with its strength chosen by 5-fold cross-validation
/// grouped by account. The epochs train on the augmented views and validation reads the plain one; a probe fitted on
/// the plain view alone could lean on inputs that the augmentation moves (on sharp-edged synthetic pictures its
/// training loss on the augmented views was 67.7 against a validation MSE of 0.085), so it sees both. On a few hundred
/// posts an MLP over 1,146 inputs fits the photos it has seen within a few epochs, long before it finds a signal that
/// a linear model sees at once (the metadata's, or a colour's); started from this probe (<see cref="LinearChannel"/>),
/// the MLP only has to learn what the probe misses, and early stopping can never end below it.
/// </summary>
public static class LinearProbe
{
    static readonly double[] Alphas = [0.001, 0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100, 300, 1000, 10000];

    public static LinearModel Fit(IReadOnlyList<Post> train, IReadOnlyDictionary<string, ImageViews> views)
    {
        int f = BackboneGraph.FeatureCount,
            c = ScoreHead.ColourInputs,
            m = MetadataFeatures.Count,
            k = views[train[0].ImagePath].Measures?.Length ?? 0, // the native measures, when the run reads them
            d = f + c + m + k,
            perPost = views[train[0].ImagePath].Views.Length,
            n = train.Count * perPost;
        var x = new double[n * d];
        var y = new double[n];
        var meta = new float[m];
        for (int i = 0; i < n; i++)
        {
            var post = views[train[i / perPost].ImagePath];
            var view = post.Views[i % perPost];
            for (int j = 0; j < f + c; j++)
                x[i * d + j] = view[j];
            MetadataFeatures.Compute(PostMetadata.Of(train[i / perPost]), meta);
            for (int j = 0; j < m; j++)
                x[i * d + f + c + j] = meta[j];
            for (int j = 0; j < k; j++)
                x[i * d + f + c + m + j] = post.Measures![j];
            y[i] = train[i / perPost].Label;
        }
        using var scope = NewDisposeScope();
        var X = tensor(x, [n, d], ScalarType.Float64);
        var users = train.Select(p => p.UserId).Distinct().Order(StringComparer.Ordinal).ToList();
        var fold = users.Select((u, i) => (u, i % 5)).ToDictionary(t => t.u, t => t.Item2);
        var folds = train.SelectMany(p => Enumerable.Repeat(fold[p.UserId], perPost)).ToArray(); // a post's views share a fold

        // Stagewise: the metadata (8 inputs) first, then the image blocks, each on what the stages before left. One
        // ridge over all 1,146 standardised inputs shrinks the eight metadata weights as hard as a thousand image ones,
        // and on a few hundred posts it lost the metadata signal entirely; the native measures (sharpness, noise,
        // clipping: 8 inputs) are a block of their own for the same reason. Which goes first, the measures or the colour
        // net's input, decides which of them takes what both can explain: on planted damage the measures first gave a
        // validation MSE of 0.043 against 0.048, on a planted colour taste the colour input first 0.029 against 0.038.
        // So both orders are fitted and the one whose whole pipeline does better on held-out accounts is kept.
        (int, int, string) Meta = (f + c, m, "metadata"),
            Measures = (f + c + m, k, "measures"),
            Colour = (f, c, "colour"),
            Backbone = (0, f, "backbone");
        var orders = new List<(int, int, string)[]> { new[] { Meta, Measures, Colour, Backbone } };
        if (k > 0) // (without measures the first order is the only one)
            orders.Add([Meta, Colour, Measures, Backbone]);
        var Y = tensor(y, [n], ScalarType.Float64);
        var fit = orders.Select(o => Stagewise(X, Y, folds, o)).MinBy(s => s.OutOfFold)!;
        var (w, bias, output) = (fit.W, fit.Bias, fit.Output);
        var chosen = fit.Chosen;
        double cv = fit.OutOfFold;

        var raw = w.data<double>().ToArray();
        // The measures enter the final layers beside the backbone features, so their part joins the backbone's.
        var direct = k > 0 ? output[0] + output[f + c + m] : output[0];
        var parts = new[] { direct, output[f], output[f + c] }; // backbone, colour, metadata: LinearModel's order
        var whole = parts[0] + parts[1] + parts[2];
        return new LinearModel(
            raw[..f],
            raw[f..(f + c)],
            raw[(f + c)..(f + c + m)],
            bias,
            parts.Select(p => p.mean().item<double>()).ToArray(),
            parts.Append(whole).Select(p => p.std().item<double>()).ToArray(),
            string.Join(", ", chosen),
            cv,
            raw[(f + c + m)..]
        );
    }

    sealed record StagewiseFit(Tensor W, double Bias, Dictionary<int, Tensor> Output, List<string> Chosen, double OutOfFold);

    /// <summary>
    /// The stages in this order, each block's strength chosen by cross-validation on what the stages before left; with
    /// the whole pipeline's error on held-out accounts (each stage's residual there is in-sample for the stages before
    /// it, so the last stage's own cross-validated error flatters an order whose early stages overfit).
    /// </summary>
    static StagewiseFit Stagewise(Tensor x, Tensor y, int[] folds, (int At, int Width, string Name)[] stages)
    {
        stages = stages.Where(s => s.Width > 0).ToArray(); // no measures: no stage for them
        var w = zeros(x.shape[1], ScalarType.Float64);
        double bias = 0;
        var residual = y;
        var output = new Dictionary<int, Tensor>(); // each block's part of the score on the training posts, by its start
        var chosen = new List<string>();
        var alphas = new double[stages.Length];
        for (int i = 0; i < stages.Length; i++)
        {
            var (at, width, name) = stages[i];
            var block = x.narrow(1, at, width);
            var (wb, b, alpha, _) = Stage(block, residual, folds);
            w.narrow(0, at, width).copy_(wb);
            bias += b;
            output[at] = block.matmul(wb);
            residual = residual - output[at] - b;
            alphas[i] = alpha;
            chosen.Add(double.IsPositiveInfinity(alpha) ? $"{name} left out" : $"{name} {alpha}");
        }
        return new StagewiseFit(w, bias, output, chosen, OutOfFold(x, y, folds, stages, alphas));
    }

    /// <summary>Mean squared error on each fold's accounts of the stages fitted, with these strengths, on the others.</summary>
    static double OutOfFold(Tensor x, Tensor y, int[] folds, (int At, int Width, string Name)[] stages, double[] alphas)
    {
        double sum = 0;
        foreach (var (tr, te) in Splits(folds))
        {
            var residual = y.index_select(0, tr);
            var predicted = zeros(te.shape[0], ScalarType.Float64);
            for (int i = 0; i < stages.Length; i++)
            {
                var block = x.narrow(1, stages[i].At, stages[i].Width);
                var fitted = block.index_select(0, tr);
                var (wb, b) = Fixed(fitted, residual, alphas[i]);
                residual = residual - fitted.matmul(wb) - b;
                predicted = predicted + block.index_select(0, te).matmul(wb) + b;
            }
            sum += (predicted - y.index_select(0, te)).pow(2).sum().item<double>();
        }
        return sum / folds.Length;
    }

    /// <summary>
    /// One ridge stage on raw inputs: standardised, its strength chosen by 5-fold cross-validation grouped by account
    /// (so it carries to accounts the probe has not seen), then refitted on every post. Weights and bias are for the
    /// raw inputs, with the chosen strength and its cross-validated MSE.
    /// </summary>
    static (Tensor W, double B, double Alpha, double CvMse) Stage(Tensor x, Tensor y, int[] folds)
    {
        long n = x.shape[0];
        var mean = x.mean([0]);
        var sd = x.std([0]).clamp_min(1e-8);
        var z = (x - mean) / sd;
        // The last candidate is no weights at all: a block that carries nothing (the photos, when only the metadata
        // drives the likes) is left out rather than fitted to noise.
        var cvError = new double[Alphas.Length + 1];
        foreach (var (tr, te) in Splits(folds))
        {
            var solve = Solver(z.index_select(0, tr), y.index_select(0, tr));
            var yte = y.index_select(0, te);
            for (int a = 0; a < Alphas.Length; a++)
            {
                var (wa, b) = solve(Alphas[a]);
                cvError[a] += (z.index_select(0, te).matmul(wa) + b - yte).pow(2).sum().item<double>() / n;
            }
            cvError[^1] += (yte - y.index_select(0, tr).mean()).pow(2).sum().item<double>() / n;
        }
        int best = Array.IndexOf(cvError, cvError.Min());
        double chosenAlpha = best == Alphas.Length ? double.PositiveInfinity : Alphas[best];
        var (weights, offset) = Fixed(x, y, chosenAlpha);
        return (weights, offset, chosenAlpha, cvError[best]);
    }

    /// <summary>
    /// The ridge solution at one strength on standardised inputs, as weights and bias for the raw inputs; an infinite
    /// strength is no weights at all (the mean).
    /// </summary>
    static (Tensor W, double B) Fixed(Tensor x, Tensor y, double alpha)
    {
        if (double.IsPositiveInfinity(alpha))
            return (zeros(x.shape[1], ScalarType.Float64), y.mean().item<double>());
        var mean = x.mean([0]);
        var sd = x.std([0]).clamp_min(1e-8);
        var (wz, bz) = Solver((x - mean) / sd, y)(alpha);
        // Back to raw inputs: w·(x − mean)/sd + b = (w/sd)·x + (b − Σ w·mean/sd).
        return (wz / sd, bz - (wz * mean / sd).sum().item<double>());
    }

    /// <summary>The five account-wise folds as (training rows, held-out rows), skipping a fold with nothing to fit or test.</summary>
    static IEnumerable<(Tensor Train, Tensor Test)> Splits(int[] folds)
    {
        for (int k = 0; k < 5; k++)
        {
            var tr = tensor(Enumerable.Range(0, folds.Length).Where(i => folds[i] != k).Select(i => (long)i).ToArray());
            var te = tensor(Enumerable.Range(0, folds.Length).Where(i => folds[i] == k).Select(i => (long)i).ToArray());
            if (te.shape[0] > 0 && tr.shape[0] >= 2)
                yield return (tr, te);
        }
    }

    /// <summary>Ridge solutions for any strength from one eigendecomposition: w = V diag(1/(e + αn)) Vᵀ Zᵀ(y − ȳ).</summary>
    static Func<double, (Tensor W, double B)> Solver(Tensor z, Tensor y)
    {
        long n = z.shape[0];
        double ybar = y.mean().item<double>();
        var (e, v) = linalg.eigh(z.t().matmul(z));
        var zty = v.t().matmul(z.t().matmul(y - ybar));
        return alpha => (v.matmul(zty / (e + alpha * n)), ybar);
    }
}
