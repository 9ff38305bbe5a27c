using System.CommandLine;
using BestShot.Core.Filter;

namespace BestShot.Cli.Commands;

/// <summary>The seed's filter thresholds as command-line options, shared by every command that filters.</summary>
public sealed class FilterOptionsBinder
{
    static readonly FilterOptions Defaults = new();
    readonly Option<double> minAvg = new("--min-avg-likes")
    {
        Description = "Drop users whose average likes are below this",
        DefaultValueFactory = _ => Defaults.MinAvgLikes,
    };
    readonly Option<int> minPosts = new("--min-posts")
    {
        Description = "Drop users with fewer posts than this",
        DefaultValueFactory = _ => Defaults.MinPosts,
    };
    readonly Option<double> maxRatio = new("--max-likes-ratio")
    {
        Description = "Drop users whose max/min likes exceed this",
        DefaultValueFactory = _ => Defaults.MaxLikesRatio,
    };
    readonly Option<double> minAge = new("--min-age-hours")
    {
        Description = "Drop posts not older than this many hours",
        DefaultValueFactory = _ => Defaults.MinAgeHours,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(minAvg);
        command.Options.Add(minPosts);
        command.Options.Add(maxRatio);
        command.Options.Add(minAge);
    }

    public FilterOptions Get(ParseResult r) =>
        new()
        {
            MinAvgLikes = r.GetValue(minAvg),
            MinPosts = r.GetValue(minPosts),
            MaxLikesRatio = r.GetValue(maxRatio),
            MinAgeHours = r.GetValue(minAge),
        };
}
