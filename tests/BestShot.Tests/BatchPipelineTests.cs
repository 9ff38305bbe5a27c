using System.Diagnostics;
using BestShot.Core.Pipeline;

namespace BestShot.Tests;

/// <summary>The one streaming pipeline's fault policy: neither a failing producer nor a failing consumer can hang it.</summary>
public class BatchPipelineTests
{
    static readonly PipelineOptions Small = new() { Workers = 2, Capacity = 2 };

    [Fact]
    public void ThrowingConsumerEndsPromptlyWithItsErrorAndStopsTheProducers()
    {
        int produced = 0;
        IEnumerable<int> Produce(int i, CancellationToken ct)
        {
            Interlocked.Increment(ref produced);
            yield return i;
        }
        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var batch in BatchPipeline.Batches(Enumerable.Range(0, 100_000).ToList(), Produce, 4, Small))
                throw new InvalidOperationException("scoring failed");
        });
        Assert.Equal("scoring failed", e.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        // The producers were blocked on the full channel and then cancelled: they did not run through every input.
        int after = Volatile.Read(ref produced);
        Thread.Sleep(200);
        Assert.Equal(after, Volatile.Read(ref produced));
        Assert.True(after < 1000, $"{after} inputs produced after the consumer failed");
    }

    [Fact]
    public void ThrowingProducerEndsTheConsumerPromptlyWithTheProducersError()
    {
        IEnumerable<int> Produce(int i, CancellationToken ct)
        {
            if (i == 7)
                throw new IOException("disk went away");
            yield return i;
        }
        var seen = new List<int>();
        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<IOException>(() =>
        {
            foreach (
                var item in BatchPipeline.Stream(Enumerable.Range(0, 100_000).ToList(), Produce, new PipelineOptions { Capacity = 2 })
            )
                seen.Add(item);
        });
        Assert.Equal("disk went away", e.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Equal(Enumerable.Range(0, 7), seen); // one worker: in order, and nothing after the failure
    }

    [Fact]
    public void CancellationEndsTheStreamWithOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        IEnumerable<int> Produce(int i, CancellationToken ct)
        {
            yield return i;
        }
        int taken = 0;
        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (var item in BatchPipeline.Stream(Enumerable.Range(0, 100_000).ToList(), Produce, Small, cts.Token))
                if (++taken == 10)
                    cts.Cancel();
        });
        Assert.InRange(taken, 10, 10 + Small.Capacity + Small.Workers);
    }

    [Fact]
    public void EveryItemArrivesOnceInBatchesOfTheRequestedSize()
    {
        IEnumerable<int> Produce(int i, CancellationToken ct)
        {
            yield return 2 * i;
            yield return 2 * i + 1;
        }
        var batches = BatchPipeline.Batches(Enumerable.Range(0, 50).ToList(), Produce, 16, new PipelineOptions { Workers = 3 }).ToList();
        Assert.Equal([16, 16, 16, 16, 16, 16, 4], batches.Select(b => b.Length));
        Assert.Equal(Enumerable.Range(0, 100), batches.SelectMany(b => b).Order());
    }

    [Fact]
    public void ConsumerStoppingEarlyReleasesTheProducers()
    {
        IEnumerable<int> Produce(int i, CancellationToken ct)
        {
            yield return i;
        }
        var clock = Stopwatch.StartNew();
        var first = BatchPipeline.Stream(Enumerable.Range(0, 100_000).ToList(), Produce, Small).Take(3).ToList();
        Assert.Equal(3, first.Count);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }
}
