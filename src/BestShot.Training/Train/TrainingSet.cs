using BestShot.Core.Data;
using BestShot.Core.Filter;

namespace BestShot.Training.Train;

public sealed class TrainException(string message) : Exception(message);

/// <summary>The posts a run trains and validates on: filtered, split by user, with the seed's validation pairs.</summary>
public sealed record TrainingSet(
    IReadOnlyList<Post> Train,
    IReadOnlyList<Post> Validation,
    IReadOnlyList<PostPair> Pairs,
    FilterResult Filter,
    SplitMode Mode = SplitMode.User
)
{
    public static TrainingSet Load(string dataset, SplitOptions split)
    {
        List<Post> posts;
        try
        {
            posts = DatasetFile.Read(dataset);
        }
        catch (DatasetException e)
        {
            throw new TrainException(e.Message);
        }
        if (posts.Count == 0)
            throw new TrainException($"{dataset}: the dataset is empty");
        var result = split.Apply(posts);
        if (result.Filter.Kept.Count == 0)
            throw new TrainException($"{dataset}: none of its {posts.Count} posts pass the filters (see `bestshot stats {dataset}`)");
        if (result.Train.Count == 0)
            throw new TrainException(
                $"{dataset}: no training posts after the split (a split by user needs two users; `--split time` splits one user's posts)"
            );
        if (result.ScoredPairs == 0)
            throw new TrainException($"{dataset}: no validation pairs (validation users need at least two posts with different likes)");
        return new TrainingSet(result.Train, result.Validation, result.Pairs, result.Filter, result.Mode);
    }

    public int ScoredPairs => Pairs.Count(p => !p.IsTie);

    /// <summary>A number per user: the ranking loss only compares them for equality.</summary>
    public IReadOnlyDictionary<string, int> UserNumbers() =>
        Train.Concat(Validation).Select(p => p.UserId).Distinct().Select((u, i) => (u, i)).ToDictionary(x => x.u, x => x.i);

    /// <summary>Drops posts whose image could not be read, keeping pairs consistent.</summary>
    public TrainingSet Without(IReadOnlySet<string> badImages)
    {
        if (badImages.Count == 0)
            return this;
        bool Ok(Post p) => !badImages.Contains(p.ImagePath);
        return this with
        {
            Train = Train.Where(Ok).ToList(),
            Validation = Validation.Where(Ok).ToList(),
            Pairs = Pairs.Where(p => Ok(p.A) && Ok(p.B)).ToList(),
        };
    }
}
