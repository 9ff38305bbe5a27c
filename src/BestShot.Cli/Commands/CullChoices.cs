using System.CommandLine;
using BestShot.Core.Group;

namespace BestShot.Cli.Commands;

/// <summary>How moments are grouped and culled: declared once, shared by `cull` and `serve`.</summary>
public sealed class CullChoices
{
    static readonly CullOptions D = new();

    readonly Option<int> keep = new("--keep") { Description = "Keepers per moment (the best N)", DefaultValueFactory = _ => D.Keep };
    readonly Option<double> gap = new("--max-gap")
    {
        Description = "Seconds between two frames of one moment, at most",
        DefaultValueFactory = _ => D.Grouping.MaxGapSeconds,
    };
    readonly Option<double> similarity = new("--min-similarity")
    {
        Description = "Cosine of two frames' embeddings within one moment, at least",
        DefaultValueFactory = _ => D.Grouping.MinSimilarity,
    };
    readonly Option<double> nearDuplicate = new("--near-duplicate")
    {
        Description = "Photos without an EXIF time join only as near-duplicates: embeddings' cosine at least this...",
        DefaultValueFactory = _ => D.Grouping.NearDuplicate,
    };
    readonly Option<double> sameLayout = new("--same-layout")
    {
        Description = "...and layouts (16×16 brightness) correlating at least this",
        DefaultValueFactory = _ => D.Grouping.SameLayout,
    };
    readonly Option<RatingScheme> ratings = new("--ratings")
    {
        Description = "Stars: shoot (top tenth of keepers 5★, keepers ≥ 3★, spare frames ≤ 2★) or absolute (from the score)",
        DefaultValueFactory = _ => D.Ratings,
    };
    readonly Option<double> rejectGap = new("--reject-gap")
    {
        Description = "Reject a frame this many points (0–100) below its moment's best",
        DefaultValueFactory = _ => D.RejectBelowBest,
    };
    readonly Option<double> rejectUnder = new("--reject-under")
    {
        Description = "Also reject any frame scoring under this (0: off; a ruined photo scores about 10)",
        DefaultValueFactory = _ => D.RejectUnder,
    };
    readonly Option<double> softShare = new("--soft-share")
    {
        Description = "A burst frame is soft where it keeps less than this share of its sharpest sibling's detail",
        DefaultValueFactory = _ => D.SoftShare,
    };
    readonly Option<int> softAreas = new("--soft-areas")
    {
        Description = "Reject a burst frame soft in at least this many of 16 areas (0: off)",
        DefaultValueFactory = _ => D.RejectSoftCells,
    };

    public IEnumerable<Option> All =>
        [keep, gap, similarity, nearDuplicate, sameLayout, ratings, rejectGap, rejectUnder, softShare, softAreas];

    public CullOptions Bind(ParseResult r) =>
        new()
        {
            Keep = r.GetValue(keep),
            RejectBelowBest = r.GetValue(rejectGap),
            RejectUnder = r.GetValue(rejectUnder),
            SoftShare = r.GetValue(softShare),
            RejectSoftCells = r.GetValue(softAreas) is int n and > 0 ? n : int.MaxValue,
            Ratings = r.GetValue(ratings),
            Grouping = new GroupOptions
            {
                MaxGapSeconds = r.GetValue(gap),
                MinSimilarity = r.GetValue(similarity),
                NearDuplicate = r.GetValue(nearDuplicate),
                SameLayout = r.GetValue(sameLayout),
            },
        };
}
