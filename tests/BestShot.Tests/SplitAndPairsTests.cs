using BestShot.Core.Data;
using BestShot.Core.Filter;
using static BestShot.Tests.PostBuilder;

namespace BestShot.Tests;

public class SplitAndPairsTests
{
    [Fact]
    public void FivePostsGiveTheSeedsThreePairs()
    {
        var posts = "ABCDE".Select((c, i) => P("u", 10 + i, id: c.ToString())).ToList();
        var pairs = SplitAndPairs.PairUp(posts).Select(p => p.A.PostId + p.B.PostId).ToList();
        Assert.Equal(["AB", "CD", "EA"], pairs);
    }

    [Fact]
    public void FourPostsGiveTwoPairsAndOnePostNone()
    {
        Assert.Equal(2, SplitAndPairs.PairUp("ABCD".Select(c => P("u", 1, id: c.ToString())).ToList()).Count());
        Assert.Empty(SplitAndPairs.PairUp([P("u", 1)]));
    }

    [Fact]
    public void PairsStayWithinOneUser()
    {
        var posts = Enumerable.Range(0, 30).Select(i => P($"u{i % 4}", 10 + i, id: $"p{i}")).ToList();
        var pairs = SplitAndPairs.Pairs(posts, seed: 3);
        Assert.All(pairs, p => Assert.Equal(p.A.UserId, p.B.UserId));
        // users with 8, 8, 7, 7 posts → 4 + 4 + 4 + 4 pairs
        Assert.Equal(16, pairs.Count);
    }

    [Fact]
    public void AllWithinUserPairsEveryTwoPostsOfAUserAndCapsAHugeOne()
    {
        // users with 8, 8, 7, 7 posts → 28 + 28 + 21 + 21 pairs, none across users, none twice
        var posts = Enumerable.Range(0, 30).Select(i => P($"u{i % 4}", 10 + i, id: $"p{i}")).ToList();
        var pairs = SplitAndPairs.AllWithinUser(posts);
        Assert.Equal(98, pairs.Count);
        Assert.All(pairs, p => Assert.Equal(p.A.UserId, p.B.UserId));
        Assert.Equal(
            98,
            pairs
                .Select(p => string.CompareOrdinal(p.A.PostId, p.B.PostId) < 0 ? p.A.PostId + p.B.PostId : p.B.PostId + p.A.PostId)
                .Distinct()
                .Count()
        );
        var huge = Enumerable.Range(0, 1000).Select(i => P("big", 10 + i, id: $"p{i:D4}")).ToList();
        Assert.Equal(300 * 299 / 2, SplitAndPairs.AllWithinUser(huge).Count);
    }

    [Fact]
    public void SplitIsByUserEightyTwentyAndReproducible()
    {
        var posts = Enumerable.Range(0, 500).Select(i => P($"user{i % 50}", 10 + i, id: $"p{i}")).ToList();
        var a = SplitAndPairs.SplitByUser(posts, seed: 7);
        var b = SplitAndPairs.SplitByUser(posts, seed: 7);
        var c = SplitAndPairs.SplitByUser(posts, seed: 8);
        var trainUsers = a.Train.Select(p => p.UserId).ToHashSet();
        var valUsers = a.Validation.Select(p => p.UserId).ToHashSet();
        Assert.Equal(40, trainUsers.Count);
        Assert.Equal(10, valUsers.Count);
        Assert.Empty(trainUsers.Intersect(valUsers));
        Assert.Equal(a.Validation.Select(p => p.PostId), b.Validation.Select(p => p.PostId));
        Assert.NotEqual(a.Validation.Select(p => p.UserId).ToHashSet(), c.Validation.Select(p => p.UserId).ToHashSet());
        Assert.Equal(
            SplitAndPairs.Pairs(a.Validation, 7).Select(p => p.A.PostId + p.B.PostId),
            SplitAndPairs.Pairs(b.Validation, 7).Select(p => p.A.PostId + p.B.PostId)
        );
    }

    [Fact]
    public void TiesAreExplicitAndEqualScoresGetHalfCredit()
    {
        var hi = P("u", 200, id: "hi");
        var lo = P("u", 100, id: "lo");
        var pair = new PostPair(hi, lo);
        Assert.False(pair.IsTie);
        Assert.Equal(1, pair.Credit(0.9, 0.1));
        Assert.Equal(0, pair.Credit(0.1, 0.9));
        Assert.Equal(0.5, pair.Credit(0.5, 0.5)); // equal scores on different labels: half credit, like a coin toss
        Assert.True(new PostPair(P("u", 100), P("u", 100)).IsTie);
    }

    [Fact]
    public void TheSplitRecordRoundTripsAndRefusesUnknownProperties()
    {
        var split = new SplitOptions
        {
            Seed = 7,
            TrainFraction = 0.7,
            Filters = new() { MinPosts = 3, MinAgeHours = 12 },
        };
        Assert.Equal(split, SplitOptions.FromJson(split.ToJson()));
        Assert.Equal(split, SplitOptions.FromModel(new Dictionary<string, string> { [SplitOptions.MetadataKey] = split.ToJson() }));
        // A property renamed on one side must not fall back to a default and evaluate on another split.
        var renamed = split.ToJson().Replace("train_fraction", "train_frac");
        var e = Assert.Throws<InvalidDataException>(() => SplitOptions.FromJson(renamed));
        Assert.Contains("train_frac", e.Message);
        // Models exported before the record existed: the split is read from their whole training config.
        var legacy =
            """{"epochs": 10, "seed": 7, "train_fraction": 0.7, "filters": {"min_posts": 3, "min_age_hours": 12}, "cache_path": null}""";
        Assert.Equal(split, SplitOptions.FromModel(new Dictionary<string, string> { ["bestshot.train_config"] = legacy }));
        Assert.Null(SplitOptions.FromModel(new Dictionary<string, string>()));
    }
}
