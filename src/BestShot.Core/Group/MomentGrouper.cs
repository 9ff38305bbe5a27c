using BestShot.Core.Data;
using BestShot.Core.Features;
using BestShot.Core.Imaging;

namespace BestShot.Core.Group;

/// <summary>How frames are joined into moments.</summary>
public sealed record GroupOptions
{
    /// <summary>A frame joins the moment of the frame before it (same camera) when taken at most this many seconds later.</summary>
    public double MaxGapSeconds { get; init; } = 2.0;

    /// <summary>
    /// ...and when its embedding's cosine to one of the moment's last frames is at least this, so a burst that turns to
    /// another scene splits. Chosen with `bench cull --seed 1 --sweep` (README): pair F1 0.968 at 0.6 against 0.944
    /// at 0.7 and 0.952 at 0.5; --max-gap 2, 3 and 5 s tie, 1 s splits panorama sweeps.
    /// </summary>
    public double MinSimilarity { get; init; } = 0.60;

    /// <summary>
    /// Without an EXIF capture time (a copied or downloaded folder: file times say when the copy was made), time
    /// cannot tell a burst from strangers, so only near-duplicates join: frames in name order whose embeddings' cosine
    /// is at least this (the same things shown) and whose layouts (<see cref="Likeness"/>) correlate at least
    /// <see cref="SameLayout"/> (in the same places). Both chosen with `bench cull --copied --seed 1 --sweep` (README):
    /// no pair of distinct neighbouring photos passed both at any point of the grid from 0.6 / 0.7 up.
    /// </summary>
    public double NearDuplicate { get; init; } = 0.70;

    public double SameLayout { get; init; } = 0.80;

    /// <summary>
    /// A moment of three or more frames at one exposure, at least <see cref="PanoramaMinStepSeconds"/> apart, is a
    /// panorama sweep when each frame looks less like the first than the one before it did (the view moves on; a
    /// burst's clean frames look alike, whatever their order) and the last looks less like the first than this.
    /// Measured on `bench cull`: sweeps end at 0.63–0.70, bursts' clean frames stay at 0.83 or more.
    /// </summary>
    public double PanoramaMaxEndSimilarity { get; init; } = 0.8;

    /// <summary>
    /// Turning the camera for the next frame of a sweep takes time; a burst fires 3 or more frames a second. Without
    /// this, a three-frame burst whose last frame is blurred read as a sweep.
    /// </summary>
    public double PanoramaMinStepSeconds { get; init; } = 0.5;

    public string? Problem() =>
        MaxGapSeconds < 0 ? "--max-gap must be at least 0 seconds"
        : MinSimilarity is < -1 or > 1 ? "--min-similarity must be between -1 and 1"
        : NearDuplicate is < -1 or > 1 || SameLayout is < -1 or > 1 ? "--near-duplicate and --same-layout must be between -1 and 1"
        : null;
}

/// <summary>One photo as grouping sees it: capture time and camera, the backbone embedding (null: time alone decides),
/// the score, where it is sharp (<see cref="FocusGrid"/>; null: not compared), its faces, tilt and exposure
/// (<see cref="Look.PhotoLook"/>; null: not measured), and its layout (<see cref="Features.Likeness"/>; null: a frame
/// without a capture time then joins nothing), and the hash of its bytes (null: not hashed).</summary>
public sealed record Frame(
    string Path,
    CaptureInfo Capture,
    float[]? Embedding,
    double Score,
    float[]? Focus = null,
    Look.PhotoLook? Look = null,
    float[]? Likeness = null,
    string? Content = null
);

/// <summary>
/// Bursts: frames of one camera sorted by time, chained while each is close in time to the one before and looks like
/// one of the moment's last few frames. Frames without an EXIF time are never joined by time: only near-duplicates
/// (in name order) join, and never with timed frames. Sorting by camera and time first makes it O(n log n): each frame is compared
/// with at most 8 neighbours. Two cameras never share a moment, however close their clocks.
/// </summary>
public static class MomentGrouper
{
    public static List<List<Frame>> Group(IReadOnlyList<Frame> frames, GroupOptions options)
    {
        var moments = new List<List<Frame>>();
        var byCamera = frames
            .GroupBy(f => (f.Capture.Camera, Timed: f.Capture.TimeSource == CaptureInfo.FromExif))
            .OrderBy(g => g.Key.Camera, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Timed);
        foreach (var camera in byCamera)
        {
            List<Frame>? current = null;
            var ordered = camera.Key.Timed
                ? camera.OrderBy(f => f.Capture.Time).ThenBy(f => f.Path, StringComparer.Ordinal)
                : camera.OrderBy(f => f.Path, StringComparer.Ordinal);
            foreach (var frame in ordered)
            {
                var previous = current?[^1];
                bool joins =
                    previous != null
                    && (
                        camera.Key.Timed
                            ? (frame.Capture.Time - previous.Capture.Time).TotalSeconds <= options.MaxGapSeconds
                                && (LooksLike(frame, current!, options.MinSimilarity) || ContinuesBracket(frame, current!))
                            : IsNearDuplicate(frame, current!, options)
                    );
                if (!joins)
                    moments.Add(current = []);
                current!.Add(frame);
            }
        }
        return JoinCopies(moments);
    }

