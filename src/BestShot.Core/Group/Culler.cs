using System.Globalization;
using BestShot.Core.Features;
using BestShot.Core.Imaging;

namespace BestShot.Core.Group;

/// <summary>Keepers and rejects: what `cull` decides in each moment.</summary>
public sealed record CullOptions
{
    public GroupOptions Grouping { get; init; } = new();

    /// <summary>The best N frames of each moment are keepers.</summary>
    public int Keep { get; init; } = 1;

    // Defaults chosen with `bench cull --seed 1 --sweep` and reported on seed 0 (README, "Measured: `bench cull`").

    /// <summary>Reject rule, part 1: a frame this many points (0–100 scale) below its moment's best.</summary>
    public double RejectBelowBest { get; init; } = 30;

    /// <summary>
    /// Reject rule, part 2: a frame below this score, whatever its moment. Off (0) by default: whole bursts of clean
    /// but dull frames score under 20, and rejecting them halved reject precision on the benchmark.
    /// </summary>
    public double RejectUnder { get; init; }

    /// <summary>
    /// The keeper's first test: a burst frame is soft when, in at least <see cref="SoftCells"/> of the 16 areas of
    /// <see cref="FocusGrid"/>, it kept less than this share of the detail the moment's sharpest frame has there. A
    /// soft frame is never the keeper while a sharp one exists.
    /// </summary>
    public double SoftShare { get; init; } = 0.4;

    public int SoftCells { get; init; } = 2;

    /// <summary>Reject rule, part 3: soft (as above) in at least this many areas; stricter than the keeper test.</summary>
    public int RejectSoftCells { get; init; } = 3;

    /// <summary>
    /// Where every frame of a burst shows a face, the face decides instead of the 16 areas: a frame whose face kept less
    /// than this share of the moment's median face detail is soft (never the keeper while a sharp face exists, and a
    /// reject), however sharp its background. The median, not the sharpest: a blown-out frame's clipped face measures
    /// falsely crisp (its contrast shrinks more than its edges), and on `bench cull` the sharpest as reference made
    /// such frames keepers.
    /// </summary>
    public double FaceSoftShare { get; init; } = 0.6;

    /// <summary>How verdicts become stars (<see cref="Group.Stars"/>).</summary>
    public RatingScheme Ratings { get; init; } = RatingScheme.Shoot;

    public string? Problem() =>
        Keep < 1 ? "--keep must be at least 1"
        : RejectBelowBest < 0 || RejectUnder < 0 ? "--reject-gap and --reject-under must be at least 0"
        : SoftShare is < 0 or > 1 ? "--soft-share must be between 0 and 1"
        : Grouping.Problem();
}

/// <param name="Raw">The RAW file paired with this JPEG (same base name, same folder), which gets the same verdict.</param>
/// <param name="Reasons">What the look checks found (<see cref="Look.Reasons"/>): "face soft", "tilted 4°", ...</param>
/// <param name="Stars">The rating `cull` gives (<see cref="Group.Stars"/>): 1–5, or −1 for a reject.</param>
public sealed record CulledPhoto(
    string Path,
    double Score,
    bool Keeper,
    bool Reject,
    string? Why,
    CaptureInfo Capture,
    string? Raw = null,
    IReadOnlyList<string>? Reasons = null,
    int Stars = 0
);

/// <param name="Kind">"burst" (two or more frames), "single", or "bracket" and "panorama", whose frames are all kept.</param>
/// <param name="Rule">What joined the frames (<see cref="MomentGrouper.RuleOf"/>): "capture time", "near-duplicate", or "".</param>
public sealed record Moment(string Id, string Kind, IReadOnlyList<CulledPhoto> Photos, string Rule = "")
{
    public CulledPhoto Best => Photos[0];
}

/// <summary>
/// Groups scored frames into moments (<see cref="MomentGrouper"/>), orders each moment best first, keeps the best
/// <see cref="CullOptions.Keep"/>, and marks as rejects the frames that are clearly spoiled next to the best: far
/// below it on the score scale, or ruined outright. Rejects need the model's 0–100 scale; with raw scores none are
/// marked. Moments come best first (by their best frame), numbered g0001, g0002, ...
/// </summary>
public static class Culler
{
    public static List<Moment> Cull(IReadOnlyList<Frame> frames, CullOptions options, bool onScale)
    {
        var moments = MomentGrouper
            .Group(frames, options.Grouping)
            .Select(m => Order(m, MomentGrouper.KindOf(m, options.Grouping), options))
            .OrderByDescending(m => m.Frames.Max(f => f.Frame.Score))
            .ThenBy(m => m.Frames[0].Frame.Path, StringComparer.Ordinal)
            .ToList();
        var result = new List<Moment>(moments.Count);
        for (int g = 0; g < moments.Count; g++)
        {
            var (kind, m) = moments[g];
            double best = m.Max(f => f.Frame.Score);
            // A bracket is merged and a panorama stitched: every frame is needed, none is culled.
            bool whole = kind is "bracket" or "panorama";
            var photos = m.Select(
                    (x, i) =>
                    {
                        var (f, soft, faceSoft, blink) = x;
                        bool keeper = whole || i < options.Keep;
                        string? why =
                            keeper ? null
                            : faceSoft ? "face soft where another frame's face is sharp"
                            : blink ? "eyes closed where another frame's are open"
                            : soft >= options.RejectSoftCells
                                ? string.Create(CultureInfo.InvariantCulture, $"soft in {soft} of 16 areas where another frame is sharp")
                            : !onScale ? null
                            : f.Score < options.RejectUnder
                                ? string.Create(CultureInfo.InvariantCulture, $"score {f.Score:F0} < {options.RejectUnder:F0}")
                            : f.Score < best - options.RejectBelowBest
                                ? string.Create(CultureInfo.InvariantCulture, $"{best - f.Score:F0} points below the best frame")
                            : null;
                        var reasons = Look.Reasons.Explain(f.Look, onScale ? f.Score : null);
                        return new CulledPhoto(f.Path, f.Score, keeper, why != null, why, f.Capture, null, reasons);
                    }
                )
                .ToList();
            result.Add(new Moment($"g{g + 1:D4}", kind, photos, MomentGrouper.RuleOf(m.Select(x => x.Frame).ToList())));
        }
        return Stars.Rate(result, options.Ratings);
    }

