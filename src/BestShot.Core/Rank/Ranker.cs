using System.Globalization;
using BestShot.Core.Facts;
using BestShot.Core.Imaging;
using BestShot.Core.Score;

namespace BestShot.Core.Rank;

/// <summary>
/// The main job: find photos, take what the cache already knows, score the rest in streaming batches, and sort
/// best first. Scores are written to the cache batch by batch, so an interrupted run keeps its work.
/// </summary>
public static class Ranker
{
    public static RankResult Rank(
        IReadOnlyList<string> photos,
        OnnxScorer scorer,
        RankOptions options,
        Action<string, string>? onSkip = null,
        Action<int, int>? progress = null,
        CancellationToken cancel = default
    )
    {
        var meta = options.Metadata.Features();
        string metaKey = string.Join(",", meta.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        using var cache = options.CachePath == null ? null : new PhotoFactsStore(options.CachePath);
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
            done = 0;
        if (cache == null)
            todo.AddRange(photos);
        else
        {
            List<(string Path, string Reason)> unreadable;
            try
            {
                (hashes, unreadable) = cache.HashAll(photos, cancel);
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
                var embedding = options.WithEmbeddings ? cache.GetEmbedding(hash, scorer.ModelId) : null;
                var focus = options.WithEmbeddings ? cache.GetFocus(hash) : null;
                var likeness = options.WithEmbeddings ? cache.GetLikeness(hash) : null;
                bool complete = !options.WithEmbeddings || (embedding != null && focus != null && likeness != null);
                if (cache.Get(hash, scorer.ModelId, metaKey) is double cached && complete)
                {
                    scores[path] = new PhotoScore(cached, embedding, focus, likeness);
                    fromCache++;
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
                    options.Scoring,
                    Skip,
                    onBatch: batch =>
                    {
                        foreach (var (index, score) in batch)
                        {
                            scores[todo[index]] = score;
                            if (hashes.TryGetValue(todo[index], out var h))
                                pendingWrites.Add((h, score));
                        }
                        cache?.PutMany(pendingWrites, scorer.ModelId, metaKey);
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

        var ranked = scores
            .OrderByDescending(kv => kv.Value.Score)
            .ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(
                (kv, i) =>
                    new RankedPhoto(
                        kv.Key,
                        kv.Value.Score,
                        i + 1,
                        options.WithEmbeddings ? kv.Value.Embedding : null,
                        scorer.Scale?.To100(kv.Value.Score),
                        options.WithEmbeddings ? kv.Value.Focus : null,
                        Likeness: options.WithEmbeddings ? kv.Value.Likeness : null
                    )
            )
            .ToList();
        return new RankResult(ranked, skipped, fromCache, scores.Count - fromCache, interrupted, photos.Count);
    }
}
