using System.CommandLine;
using BestShot.Core.Filter;

namespace BestShot.Cli.Commands;

/// <summary>The seed's filter thresholds as command-line options, shared by every command that filters.</summary>
public static class FilterChoices
{
    public static RecordOptions<FilterOptions> Create()
    {
        var o = new RecordOptions<FilterOptions>(new FilterOptions());
        o.Add(
            "--min-avg-likes",
            "Drop users whose average likes are below this",
            f => f.MinAvgLikes,
            (f, v) => f with { MinAvgLikes = v }
        );
        o.Add("--min-posts", "Drop users with fewer posts than this", f => f.MinPosts, (f, v) => f with { MinPosts = v });
        o.Add(
            "--max-likes-ratio",
            "Drop users whose max/min likes exceed this",
            f => f.MaxLikesRatio,
            (f, v) => f with { MaxLikesRatio = v }
        );
        o.Add("--min-age-hours", "Drop posts not older than this many hours", f => f.MinAgeHours, (f, v) => f with { MinAgeHours = v });
        return o;
    }
}
