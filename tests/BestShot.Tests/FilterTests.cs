using BestShot.Core.Data;
using BestShot.Core.Filter;
using static BestShot.Tests.PostBuilder;

namespace BestShot.Tests;

public class FilterTests
{
    static readonly FilterOptions Seed = new();

    static List<Post> User(string id, int count, double avg = 100, double minLikes = 50, double maxLikes = 150, double ageHours = 48) =>
        Enumerable
            .Range(0, count)
            .Select(i =>
                P(
                    id,
                    i == 0 ? minLikes
                        : i == 1 ? maxLikes
                        : (minLikes + maxLikes) / 2,
                    avg: avg,
                    ageHours: ageHours
                )
            )
            .ToList();

    [Theory]
    [InlineData(20.0, true)] // ≥ 20 is kept
    [InlineData(19.99, false)]
    public void AverageLikesThreshold(double avg, bool kept)
    {
        var r = SeedFilter.Apply(User("u", 6, avg: avg), Seed);
        Assert.Equal(kept ? 6 : 0, r.Kept.Count);
        Assert.Equal(kept ? 0 : 6, r.Rejections.Single(x => x.Rule == "min_avg_likes").Posts);
        Assert.Equal(kept ? 0 : 1, r.Rejections.Single(x => x.Rule == "min_avg_likes").Users);
    }

    [Theory]
    [InlineData(6, true)]
    [InlineData(5, false)]
    public void PostCountThreshold(int posts, bool kept)
    {
        var r = SeedFilter.Apply(User("u", posts), Seed);
        Assert.Equal(kept ? posts : 0, r.Kept.Count);
        Assert.Equal(kept ? 0 : 1, r.Rejections.Single(x => x.Rule == "min_posts").Users);
    }

    [Theory]
    [InlineData(10, 250, true)] // exactly 25 is kept
    [InlineData(10, 251, false)]
    public void MaxMinLikesRatioThreshold(double min, double max, bool kept)
    {
        var r = SeedFilter.Apply(User("u", 6, minLikes: min, maxLikes: max), Seed);
        Assert.Equal(kept ? 6 : 0, r.Kept.Count);
    }

    [Fact]
    public void PostAgeMustExceed24Hours()
    {
        var posts = User("u", 6);
        posts[0] = posts[0] with { PostTime = Scrape - 24 * 3600 }; // exactly 24 h: rejected
        posts[1] = posts[1] with { PostTime = Scrape - 24 * 3600 - 1 }; // one second more: kept
        var r = SeedFilter.Apply(posts, Seed);
        Assert.Equal(5, r.Kept.Count);
        Assert.DoesNotContain(posts[0], r.Kept);
        Assert.Contains(posts[1], r.Kept);
        var age = r.Rejections.Single(x => x.Rule == "min_age");
        Assert.Equal((1, 1), (age.Posts, age.Users));
    }

    [Fact]
    public void UserFiguresUseAllPostsIncludingYoungOnes()
    {
        // Six posts, one too young: the user still has 6 posts for the count rule, so the other five stay.
        var posts = User("u", 6);
        posts[5] = posts[5] with { PostTime = Scrape - 3600 };
        var r = SeedFilter.Apply(posts, Seed);
        Assert.Equal(5, r.Kept.Count);
        Assert.Equal(0, r.Rejections.Single(x => x.Rule == "min_posts").Posts);
    }

    [Fact]
    public void ThresholdsAreOptions()
    {
        var r = SeedFilter.Apply(User("u", 3), Seed with { MinPosts = 3 });
        Assert.Equal(3, r.Kept.Count);
    }

    [Fact]
    public void StatsReportCountsAndSummaries()
    {
        var posts = User("a", 6, avg: 100).Concat(User("b", 2, avg: 30)).ToList();
        var s = DatasetStats.Compute(posts, Seed);
        Assert.Equal((8, 2, 6, 1), (s.PostsIn, s.UsersIn, s.PostsKept, s.UsersKept));
        Assert.Equal(50, s.PostLikes.Min);
        Assert.Equal(150, s.PostLikes.Max);
        Assert.Equal(100, s.PostLikes.Median);
        Assert.Equal(100, s.ProfileAvgLikes.Mean);
        Assert.Equal(2, s.Rejections.Single(x => x.Rule == "min_posts").Posts);
    }

    [Fact]
    public void SummaryUsesSampleStd()
    {
        var s = Summary.Of([1, 2, 3, 4]);
        Assert.Equal(2.5, s.Mean);
        Assert.Equal(2.5, s.Median);
        Assert.Equal(Math.Sqrt(5.0 / 3), s.Std, 12);
    }
}
