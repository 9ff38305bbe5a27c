using static TorchSharp.torch;

namespace BestShot.Training.Quality;

/// <summary>
/// Ridge regression on standardised inputs, solved in closed form: (XᵀX + λ·n·I) w = Xᵀy. One eigendecomposition
/// serves every λ. Strong shrinkage is the point: 516 training sources cannot pin 2,600 weights, and a head that
/// memorises its sources is what failed outside their world.
/// </summary>
public sealed class Ridge
{
    readonly double[] _mean,
        _scale,
        _eigenvalues;
    readonly Tensor _eigenvectors,
        _projected;
    readonly double _targetMean;
    readonly int _n;

    public int Inputs => _mean.Length;

    public Ridge(IReadOnlyList<float[]> x, IReadOnlyList<double> y)
    {
        _n = x.Count;
        int d = x[0].Length;
        _mean = new double[d];
        _scale = new double[d];
        foreach (var row in x)
            for (int j = 0; j < d; j++)
                _mean[j] += row[j] / (double)_n;
        foreach (var row in x)
            for (int j = 0; j < d; j++)
                _scale[j] += Math.Pow(row[j] - _mean[j], 2) / _n;
        for (int j = 0; j < d; j++)
            _scale[j] = Math.Sqrt(_scale[j]) + 1e-6;
        _targetMean = y.Average();
        using var scope = NewDisposeScope();
        var data = new double[_n * d];
        for (int i = 0; i < _n; i++)
        for (int j = 0; j < d; j++)
            data[i * d + j] = (x[i][j] - _mean[j]) / _scale[j];
        var X = tensor(data, [_n, d]);
        var Y = tensor(y.Select(v => v - _targetMean).ToArray(), [_n, 1]);
        var (values, vectors) = linalg.eigh(X.T.mm(X));
        _eigenvalues = values.data<double>().ToArray();
        _eigenvectors = vectors.MoveToOuterDisposeScope();
        _projected = vectors.T.mm(X.T.mm(Y)).MoveToOuterDisposeScope();
    }

    /// <summary>Weights and bias on the raw (unstandardised) inputs for shrinkage λ (per sample).</summary>
    public (double[] Weights, double Bias) Solve(double lambda)
    {
        using var scope = NewDisposeScope();
        var shrink = tensor(_eigenvalues.Select(e => 1 / (e + lambda * _n)).ToArray(), [_eigenvalues.Length, 1]);
        var w = _eigenvectors.mm(shrink * _projected).data<double>().ToArray();
        double bias = _targetMean;
        for (int j = 0; j < w.Length; j++)
        {
            w[j] /= _scale[j];
            bias -= w[j] * _mean[j];
        }
        return (w, bias);
    }

    public static double Predict(double[] w, double bias, float[] x)
    {
        double s = bias;
        for (int j = 0; j < w.Length; j++)
            s += w[j] * x[j];
        return s;
    }
}
