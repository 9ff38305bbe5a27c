using System.CommandLine;
using BestShot.Cli.Commands;
using BestShot.Core.Filter;
using BestShot.Core.Group;

namespace BestShot.Tests;

/// <summary>Options declared once (<see cref="RecordOptions{T}"/>) fill their record the way the old hand mapping did.</summary>
public class RecordOptionsTests
{
    static T Parse<T>(RecordOptions<T> options, string args)
    {
        var cmd = new RootCommand();
        options.AddTo(cmd);
        return options.Bind(cmd.Parse(args));
    }

    [Fact]
    public void NothingGivenIsTheRecordsOwnDefaults()
    {
        Assert.Equal(new FilterOptions(), Parse(DatasetChoices.Filters(), ""));
        var cull = Parse(CullChoices.Create(), "");
        Assert.Equal(new CullOptions().Keep, cull.Keep);
        Assert.Equal(new CullOptions().Grouping, cull.Grouping);
        Assert.Equal(new CullOptions().RejectSoftCells, cull.RejectSoftCells);
    }

    [Fact]
    public void EveryOptionOfAnIncludedGroupTakesEffect()
    {
        // A nested group (grouping inside cull) must not reset the options applied before it to their defaults.
        var cull = Parse(CullChoices.Create(), "--max-gap 7 --min-similarity 0.5 --same-layout 0.9 --keep 2 --soft-areas 0");
        Assert.Equal(7, cull.Grouping.MaxGapSeconds);
        Assert.Equal(0.5, cull.Grouping.MinSimilarity);
        Assert.Equal(0.9, cull.Grouping.SameLayout);
        Assert.Equal(new GroupOptions().NearDuplicate, cull.Grouping.NearDuplicate);
        Assert.Equal(2, cull.Keep);
        Assert.Equal(int.MaxValue, cull.RejectSoftCells);
    }

    [Fact]
    public void FilterOptionsAreAllBound()
    {
        var f = Parse(DatasetChoices.Filters(), "--min-avg-likes 5 --min-posts 2 --max-likes-ratio 9 --min-age-hours 1");
        Assert.Equal(
            new FilterOptions
            {
                MinAvgLikes = 5,
                MinPosts = 2,
                MaxLikesRatio = 9,
                MinAgeHours = 1,
            },
            f
        );
    }
}
