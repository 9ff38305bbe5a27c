using BestShot.Core.Data;
using BestShot.Core.Features;
using BestShot.Core.Imaging;

namespace BestShot.Lab.Eval;

/// <summary>
/// Trivial yardsticks for the degradation table: one-line quality measures (<see cref="NativeMeasures"/>), each used
/// as a score on the same posts and put through the same <see cref="DegradationReport"/> as the model.
/// </summary>
public static class QualityBaselines
{
    public static IReadOnlyList<(string Name, DegradationReport Report)> Compute(
        IReadOnlyList<Post> posts,
        Action<string, string>? onError = null,
        Action<int, int>? progress = null,
        CancellationToken cancel = default
    )
    {
        var native = new NativeMeasures?[posts.Count];
        var view = new NativeMeasures?[posts.Count];
        int done = 0;
        Parallel.For(
            0,
            posts.Count,
            new ParallelOptions { CancellationToken = cancel },
            i =>
            {
                try
                {
                    // One read of the file; two decodes, because the 224 view is the model's (a scaled decode), not a resize.
                    string path = posts[i].ImagePath;
                    var bytes = ImageDecoder.ReadFile(path);
                    native[i] = NativeMeasures.Of(ImageDecoder.Decode(bytes, path, new DecodeOptions()));
                    view[i] = NativeMeasures.Of(Preprocessor.CenterView(ImageDecoder.Decode(bytes, path, Preprocessor.GlobalViewDecode)));
                }
                catch (ImageDecodeException e)
                {
                    onError?.Invoke(posts[i].ImagePath, e.Reason);
                }
                progress?.Invoke(Interlocked.Increment(ref done), posts.Count);
            }
        );

        // Each measure as a score, higher = better: sharpness up, clipping and noise down. All at native size but one.
        var measures = new (string Name, Func<NativeMeasures?, NativeMeasures?, double?> Score)[]
        {
            ("Laplacian variance, native", (n, _) => n?.LaplacianVariance),
            ("Laplacian variance, 224 px", (_, v) => v?.LaplacianVariance),
            ("mean gradient", (n, _) => n?.MeanGradient),
            ("fewest clipped pixels", (n, _) => -n?.Clipped),
            ("lowest noise", (n, _) => -n?.Noise),
        };
        return measures
            .Select(m =>
            {
                var scores = new Dictionary<string, double>();
                for (int i = 0; i < posts.Count; i++)
                    if (m.Score(native[i], view[i]) is double s)
                        scores[posts[i].PostId] = s;
                return (m.Name, DegradationReport.Compute(posts, scores));
            })
            .Where(x => x.Item2 != null)
            .Select(x => (x.Name, x.Item2!))
            .ToList();
    }
}
