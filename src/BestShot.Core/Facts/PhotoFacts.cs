using System.Globalization;
using BestShot.Core.Features;
using BestShot.Core.Imaging;
using BestShot.Core.Look;
using BestShot.Core.Score;

namespace BestShot.Core.Facts;

/// <summary>How photos are scored and where their facts are kept: the one settings record of `rank`, `cull` and `serve`.</summary>
public sealed record FactsSettings
{
    public SimulatedMetadata Metadata { get; init; } = SimulatedMetadata.Seed;

    /// <summary>The photo-facts store: a SQLite file or a PostgreSQL URL; null keeps nothing.</summary>
    public string? StorePath { get; init; } = PhotoFactsStore.DefaultPath;
    public ScoreOptions Scoring { get; init; } = new();

    /// <summary>Compute facts only for this shard's photos; the others come from the store or wait for their worker.</summary>
    public Shard? Shard { get; init; }
}

/// <summary>
/// Which photos get a look: none (`rank`), those scoring under <see cref="Reasons.LowScore"/> (`rank --reasons`), all
/// (`cull`).
/// </summary>
public enum LookScope
{
    None,
    LowScores,
    All,
}

/// <summary>What the caller needs beyond the score: embeddings, focus grids and layouts; looks; capture times.</summary>
public sealed record FactsRequest(bool Embeddings = false, LookScope Looks = LookScope.None, bool Capture = false);

/// <summary>
/// What is known of one photo: its score (with embedding, focus grid and layout when asked), look and capture, and the
/// hash of its bytes (null without a store, where files are not hashed).
/// </summary>
public sealed record PhotoFact(string Path, PhotoScore Score, double? Score100, PhotoLook? Look, CaptureInfo? Capture, string? Hash);

/// <param name="Interrupted">Ctrl-C while scoring; Ctrl-C while looking leaves this false and some looks missing.</param>
/// <param name="Elsewhere">Photos of other shards not in the store yet: their workers will score them.</param>
public sealed record FactsResult(
    IReadOnlyList<PhotoFact> Photos,
    IReadOnlyList<(string Path, string Reason)> Skipped,
    int FromCache,
    int Scored,
    bool Interrupted,
    int Total,
    int Elsewhere = 0
);

/// <summary>
/// One pass over the photos: the store is opened once and each file hashed once; scores (and what came with them)
/// are read from the store where it has them and computed in streaming batches where it does not, written back
/// batch by batch, so an interrupted run keeps its work; then looks and capture times, only where asked.
/// </summary>
public static class PhotoFacts
{
    public static FactsResult Gather(
        IReadOnlyList<string> photos,
        OnnxScorer scorer,
        FactsSettings settings,
        FactsRequest request,
        Action<string, string>? onSkip = null,
        Action<int, int>? progress = null,
        CancellationToken cancel = default
    )
    {
        var meta = settings.Metadata.Features();
        string metaKey = string.Join(",", meta.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        using var store = settings.StorePath == null ? null : new PhotoFactsStore(settings.StorePath);
        var skipped = new List<(string, string)>();
        void Skip(string path, string why)
        {
            lock (skipped)
                skipped.Add((path, why));
            onSkip?.Invoke(path, why);
        }

        var scores = new Dictionary<string, PhotoScore>();
        var hashes = new Dictionary<string, string>();
        var todo = new List<string>();
        int fromCache = 0,
            done = 0,
            elsewhere = 0;
        if (store == null)
            todo.AddRange(photos);
        else
        {
            List<(string Path, string Reason)> unreadable;
            try
            {
                (hashes, unreadable) = store.HashAll(photos, cancel);
            }
            catch (OperationCanceledException)
            {
                (hashes, unreadable) = ([], []);
            }
            foreach (var (path, why) in unreadable)
                Skip(path, why);
            foreach (var path in photos)
            {
                if (cancel.IsCancellationRequested)
                    break;
                if (!hashes.TryGetValue(path, out var hash))
                    continue;
                if (Stored(store, hash, scorer.ModelId, metaKey, request.Embeddings) is { } known)
                {
                    scores[path] = known;
                    fromCache++;
                    progress?.Invoke(++done, photos.Count);
                }
                else if (settings.Shard is { } shard && !shard.Holds(hash))
                {
                    elsewhere++;
                    progress?.Invoke(++done, photos.Count);
                }
                else
                    todo.Add(path);
            }
        }

        bool interrupted = cancel.IsCancellationRequested;
        if (todo.Count > 0 && !interrupted)
        {
            var pendingWrites = new List<(string, PhotoScore)>();
            try
            {
                BatchScorer.Score(
                    scorer,
                    todo.Select(p => new ScoreRequest(p, meta)).ToList(),
                    settings.Scoring,
                    Skip,
                    onBatch: batch =>
                    {
                        foreach (var (index, score) in batch)
                        {
                            scores[todo[index]] = score;
                            if (hashes.TryGetValue(todo[index], out var h))
                                pendingWrites.Add((h, score));
                        }
                        store?.PutMany(pendingWrites, scorer.ModelId, metaKey);
                        pendingWrites.Clear();
                        done += batch.Count;
                        progress?.Invoke(done, photos.Count);
                    },
                    cancel: cancel
                );
            }
            catch (OperationCanceledException)
            {
                interrupted = true;
            }
        }

        double? On100(double raw) => scorer.Scale?.To100(raw);
        var looked = request.Looks switch
        {
            LookScope.None => [],
            LookScope.LowScores => scores.Where(s => On100(s.Value.Score) < Reasons.LowScore).Select(s => s.Key).ToList(),
            _ => scores.Keys.ToList(),
        };
        // A shard's worker looks only at its own photos; the others' looks come from the store when their worker stored
        // them. Where every photo needs a look (cull), one still missing is a photo the caller must wait for.
        if (settings.Shard is { } own && store != null)
        {
            var waiting = looked.Where(p => !own.Holds(hashes[p]) && store.GetLook(hashes[p]) == null).ToHashSet();
            if (request.Looks == LookScope.All)
                elsewhere += waiting.Count;
            looked = looked.Where(p => !waiting.Contains(p)).ToList();
        }
        var looks = looked.Count == 0 || interrupted ? [] : Looks.For(looked, store, hashes, progress, cancel, scored: true);
        var found = scores
            .AsParallel()
            .Select(kv => new PhotoFact(
                kv.Key,
                request.Embeddings ? kv.Value : kv.Value with { Embedding = null, Focus = null, Likeness = null },
                On100(kv.Value.Score),
                looks.GetValueOrDefault(kv.Key),
                request.Capture ? CaptureInfo.Read(kv.Key) : null,
                hashes.GetValueOrDefault(kv.Key)
            ))
            .ToList();
        return new FactsResult(found, skipped, fromCache, scores.Count - fromCache, interrupted, photos.Count, elsewhere);
    }

    /// <summary>The stored score, with its embedding, focus grid and layout when they are needed; null when any is missing.</summary>
    static PhotoScore? Stored(PhotoFactsStore store, string hash, string model, string metaKey, bool embeddings)
    {
        if (store.Get(hash, model, metaKey) is not double score)
            return null;
        if (!embeddings)
            return new PhotoScore(score, null);
        var embedding = store.GetEmbedding(hash, model);
        var focus = store.GetFocus(hash);
        var likeness = store.GetLikeness(hash);
        return embedding != null && focus != null && likeness != null ? new PhotoScore(score, embedding, focus, likeness) : null;
    }
}
