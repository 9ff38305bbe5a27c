using BestShot.Core.Features;

namespace BestShot.Tests;

public class MetadataFeaturesTests
{
    [Fact]
    public void MatchesHandComputedValues()
    {
        // 2023-04-19 18:30 UTC is a Wednesday (weekday 2 counting from Monday), minute 1110 of the day.
        long post = new DateTimeOffset(2023, 4, 19, 18, 30, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        var v = MetadataFeatures.Compute(
            new PostMetadata(AvgLikes: 250, Followers: 10_000, Following: 1_000, PostTime: post, ScrapTime: post + 9 * 86400)
        );
        Assert.Equal(8, v.Length);
        Assert.Equal(Math.Log(250) / 15, v[0], 5); // 0.36809
        Assert.Equal(Math.Log(10) / 10, v[1], 5); // 9 days ago → log(10)/10
        Assert.Equal(Math.Sin(2 * Math.PI * 2 / 7), v[2], 5);
        Assert.Equal(Math.Cos(2 * Math.PI * 2 / 7), v[3], 5);
        Assert.Equal(Math.Sin(2 * Math.PI * 1110 / 1440), v[4], 5);
        Assert.Equal(Math.Cos(2 * Math.PI * 1110 / 1440), v[5], 5);
        Assert.Equal(Math.Log(10_001) / 15, v[6], 5);
        Assert.Equal(Math.Log(1_001) / 15, v[7], 5);
        Assert.Equal(0.36809, v[0], 4);
        Assert.Equal(0.97493, v[2], 4); // sin(4π/7)
    }

    [Fact]
    public void MondayMidnightIsDayZeroMinuteZero()
    {
        long monday = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(); // a Monday
        var v = MetadataFeatures.Compute(new PostMetadata(AvgLikes: 1, Followers: 0, Following: 0, PostTime: monday, ScrapTime: monday));
        Assert.Equal([0f, 0f, 0f, 1f, 0f, 1f, 0f, 0f], v);
    }
}
