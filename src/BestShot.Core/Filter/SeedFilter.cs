using BestShot.Core.Data;

namespace BestShot.Core.Filter;

public sealed record RuleCount(string Rule, string Description, int Posts, int Users);

/// <summary>The outcome of filtering: the kept posts and, per rule, how many posts and users it rejects.</summary>
public sealed record FilterResult(IReadOnlyList<Post> Kept, int PostsIn, int UsersIn, int UsersKept, IReadOnlyList<RuleCount> Rejections);

/// <summary>
/// Applies the seed's filters. User-level figures (average likes, post count, max/min likes) are computed over all
/// of the user's posts in the input, before any post is dropped. Each rule is counted on its own, so one post may
/// be rejected by several rules; for the post-age rule, "users" counts users with at least one post that is too young.
/// </summary>
public static class SeedFilter
{
    public static FilterResult Apply(IReadOnlyList<Post> posts, FilterOptions options)
    {
        var users = posts
            .GroupBy(p => p.UserId)
            .ToDictionary(
                g => g.Key,
                g => new
                {
                    Avg = g.First().AvgLikes,
                    Count = g.Count(),
                    Ratio = g.Max(p => p.Likes) / g.Min(p => p.Likes),
                }
            );
        bool LowAvg(Post p) => users[p.UserId].Avg < options.MinAvgLikes;
        bool FewPosts(Post p) => users[p.UserId].Count < options.MinPosts;
        bool Spread(Post p) => users[p.UserId].Ratio > options.MaxLikesRatio;
        bool Young(Post p) => p.AgeSeconds <= options.MinAgeHours * 3600;

        var rules = new (string Rule, string Description, Func<Post, bool> Rejects)[]
        {
            ("min_avg_likes", $"average likes < {options.MinAvgLikes}", LowAvg),
            ("min_posts", $"fewer than {options.MinPosts} posts", FewPosts),
            ("max_likes_ratio", $"max/min likes > {options.MaxLikesRatio}", Spread),
            ("min_age", $"post age ≤ {options.MinAgeHours} h", Young),
        };
        var counts = rules
            .Select(r =>
            {
                var rejected = posts.Where(r.Rejects).ToList();
                return new RuleCount(r.Rule, r.Description, rejected.Count, rejected.Select(p => p.UserId).Distinct().Count());
            })
            .ToList();
        var kept = posts.Where(p => !rules.Any(r => r.Rejects(p))).ToList();
        return new FilterResult(kept, posts.Count, users.Count, kept.Select(p => p.UserId).Distinct().Count(), counts);
    }
}
