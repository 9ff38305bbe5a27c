using BestShot.Core.Data;
using BestShot.Core.Filter;

namespace BestShot.Training.Train;

public sealed class TrainException(string message) : Exception(message);

/// <summary>The posts a run trains and validates on: filtered, split by user, with the seed's validation pairs.</summary>
public sealed record TrainingSet(IReadOnlyList<Post> Train, IReadOnlyList<Post> Validation, IReadOnlyList<PostPair> Pairs, FilterResult Filter)
{
    public static TrainingSet Load(string dataset, TrainConfig config)
    {
        List<Post> posts;
        try { posts = DatasetFile.Read(dataset); }
        catch (DatasetException e) { throw new TrainException(e.Message); }
        if (posts.Count == 0) throw new TrainException($"{dataset}: the dataset is empty");
        var filter = SeedFilter.Apply(posts, config.Filters);
        if (filter.Kept.Count == 0) throw new TrainException($"{dataset}: none of its {posts.Count} posts pass the filters (see `bestshot stats {dataset}`)");
        return FromPosts(filter.Kept, config, filter, dataset);
    }

    public static TrainingSet FromPosts(IReadOnlyList<Post> kept, TrainConfig config, FilterResult filter, string dataset)
    {
        var split = SplitAndPairs.SplitByUser(kept, config.Seed, config.TrainFraction);
        var pairs = SplitAndPairs.Pairs(split.Validation, config.Seed);
        if (split.Train.Count == 0) throw new TrainException($"{dataset}: no training posts after the split (need at least two users)");
        if (pairs.Count(p => !p.IsTie) == 0) throw new TrainException($"{dataset}: no validation pairs (validation users need at least two posts with different likes)");
        return new TrainingSet(split.Train, split.Validation, pairs, filter);
    }

    /// <summary>Drops posts whose image could not be read, keeping pairs consistent.</summary>
    public TrainingSet Without(IReadOnlySet<string> badImages)
    {
        if (badImages.Count == 0) return this;
        bool Ok(Post p) => !badImages.Contains(p.ImagePath);
        return this with { Train = Train.Where(Ok).ToList(), Validation = Validation.Where(Ok).ToList(), Pairs = Pairs.Where(p => Ok(p.A) && Ok(p.B)).ToList() };
    }
}
