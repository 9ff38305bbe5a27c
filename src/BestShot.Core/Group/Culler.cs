using System.Globalization;
using BestShot.Core.Features;

namespace BestShot.Core.Group;

/// <summary>Keepers and rejects: what `cull` decides in each moment.</summary>
public sealed record CullOptions
{
    public GroupOptions Grouping { get; init; } = new();

    /// <summary>The best N frames of each moment are keepers.</summary>
    public int Keep { get; init; } = 1;

    // Defaults chosen with `bench cull --seed 1 --sweep` and reported on seed 0 (docs/culling.md).

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
            bool someoneOpen = m.Any(x => x.Frame.Look?.EyesOpen >= Look.EyeMeter.ClosedUnder);
            var photos = m.Select(
                    (x, i) =>
                    {
                        var (f, soft, faceSoft) = x;
                        bool keeper = whole || i < options.Keep;
                        string? why =
                            keeper ? null
                            : faceSoft ? "face soft where another frame's face is sharp"
                            : someoneOpen && f.Look?.EyesOpen < Look.EyeMeter.ClosedUnder ? "eyes closed where another frame's are open"
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
    /// </summary>
    public static readonly IReadOnlySet<string> Flaws = new HashSet<string>
    {
        "under-exposed",
        "over-exposed",
        "motion blur",
        "face soft",
        "eyes closed",
    };

    static bool HasFlaw(Frame f) => f.Look != null && Look.Reasons.Of(f.Look).Any(Flaws.Contains);

    /// <summary>
    /// A moment's frames in keeper order: in a burst, frames soft where a sibling is sharp go last, then those with a
    /// measured <see cref="Flaws">flaw</see>, each group by score; elsewhere by score. Each frame comes with its count of
    /// soft areas (0 outside bursts).
    /// </summary>
    static (string Kind, List<(Frame Frame, int Soft, bool FaceSoft)> Frames) Order(List<Frame> moment, string kind, CullOptions o)
    {
        bool faces = kind == "burst" && moment.All(f => f.Look?.FaceDetail != null);
        bool compare = kind == "burst" && !faces && moment.All(f => f.Focus != null);
        var grids = compare ? moment.Select(f => f.Focus!).ToList() : [];
        double referenceFace = faces ? Median(moment.Select(f => f.Look!.FaceDetail!.Value)) : 0;
        var frames = moment
            .Select(f =>
                (
                    Frame: f,
                    Soft: compare ? FocusGrid.SoftCells(f.Focus!, grids, o.SoftShare) : 0,
                    FaceSoft: faces && f.Look!.FaceDetail!.Value < o.FaceSoftShare * referenceFace
                )
            )
            // Softness proven against a sibling first; then a flaw measured on the frame alone; then the score.
            .OrderBy(x => x.Soft >= o.SoftCells || x.FaceSoft ? 1 : 0)
            .ThenBy(x => HasFlaw(x.Frame) ? 1 : 0)
            .ThenByDescending(x => x.Frame.Score)
            .ThenBy(x => x.Frame.Path, StringComparer.Ordinal)
            .ToList();
        return (kind, frames);
    }
}
