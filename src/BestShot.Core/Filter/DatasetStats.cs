using BestShot.Core.Data;

namespace BestShot.Core.Filter;

public sealed record Summary(double Mean, double Std, double Median, double Min, double Max)
{
    public static Summary Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
            return new Summary(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        var sorted = values.OrderBy(v => v).ToArray();
        double mean = sorted.Average();
        // Sample standard deviation (ddof = 1), as pandas' describe() reports it.
        double std = sorted.Length > 1 ? Math.Sqrt(sorted.Sum(v => (v - mean) * (v - mean)) / (sorted.Length - 1)) : 0;
        int n = sorted.Length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Summary(mean, std, median, sorted[0], sorted[^1]);
    }
}

/// <summary>The seed's dataset table (over the kept posts) plus what each filter rejected.</summary>
public sealed record DatasetStats(
    int PostsIn,
    int UsersIn,
    int PostsKept,
    int UsersKept,
    Summary PostLikes,
    Summary ProfileAvgLikes,
    Summary Followers,
    Summary Following,
    IReadOnlyList<RuleCount> Rejections
)
{
    public static DatasetStats Compute(IReadOnlyList<Post> posts, FilterOptions options)
    {
        var f = SeedFilter.Apply(posts, options);
        // Profile rows count each kept user once, like the seed's per-profile figures.
        var profiles = f.Kept.GroupBy(p => p.UserId).Select(g => g.First()).ToList();
        return new DatasetStats(
            f.PostsIn,
            f.UsersIn,
            f.Kept.Count,
            f.UsersKept,
            Summary.Of(f.Kept.Select(p => p.Likes).ToList()),
            Summary.Of(profiles.Select(p => p.AvgLikes).ToList()),
            Summary.Of(profiles.Select(p => p.Followers).ToList()),
            Summary.Of(profiles.Select(p => p.Following).ToList()),
            f.Rejections
        );
    }
}
