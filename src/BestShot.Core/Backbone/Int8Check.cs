using System.Diagnostics;
using BestShot.Core.Data;
using BestShot.Core.Imaging;

namespace BestShot.Core.Backbone;

/// <summary>How far the int8 backbone's features drift from fp32 on real views, and how much faster it runs.</summary>
public sealed record Int8Drift(int Views, double MeanCosine, double MinCosine, double Fp32PerSecond, double Int8PerSecond)
{
    public double Speedup => Int8PerSecond / Fp32PerSecond;
}

/// <summary>`bestshot int8 calibrate` and `int8 check`: the inputs both use, and the comparison.</summary>
public static class Int8Check
{
    /// <summary>Global views and 2 native crops of `count` photos spread over the folder; `offset` shifts the pick.</summary>
    public static List<float[]> Views(string folder, int count, int offset, Action<string, string>? onSkip = null)
    {
        var files = Directory.Exists(folder) ? PhotoFiles.Find(folder) : [];
        if (files.Count == 0)
            return [];
        count = Math.Min(count, files.Count);
        var tensors = new List<float[]>();
        for (int i = 0; i < count; i++)
        {
            string f = files[(i * files.Count / count + offset) % files.Count];
            try
            {
                var v = PhotoViews.Load(f, 2);
                tensors.Add(Preprocessor.ToTensor(v.Global));
                tensors.AddRange(v.Crops.Select(Preprocessor.ToTensor));
            }
            catch (ImageDecodeException e)
            {
                onSkip?.Invoke(f, e.Reason);
            }
        }
        return tensors;
    }

    /// <summary>Both backbones over the same views in batches of 16: cosine of each view's features, and images per second.</summary>
    public static Int8Drift Compare(IReadOnlyList<float[]> views)
    {
        using var fp32 = new OnnxBackbone();
        using var int8 = new OnnxBackbone(int8: true);
        const int f = BackboneGraph.FeatureCount;
        var cosines = new List<double>();
        double tFp = 0,
            tInt = 0;
        for (int start = 0; start < views.Count; start += 16)
        {
            int n = Math.Min(16, views.Count - start);
            var input = views.Skip(start).Take(n).SelectMany(x => x).ToArray();
            var (a, ta) = Timed(fp32, input, n);
            var (b, tb) = Timed(int8, input, n);
            tFp += ta;
            tInt += tb;
            for (int i = 0; i < n; i++)
                cosines.Add(Vectors.Cosine(a.AsSpan(i * f, f), b.AsSpan(i * f, f)));
        }
        return new Int8Drift(views.Count, cosines.Average(), cosines.Min(), views.Count / tFp, views.Count / tInt);
    }

    static (float[] Features, double Seconds) Timed(OnnxBackbone backbone, float[] input, int n)
    {
        var sw = Stopwatch.StartNew();
        var features = backbone.Features(input, n);
        return (features, sw.Elapsed.TotalSeconds);
    }
}
