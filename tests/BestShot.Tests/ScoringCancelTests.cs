using BestShot.Core.Features;
using BestShot.Core.Score;

namespace BestShot.Tests;

/// <summary>
/// Ctrl-C during scoring: ONNX Runtime is told to stop the batch in flight (its terminate flag) instead of finishing
/// it. Before, `rank` of 400 photos took 0.9–1.3 s to stop inside the first batches (and `CtrlCTests` failed on its
/// one-second limit in CI); with the flag 0.1 s.
/// </summary>
public class ScoringCancelTests
{
    [Fact]
    public void ACancelledBatchStopsWithOperationCanceled()
    {
        using var scorer = OnnxScorer.Open(null);
        const int count = 64;
        var images = new float[count * 3 * 224 * 224];
        var meta = new float[count * MetadataFeatures.Count];
        float[]? measures = scorer.NativeMeasures ? new float[count * scorer.MeasureCount] : null;
        float[]? detail = scorer.DetailCrops > 0 ? new float[count * scorer.DetailCrops * 3 * 224 * 224] : null;

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => scorer.Score(images, meta, count, detail, measures, cancelled.Token));

        // Cancelled while ONNX Runtime runs the batch: it ends well before the batch would have.
        var whole = System.Diagnostics.Stopwatch.StartNew();
        scorer.Score(images, meta, count, detail, measures);
        double full = whole.Elapsed.TotalSeconds;
        using var midway = new CancellationTokenSource(TimeSpan.FromSeconds(full / 10));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.Throws<OperationCanceledException>(() => scorer.Score(images, meta, count, detail, measures, midway.Token));
        Assert.True(
            clock.Elapsed.TotalSeconds < full * 0.6,
            $"stopped after {clock.Elapsed.TotalSeconds:F2} s; a whole batch {full:F2} s"
        );
    }
}
