// How much of a planted blur-and-darkening's strength the native measures read, apart from the scene: photos from
// ../shared/data/photos (every other file) are posted as `synth posts --signal damage` posts them (256 px, Gaussian
// blur of σ = s · 3 % of 256 px, exposure × (1 − 0.55 s), s uniform), three draws each; a ridge regression of s on
// measures of the 224 view, with 5 folds by source photo, gives the share of s's variance it explains on photos it
// did not fit. No planted dataset is read: this is where the v4 measure was chosen (docs/training.md).
//   usage: dotnet run -c Release scripts/blur-measure-check.cs [PHOTOS]   (default 200)
#:project ../src/BestShot.Lab/BestShot.Lab.csproj
using BestShot.Core.Features;
using BestShot.Core.Imaging;
using BestShot.Lab.Eval;
using BestShot.Lab.Synth;

string root = Path.GetFullPath(Path.Combine(AppContext.GetData("EntryPointFileDirectoryPath") as string ?? ".", ".."));
var files = PhotoFiles.Find(Path.Combine(root, "..", "shared", "data", "photos")).Where((_, i) => i % 2 == 0)
    .Take(args.Length > 0 ? int.Parse(args[0]) : 200).ToList();
Console.WriteLine($"{files.Count} files from {Path.GetDirectoryName(files[0])}, first {Path.GetFileName(files[0])}");
var rng = new Random(3);
var rows = new List<(int Source, double S, double[] V3, double[] Steep)>();
int source = 0;
foreach (var f in files)
{
    RgbImage photo;
    try { photo = ImageDecoder.Decode(f); }
    catch (ImageDecodeException) { continue; }
    double k = 256.0 / Math.Min(photo.Width, photo.Height);
    int width = Math.Max(256, (int)Math.Round(photo.Width * k)),
        height = Math.Max(256, (int)Math.Round(photo.Height * k));
    var small = LanczosResizer.Resize(photo, width, height);
    for (int draw = 0; draw < 3; draw++)
    {
        double s = rng.NextDouble();
        var view = Preprocessor.CenterView(Degrade.Exposure(Degrade.GaussianBlur(small, s * 0.03 * 256), 1 - 0.55 * s));
        var m = NativeMeasures.Of(view);
        double[] v3 =
        [
            Math.Log(1 + m.LaplacianVariance) / 10, Math.Log(1 + m.Noise) / 3, m.Highlights, m.Shadows,
            Math.Log(1 + ToneAndBlur.BrightLuma(view)) / 6, ToneAndBlur.ReblurBlur(view),
            Math.Log(1 + ToneAndBlur.TopLuma(view)) / 6, ToneAndBlur.WideReblurBlur(view),
        ];
        rows.Add((source, s, v3, [EdgeSteepness.Of(view, 6), EdgeSteepness.Of(view, 14)]));
    }
    source++;
}
Console.WriteLine($"no contrast anywhere (read as 1): r = 6 {rows.Count(r => r.Steep[0] == 1)}, r = 14 {rows.Count(r => r.Steep[1] == 1)}");
Console.WriteLine($"{rows.Count} posts from {source} photos; share of s's variance explained on held-out photos:");
Console.WriteLine($"  eight v3 measures of the view       {Explained(r => r.V3):F3}");
Console.WriteLine($"  the same and their squares          {Explained(r => [.. r.V3, .. r.V3.Select(v => v * v)]):F3}");
Console.WriteLine($"  v3 and the edge steepness, r = 6    {Explained(r => [.. r.V3, r.Steep[0]]):F3}");
Console.WriteLine($"  v3 and the edge steepness, r = 14   {Explained(r => [.. r.V3, r.Steep[1]]):F3}");
Console.WriteLine($"  v3 and both (v4's two)              {Explained(r => [.. r.V3, .. r.Steep]):F3}");

double Explained(Func<(int Source, double S, double[] V3, double[] Steep), double[]> x)
{
    double sse = 0, sst = 0, mean = rows.Average(r => r.S);
    for (int fold = 0; fold < 5; fold++)
    {
        var train = rows.Where(r => r.Source % 5 != fold).ToList();
        var w = Ridge(train.Select(x).ToArray(), train.Select(r => r.S).ToArray(), 1e-3);
        foreach (var r in rows.Where(r => r.Source % 5 == fold))
        {
            var v = x(r);
            double p = w[^1] + v.Select((t, i) => w[i] * t).Sum();
            (sse, sst) = (sse + (p - r.S) * (p - r.S), sst + (r.S - mean) * (r.S - mean));
        }
    }
    return 1 - sse / sst;
}

// Ridge on standardised inputs (strength λ·n), returned as weights for the raw inputs and a bias last.
static double[] Ridge(double[][] x, double[] y, double lambda)
{
    int n = x.Length, d = x[0].Length;
    var mu = Enumerable.Range(0, d).Select(j => x.Average(r => r[j])).ToArray();
    var sd = Enumerable.Range(0, d).Select(j => Math.Sqrt(x.Average(r => (r[j] - mu[j]) * (r[j] - mu[j]))) + 1e-9).ToArray();
    var a = new double[d + 1, d + 1];
    var b = new double[d + 1];
    for (int i = 0; i < n; i++)
    {
        var z = x[i].Select((v, j) => (v - mu[j]) / sd[j]).Append(1.0).ToArray();
        for (int p = 0; p <= d; p++)
        {
            b[p] += z[p] * y[i];
            for (int q = 0; q <= d; q++)
                a[p, q] += z[p] * z[q];
        }
    }
    for (int j = 0; j < d; j++)
        a[j, j] += lambda * n;
    var w = LinearSystem.Solve(a, b);
    var raw = new double[d + 1];
    for (int j = 0; j < d; j++)
        (raw[j], raw[d]) = (w[j] / sd[j], raw[d] - w[j] * mu[j] / sd[j]);
    raw[d] += w[d];
    return raw;
}
