using BestShot.Core.Filter;
using BestShot.Core.Imaging;
using BestShot.Training.Train;

namespace BestShot.Tests;

/// <summary>
/// The records inside a checkpoint's config (augmentation, filters) are positional: values other than their defaults
/// must come back from the JSON that checkpoints and config.json hold, under the snake_case names runs have always written.
/// </summary>
public class TrainConfigJsonTests
{
    [Fact]
    public void NestedPositionalRecordsRoundTripWithTheirOwnValues()
    {
        var cfg = new TrainConfig
        {
            Augment = new AugmentOptions(FlipProbability: 0, MaxRotationDegrees: 7, MaxTranslate: 0.01, MinScale: 0.8, MaxScale: 1.3),
        };
        cfg = cfg with
        {
            Split = cfg.Split with { Filters = new FilterOptions(MinAvgLikes: 5, MinPosts: 3, MaxLikesRatio: 9, MinAgeHours: 1) },
        };
        string json = cfg.ToJson();
        Assert.Contains("\"max_rotation_degrees\": 7", json);
        Assert.Contains("\"min_posts\": 3", json);
        var back = TrainConfig.FromJson(json);
        Assert.Equal(cfg.Augment, back.Augment);
        Assert.Equal(cfg.Split.Filters, back.Split.Filters);
        Assert.Equal(cfg, back);
    }

    [Fact]
    public void AConfigWithoutTheNestedRecordsGetsTheirDefaults()
    {
        var back = TrainConfig.FromJson("{\"epochs\": 3}");
        Assert.Equal(new AugmentOptions(), back.Augment);
        Assert.Equal(new FilterOptions(), back.Split.Filters);
    }
}