    /// <summary>
    /// Byte-identical files are one photo, wherever they lie: a copy in another folder, or under a name that sorts far
    /// from the original, is not next to it in name order, so the chain above never compares them. Each copy's moment
    /// joins the first moment holding the same bytes; frames keep their order (name or time).
    /// </summary>
    static List<List<Frame>> JoinCopies(List<List<Frame>> moments)
    {
        var home = new Dictionary<string, List<Frame>>(StringComparer.Ordinal);
        var joined = new List<List<Frame>>();
        foreach (var moment in moments)
        {
            var into = moment.Select(f => f.Content is { } h ? home.GetValueOrDefault(h) : null).FirstOrDefault(m => m != null);
            if (into == null)
                joined.Add(into = moment);
            else
                into.AddRange(moment);
            foreach (var f in moment)
                if (f.Content is { } h)
                    home.TryAdd(h, into);
        }
        return joined;
    }

    /// <summary>Which rule joined a moment's frames, for the outputs: "capture time" (EXIF time and a look alike),
    /// "near-duplicate" (no capture time: look alone, at the stricter threshold), or "" for a single frame.</summary>
    public static string RuleOf(IReadOnlyList<Frame> moment) =>
        moment.Count == 1 ? ""
        : moment[0].Capture.TimeSource == CaptureInfo.FromExif ? "capture time"
        : "near-duplicate";

    /// <summary>
    /// An exposure bracket's frames differ in brightness by design and may not look alike to the backbone; the EXIF
    /// exposure bias ties them: a new value, never one the moment already has (a bracket does not repeat a step).
    /// </summary>
    static bool ContinuesBracket(Frame frame, List<Frame> moment) =>
        frame.Capture.ExposureBias is { } bias
        && moment.All(f => f.Capture.ExposureBias is { } b && b != bias)
        && moment.Select(f => f.Capture.ExposureBias).Distinct().Count() == moment.Count;

    /// <summary>"bracket", "panorama", "burst" or "single"; frames in time order.</summary>
    public static string KindOf(IReadOnlyList<Frame> moment, GroupOptions options)
    {
        if (moment.Count == 1)
            return "single";
        var biases = moment.Select(f => f.Capture.ExposureBias).ToList();
        if (biases.All(b => b != null) && biases.Distinct().Count() == moment.Count && biases.Max() - biases.Min() >= 0.9)
            return "bracket";
        bool paced = moment
            .Zip(moment.Skip(1))
            .All(p => (p.Second.Capture.Time - p.First.Capture.Time).TotalSeconds >= options.PanoramaMinStepSeconds);
        if (moment.Count >= 3 && paced && biases.Distinct().Count() == 1 && IsSweep(moment, options.PanoramaMaxEndSimilarity))
            return "panorama";
        return "burst";
    }

    static bool IsSweep(IReadOnlyList<Frame> moment, double maxEndSimilarity)
    {
        if (moment.Any(f => f.Embedding == null))
            return false;
        double previous = 1;
        for (int i = 1; i < moment.Count; i++)
        {
            double s = Vectors.Cosine(moment[0].Embedding!, moment[i].Embedding!);
            if (s >= previous)
                return false;
            previous = s;
        }
        return previous < maxEndSimilarity;
    }

    /// <summary>
    /// Frames compared with, at most: after a spoiled frame (blurred, dark) the next clean one looks unlike it, but like
    /// the frames before it.
    /// </summary>
    const int Recent = 8;

    static bool LooksLike(Frame frame, List<Frame> moment, double minSimilarity) =>
        frame.Embedding is not { } e
        || Recently(moment).Any(f => f.Embedding is not { } other || Vectors.Cosine(e, other) >= minSimilarity);

    /// <summary>Shows the same things in the same places as one of the moment's last frames.</summary>
    static bool IsNearDuplicate(Frame frame, List<Frame> moment, GroupOptions o) =>
        Recently(moment).Any(other => AreNearDuplicates(frame, other, o));

    /// <summary>The moment's last <see cref="Recent"/> frames, newest first: what a new frame is compared with.</summary>
    static IEnumerable<Frame> Recently(List<Frame> moment) => Enumerable.Reverse(moment).Take(Recent);

    /// <summary>The near-duplicate test of two frames; a frame without embedding or layout is nobody's duplicate.</summary>
    public static bool AreNearDuplicates(Frame a, Frame b, GroupOptions o) =>
        a is { Embedding: { } ea, Likeness: { } la }
        && b is { Embedding: { } eb, Likeness: { } lb }
        && Vectors.Cosine(ea, eb) >= o.NearDuplicate
        && Features.Likeness.Layout(la, lb) >= o.SameLayout;
}
