using BestShot.Core.Data;

namespace BestShot.Tests;

static class PostBuilder
{
    public const long Scrape = 1_700_000_000;

    public static Post P(string user, double likes, string? id = null, double? avg = null, double ageHours = 48) =>
        new()
        {
            PostId = id ?? $"{user}-{Guid.NewGuid():N}",
            UserId = user,
            ImagePath = "/x.jpg",
            Likes = likes,
            AvgLikes = avg ?? 100,
            Followers = 1000,
            Following = 100,
            PostTime = Scrape - (long)(ageHours * 3600),
            ScrapTime = Scrape,
        };
}
