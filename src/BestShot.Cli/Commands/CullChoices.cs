using System.CommandLine;
using BestShot.Core.Group;

namespace BestShot.Cli.Commands;

/// <summary>How moments are grouped and culled: declared once, shared by `cull` and `serve`.</summary>
public static class CullChoices
{
    public static RecordOptions<CullOptions> Create()
    {
        var o = new RecordOptions<CullOptions>(new CullOptions());
        o.Add("--keep", "Keepers per moment (the best N)", c => c.Keep, (c, v) => c with { Keep = v });
        var grouping = new RecordOptions<GroupOptions>(o.Defaults.Grouping);
        grouping.Add(
            "--max-gap",
            "Seconds between two frames of one moment, at most",
            g => g.MaxGapSeconds,
            (g, v) => g with { MaxGapSeconds = v }
        );
        grouping.Add(
            "--min-similarity",
            "Cosine of two frames' embeddings within one moment, at least",
            g => g.MinSimilarity,
            (g, v) => g with { MinSimilarity = v }
        );
        grouping.Add(
            "--near-duplicate",
            "Photos without an EXIF time join only as near-duplicates: embeddings' cosine at least this...",
            g => g.NearDuplicate,
            (g, v) => g with { NearDuplicate = v }
        );
        grouping.Add(
            "--same-layout",
            "...and layouts (16×16 brightness) correlating at least this",
            g => g.SameLayout,
            (g, v) => g with { SameLayout = v }
        );
        o.Include(grouping, c => c.Grouping, (c, g) => c with { Grouping = g });
        o.Add(
            "--ratings",
            "Stars: shoot (top tenth of keepers 5★, keepers ≥ 3★, spare frames ≤ 2★) or absolute (from the score)",
            c => c.Ratings,
            (c, v) => c with { Ratings = v }
        );
        o.Add(
            "--reject-gap",
            "Reject a frame this many points (0–100) below its moment's best",
            c => c.RejectBelowBest,
            (c, v) => c with { RejectBelowBest = v }
        );
        o.Add(
            "--reject-under",
            "Also reject any frame scoring under this (0: off; a ruined photo scores about 10)",
            c => c.RejectUnder,
            (c, v) => c with { RejectUnder = v }
        );
        o.Add(
            "--soft-share",
            "A burst frame is soft where it keeps less than this share of its sharpest sibling's detail",
            c => c.SoftShare,
            (c, v) => c with { SoftShare = v }
        );
        o.Add(
            "--soft-areas",
            "Reject a burst frame soft in at least this many of 16 areas (0: off)",
            c => c.RejectSoftCells,
            (c, v) => c with { RejectSoftCells = v > 0 ? v : int.MaxValue }
        );
        return o;
    }
}
