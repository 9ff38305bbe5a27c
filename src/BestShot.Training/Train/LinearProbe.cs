using BestShot.Core.Backbone;
using BestShot.Core.Data;
using BestShot.Core.Features;
using BestShot.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace BestShot.Training.Train;

/// <summary>
/// Ridge regression of the label on the plain view's backbone features, colour-net input and metadata of the training
/// posts, standardised, with its strength chosen by 5-fold cross-validation grouped by account. On a few hundred
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
            d = f + c + m,
            n = train.Count;
        var x = new double[n * d];
        var y = new double[n];
        var meta = new float[m];
        for (int i = 0; i < n; i++)
        {
            var view = views[train[i].ImagePath].Views[0];
            for (int j = 0; j < f + c; j++)
                x[i * d + j] = view[j];
            MetadataFeatures.Compute(PostMetadata.Of(train[i]), meta);
            for (int j = 0; j < m; j++)
                x[i * d + f + c + j] = meta[j];
            y[i] = train[i].Label;
        }
        using var scope = NewDisposeScope();
        var X = tensor(x, [n, d], ScalarType.Float64);
        var residual = tensor(y, [n], ScalarType.Float64);
        var users = train.Select(p => p.UserId).Distinct().Order(StringComparer.Ordinal).ToList();
        var fold = users.Select((u, i) => (u, i % 5)).ToDictionary(t => t.u, t => t.Item2);
        var folds = train.Select(p => fold[p.UserId]).ToArray();

        // Stagewise: the metadata (8 inputs) first, then the colour net's input, then the backbone features, each on
        // what the stages before left. One ridge over all 1,146 standardised inputs shrinks the eight metadata weights
        // as hard as a thousand image ones, and on a few hundred posts it lost the metadata signal entirely.
        var w = zeros(d, ScalarType.Float64);
        double bias = 0;
        var chosen = new List<string>();
        var output = new Dictionary<int, Tensor>(); // each block's part of the score on the training posts, by its start
        double cv = 0;
        foreach (var (at, width, name) in new[] { (f + c, m, "metadata"), (f, c, "colour"), (0, f, "backbone") })
        {
            var block = X.narrow(1, at, width);
            var (wb, b, alpha, error) = Stage(block, residual, folds);
            w.narrow(0, at, width).copy_(wb);
            bias += b;
            output[at] = block.matmul(wb);
            residual = residual - output[at] - b;
            chosen.Add(double.IsPositiveInfinity(alpha) ? $"{name} left out" : $"{name} {alpha}");
            cv = error;
        }

        var raw = w.data<double>().ToArray();
        var parts = new[] { output[0], output[f], output[f + c] }; // backbone, colour, metadata: LinearModel's order
        var whole = parts[0] + parts[1] + parts[2];
        return new LinearModel(
            raw[..f],
            raw[f..(f + c)],
            raw[(f + c)..],
            bias,
            parts.Select(p => p.mean().item<double>()).ToArray(),
            parts.Append(whole).Select(p => p.std().item<double>()).ToArray(),
            string.Join(", ", chosen),
            cv
        );
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
        for (int k = 0; k < 5; k++)
        {
            var tr = tensor(Enumerable.Range(0, (int)n).Where(i => folds[i] != k).Select(i => (long)i).ToArray());
            var te = tensor(Enumerable.Range(0, (int)n).Where(i => folds[i] == k).Select(i => (long)i).ToArray());
            if (te.shape[0] == 0 || tr.shape[0] < 2)
                continue;
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
        if (best == Alphas.Length)
            return (zeros(x.shape[1], ScalarType.Float64), y.mean().item<double>(), double.PositiveInfinity, cvError[best]);
        var (wz, bz) = Solver(z, y)(Alphas[best]);
        // Back to raw inputs: w·(x − mean)/sd + b = (w/sd)·x + (b − Σ w·mean/sd).
        return (wz / sd, bz - (wz * mean / sd).sum().item<double>(), Alphas[best], cvError[best]);
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
