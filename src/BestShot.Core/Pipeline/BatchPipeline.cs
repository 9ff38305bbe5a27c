using System.Threading.Channels;

namespace BestShot.Core.Pipeline;

/// <summary>How a <see cref="BatchPipeline"/> runs its producers.</summary>
public sealed record PipelineOptions
{
    /// <summary>Producer threads. With one, items arrive in input order (training needs that to be reproducible).</summary>
    public int Workers { get; init; } = 1;

    /// <summary>Items the channel holds ahead of the consumer: bounds memory whatever the number of inputs.</summary>
    public int Capacity { get; init; } = 32;
}

/// <summary>
/// The one streaming pipeline that scoring, feature extraction and fine-tuning share: producers (decode and
/// preprocess) on worker threads fill a bounded channel that the caller drains, so decoding overlaps inference and
/// memory stays bounded.
/// Fault policy, in one place: a producer that throws completes the channel with its exception, so the consumer's
/// next read throws it at once; a consumer that throws, stops early or is cancelled cancels the producers, which may
/// be blocked on a full channel, and waits for them before its exception goes on. Neither side can hang the other.
/// </summary>
public static class BatchPipeline
{
    /// <summary>Yields every item that <paramref name="produce"/> makes from each input, on the calling thread.</summary>
    public static IEnumerable<TItem> Stream<TInput, TItem>(
        IReadOnlyList<TInput> inputs,
        Func<TInput, CancellationToken, IEnumerable<TItem>> produce,
        PipelineOptions options,
        CancellationToken cancel = default
    )
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var channel = Channel.CreateBounded<TItem>(
            new BoundedChannelOptions(options.Capacity) { SingleReader = true, SingleWriter = options.Workers == 1 }
        );
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Workers, CancellationToken = stop.Token };
        var producer = Task.Run(async () =>
        {
            try
            {
                await Parallel.ForEachAsync(
                    inputs,
                    parallel,
                    async (input, ct) =>
                    {
                        foreach (var item in produce(input, ct))
                            await channel.Writer.WriteAsync(item, ct);
                    }
                );
                channel.Writer.TryComplete();
            }
            catch (Exception e)
            {
                channel.Writer.TryComplete(e);
            }
        });
        try
        {
            // WaitToReadAsync rethrows a producer's exception as soon as the channel is empty.
            while (channel.Reader.WaitToReadAsync(stop.Token).AsTask().GetAwaiter().GetResult())
            while (channel.Reader.TryRead(out var item))
                yield return item;
        }
        finally
        {
            stop.Cancel();
            producer.GetAwaiter().GetResult(); // never throws: its exception went into the channel
        }
    }

    /// <summary><see cref="Stream"/>, in batches of up to <paramref name="batchSize"/> items.</summary>
    public static IEnumerable<TItem[]> Batches<TInput, TItem>(
        IReadOnlyList<TInput> inputs,
        Func<TInput, CancellationToken, IEnumerable<TItem>> produce,
        int batchSize,
        PipelineOptions options,
        CancellationToken cancel = default
    ) => Stream(inputs, produce, options, cancel).Chunk(batchSize);
}
