using System.CommandLine;
using BestShot.Core.Data;
using BestShot.Core.Filter;

namespace BestShot.Cli.Commands;

/// <summary>--split: by user (the seed's), by time within each user (one person's data), or auto (time when one user).</summary>
public static class SplitOption
{
    public static Option<SplitMode> Create() =>
        new("--split")
        {
            Description =
                "auto: by time when the data has one user, else by user; user: 80 % of users train; time: each user's "
                + "older posts train and the newest 20 % validate",
            DefaultValueFactory = _ => SplitMode.Auto,
        };
}