    static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToList();
        return v.Count % 2 == 1 ? v[v.Count / 2] : (v[v.Count / 2 - 1] + v[v.Count / 2]) / 2;
    }

    /// <summary>
    /// Flaws the look measured that a photographer would never keep over a clean sibling, whatever the model thinks of
    /// the rest of the frame (an under-exposed frame of a dull scene can outscore its clean twins by a few points).
    /// A soft face and shut eyes are judged against the siblings instead (<see cref="Order"/>): measured on one frame
    /// alone, a face cut by the edge read "soft", and shifted copies of one frame read 0.20 and 0.23 open.
    /// </summary>
    public static readonly IReadOnlySet<string> Flaws = new HashSet<string> { "under-exposed", "over-exposed", "motion blur" };

    /// <summary>
    /// A blink: eyes shut where the other sound frames' median is at least this many times wider (the shut faces of
    /// ../shared/data/eyes measured 0.13–0.15, their open twins 0.31–0.41). On `bench cull`, shifted copies of one
    /// small face read from 0.16 to 0.43; against the largest sibling at 1.6 times, four clean frames were rejected.
    /// </summary>
    public const double BlinkRatio = 2;

    static List<string> FlawsOf(Frame f) => f.Look == null ? [] : Look.Reasons.Of(f.Look).Where(Flaws.Contains).ToList();

    /// <summary>
    /// A moment's frames in keeper order: in a burst, frames soft where a sibling is sharp go last, then those with a
    /// measured <see cref="Flaws">flaw</see>, each group by score; elsewhere by score. Each frame comes with its count of
    /// soft areas (0 outside bursts).
    /// </summary>
    static (string Kind, List<(Frame Frame, int Soft, bool FaceSoft, bool Blink)> Frames) Order(
        List<Frame> moment,
        string kind,
        CullOptions o
    )
    {
        bool burst = kind == "burst";
        bool faces = burst && moment.All(f => f.Look?.FaceDetail != null);
        bool compare = burst && !faces && moment.All(f => f.Focus != null);
        var grids = compare ? moment.Select(f => f.Focus!).ToList() : [];
        double referenceFace = faces ? Median(moment.Select(f => f.Look!.FaceDetail!.Value)) : 0;
        // A flaw most of the burst shares is the scene (a dim interior is "under-exposed" in every frame), not a fault.
        var flaws = moment.ToDictionary(f => f, FlawsOf);
        var common = flaws.Values.SelectMany(x => x).GroupBy(x => x).Where(g => 2 * g.Count() >= moment.Count).Select(g => g.Key);
        var judged = moment
            .Select(f =>
                (
                    Frame: f,
                    Soft: compare ? FocusGrid.SoftCells(f.Focus!, grids, o.SoftShare) : 0,
                    FaceSoft: faces && f.Look!.FaceDetail!.Value < o.FaceSoftShare * referenceFace,
                    Flawed: burst && (flaws[f].Except(common).Any() || BlownOutlier(f, moment))
                )
            )
            .ToList();
        // Open eyes count only on a frame that is itself sound: an under-exposed or smeared frame's eyes measure anything.
        var sound = judged.Where(x => x.Soft < o.SoftCells && !x.FaceSoft && !x.Flawed && x.Frame.Look?.EyesOpen != null).ToList();
        double OthersOpen(Frame f) =>
            sound.Where(x => x.Frame != f).Select(x => x.Frame.Look!.EyesOpen!.Value) is var others && others.Any() ? Median(others) : 0;
        var frames = judged
            .Select(x =>
                (
                    x.Frame,
                    x.Soft,
                    x.FaceSoft,
                    Blink: x.Frame.Look?.EyesOpen is double e
                        && e < Look.EyeMeter.ClosedUnder
                        && OthersOpen(x.Frame) is var open
                        && open >= Look.EyeMeter.ClosedUnder
                        && open >= BlinkRatio * e,
                    x.Flawed
                )
            )
            // Softness or a blink proven against a sibling first; then a flaw; then the score.
            .OrderBy(x => x.Soft >= o.SoftCells || x.FaceSoft || x.Blink ? 1 : 0)
            .ThenBy(x => x.Flawed ? 1 : 0)
            .ThenByDescending(x => x.Frame.Score)
            .ThenBy(x => x.Frame.Path, StringComparer.Ordinal)
            .Select(x => (x.Frame, x.Soft, x.FaceSoft, x.Blink))
            .ToList();
        return (kind, frames);
    }

    /// <summary>
    /// Highlights blown where the burst's are not: at least 2 % of the frame clipped, and three times the burst's median
    /// share. A dark scene's clean frames all read "under-exposed" (a flaw the burst shares is the scene's), and its
    /// blown frame, brightened to ordinary levels, carried no flag of its own and kept.
    /// </summary>
    static bool BlownOutlier(Frame f, List<Frame> moment)
    {
        if (f.Look == null || moment.Any(x => x.Look == null))
            return false;
        double median = Median(moment.Select(x => x.Look!.Clipped));
        return f.Look.Clipped >= BlownShare && f.Look.Clipped >= 3 * median;
    }

    public const double BlownShare = 0.02;
}
