using BestShot.Core.Data;

namespace BestShot.Core.Import;

/// <summary>
/// The words a report uses for a dataset: posts, profiles and likes for social-media data, as the seed has it; photos,
/// shoots and stars for a photographer's own ratings (`import --ratings`), so a person reading their own library is not
/// told about followers they do not have.
/// </summary>
public sealed record Vocabulary(string Item, string Items, string Group, string Groups, string Label, bool Ratings)
{
    public static readonly Vocabulary Likes = new("post", "posts", "profile", "profiles", "log likes ratio", false);
    public static readonly Vocabulary Stars = new("photo", "photos", "shoot", "shoots", "rating, as a log ratio", true);

    /// <summary>
    /// Ratings when every post is what `import --ratings` writes (<see cref="RatingsReader.Post"/>): its placeholder
    /// account, and likes of <see cref="RatingsReader.BaseLikes"/> × <see cref="RatingsReader.StarFactor"/> ^ stars for
    /// whole stars 0–5.
    /// </summary>
    public static Vocabulary For(IReadOnlyCollection<Post> posts) => posts.Count > 0 && posts.All(IsRated) ? Stars : Likes;

    static bool IsRated(Post p)
    {
        if (p.Followers != RatingsReader.Followers || p.Following != RatingsReader.Following)
            return false;
        double stars = RatingsReader.StarsOf(p.Likes);
        return Math.Abs(stars - Math.Round(stars)) < 1e-6 && Math.Round(stars) is >= 0 and <= 5;
    }
}
