using BestShot.Core.Backbone;
using BestShot.Core.Group;
using BestShot.Core.Imaging;
using BestShot.Core.Present;
using BestShot.Core.Rank;
using BestShot.Core.Score;

namespace BestShot.Web;

/// <summary>One photo the gallery may show: its id in URLs, where it is, and under which served root.</summary>
public sealed record GalleryPhoto(int Id, string Path, int Root, string Relative, string? Raw);

/// <summary>What the page shows at one moment of the scan: moments best first, photos that could not be read.</summary>
public sealed record GallerySnapshot(
    IReadOnlyList<Moment> Moments,
    IReadOnlyList<(GalleryPhoto Photo, string Reason)> Unreadable,
    int Scanned,
    int Total,
    bool Finished
)
{
    public static readonly GallerySnapshot Empty = new([], [], 0, 0, false);
}

/// <summary>
/// The served shoot: the photos under the roots, scored and grouped in the background by `cull`'s code in chunks, so
/// the page shows the photos already scored while the rest are scanned. Each chunk publishes a new immutable
/// snapshot; requests read whichever is current. Decisions made on the page go through <see cref="XmpDecisions"/>.
/// </summary>
public sealed class Gallery
{
    readonly ServeOptions _options;
    readonly Dictionary<string, GalleryPhoto> _byPath = new(StringComparer.Ordinal);
    readonly Dictionary<int, PhotoDecision> _decisions = [];
    readonly Stack<(GalleryPhoto Photo, byte[]? Before, PhotoDecision Was)> _undo = new();
    readonly object _gate = new();

    public IReadOnlyList<GalleryPhoto> Photos { get; }
    public IReadOnlyList<string> RootPaths { get; }
    public IReadOnlyList<(string Path, string Reason)> WalkProblems { get; }
    public GallerySnapshot Current { get; private set; } = GallerySnapshot.Empty;

    public Gallery(ServeOptions options, CancellationToken cancel = default)
    {
        _options = options;
        RootPaths = options.Roots.Select(r => RealPath.Of(Path.GetFullPath(r)) ?? Path.GetFullPath(r)).ToList();
        var walk = PhotoFiles.Walk(options.Roots, cancel);
        var photos = new List<GalleryPhoto>();
        var problems = walk.Skipped.Concat(walk.Notes).ToList();
        foreach (var path in walk.Photos)
        {
            // Only files whose real location is under a served root: a symlink leading out is not served.
            string? real = RealPath.Of(path);
            int root = real == null ? -1 : RootPaths.ToList().FindIndex(r => RealPath.IsUnder(real, r));
            if (root < 0)
            {
                problems.Add((path, "leads outside the served folders; not served"));
                continue;
            }
            var photo = new GalleryPhoto(photos.Count, path, root, Path.GetRelativePath(RootPaths[root], real!), walk.RawOf(path));
            photos.Add(photo);
            _byPath[path] = photo;
        }
        Photos = photos;
        WalkProblems = problems;
        Current = GallerySnapshot.Empty with { Total = photos.Count };
    }

    public GalleryPhoto? ById(int id) => id >= 0 && id < Photos.Count ? Photos[id] : null;

    public GalleryPhoto? ByPath(string path) => _byPath.GetValueOrDefault(path);

    /// <summary>Scores and groups everything, publishing a snapshot after each chunk. Runs on a background task.</summary>
    /// <param name="onSkip">Told of each photo that cannot be read, with the reason (the page shows it too).</param>
    /// <param name="onStep">Told of each snapshot as it is published.</param>
    public void Scan(CancellationToken cancel, Action<string, string>? onSkip = null, Action<GallerySnapshot>? onStep = null)
    {
        using var scorer = OnnxScorer.Open(_options.Model, new OrtOptions { UseCuda = _options.Cuda }, _options.Int8);
        var rank = new RankOptions
        {
            Facts = new() { StorePath = _options.ScoreCachePath, Scoring = _options.Scoring },
        };
        var frames = new List<Frame>();
        var unreadable = new List<(GalleryPhoto, string)>();
        int scanned = 0;
        while (scanned < Photos.Count)
        {
            if (cancel.IsCancellationRequested)
                return;
            // Small steps first, so the page fills at once; then steps of half what is done, so regrouping everything
            // after each step happens a logarithmic number of times, not once per 48 photos.
            int step = Math.Max(Math.Max(1, _options.ScanChunk), scanned / 2);
            var chunk = Photos.Skip(scanned).Take(step).ToArray();
            var (chunkFrames, ranked) = CullRun.Frames(chunk.Select(p => p.Path).ToList(), scorer, rank, onSkip, cancel: cancel);
            frames.AddRange(chunkFrames);
            foreach (var (path, why) in ranked.Skipped)
                if (ByPath(path) is { } bad)
                    unreadable.Add((bad, why));
            lock (_gate)
                foreach (var p in chunk)
                    _decisions[p.Id] = XmpDecisions.Read(p.Path, _options.Xmp.Name);
            scanned += chunk.Length;
            var moments = Culler.Cull(frames, _options.Cull, onScale: scorer.Scale != null);
            Current = new GallerySnapshot(moments, unreadable.ToList(), scanned, Photos.Count, scanned == Photos.Count);
            onStep?.Invoke(Current);
        }
        Current = Current with { Finished = true };
    }

    public PhotoDecision DecisionOf(int id)
    {
        lock (_gate)
            return _decisions.GetValueOrDefault(id, PhotoDecision.None);
    }

    /// <summary>Writes a decision to the photo's sidecar (and its RAW's) and remembers how to undo it.</summary>
    /// <returns>Null, or the one-line problem (an unreadable or unwritable sidecar).</returns>
    public string? Decide(GalleryPhoto photo, XmpDecisions.Action action, int stars)
    {
        lock (_gate)
        {
            try
            {
                var was = _decisions.GetValueOrDefault(photo.Id, PhotoDecision.None);
                var before = XmpDecisions.Apply(photo.Path, action, stars, _options.Xmp);
                if (
                    photo.Raw != null
                    && XmpSidecars.PathFor(photo.Raw, _options.Xmp.Name) != XmpSidecars.PathFor(photo.Path, _options.Xmp.Name)
                )
                    XmpDecisions.Apply(photo.Raw, action, stars, _options.Xmp);
                _undo.Push((photo, before, was));
                _decisions[photo.Id] = XmpDecisions.Read(photo.Path, _options.Xmp.Name);
                return null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or XmpCore.XmpException)
            {
                return Core.Data.SafeText.OneLine(e.Message);
            }
        }
    }

    /// <summary>Undoes the last decision made on this server (its sidecar back to its old bytes); null if none.</summary>
    public GalleryPhoto? Undo()
    {
        lock (_gate)
        {
            if (!_undo.TryPop(out var last))
                return null;
            XmpDecisions.Restore(last.Photo.Path, _options.Xmp.Name, last.Before);
            _decisions[last.Photo.Id] = last.Was;
            return last.Photo;
        }
    }
}
