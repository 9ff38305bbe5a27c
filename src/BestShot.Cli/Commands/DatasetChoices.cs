using System.CommandLine;
using BestShot.Core.Data;
using BestShot.Core.Filter;

namespace BestShot.Cli.Commands;

/// <summary>Which posts a dataset command keeps and how it splits them, declared once for import, stats and train.</summary>
public static class DatasetChoices
{
    /// <summary>--split: by user (the seed's), by time within each user (one person's data), or auto (time when one user).</summary>
    public static Option<SplitMode> Split() =>
        new("--split")
        {
            Description =
                "auto: by time when the data has one user, else by user; user: 80 % of users train; time: each user's "
                + "older posts train and the newest 20 % validate",
            DefaultValueFactory = _ => SplitMode.Auto,
        };

    /// <summary>The seed's filter thresholds as command-line options.</summary>
    public static RecordOptions<FilterOptions> Filters()
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
