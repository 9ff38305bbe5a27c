using BestShot.Core.Data;
using BestShot.Core.Imaging;

namespace BestShot.Core.Import;

/// <summary>
/// Turns raw posts from any source into canonical posts: drops bad rows with a reason, fills avg_likes with the
/// mean over the user's valid posts when the source does not give it.
/// </summary>
public static class PostImporter
{
    public static List<Post> Import(string source, InstaloaderOptions instaloader, ImportReport report)
    {
        IEnumerable<RawPost> raw;
        if (File.Exists(source))
            raw = PostsTableReader.Read(source);
        else if (InstaloaderReader.LooksLikeDownload(source))
            raw = InstaloaderReader.Read(source, instaloader, report);
        else if (Directory.Exists(source))
            throw new DatasetException($"{source}: no posts table and no Instaloader metadata (*.json.xz) found");
        else
            throw new DatasetException($"{source}: no such file or folder");
        return Validate(raw, report, countRows: File.Exists(source));
    }

    /// <summary>A folder of photos rated by hand (<see cref="RatingsReader"/>): one post per rated photo, shoots as users.</summary>
    public static List<Post> ImportRatings(string folder, ShootBy shoots, ImportReport report, CancellationToken cancel = default) =>
        Validate(RatingsReader.Read(folder, shoots, report, cancel), report, countRows: false);

    public static List<Post> Validate(IEnumerable<RawPost> rows, ImportReport report, bool countRows = true)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var valid = new List<RawPost>();
        foreach (var r in rows)
        {
            if (countRows)
                report.RowsRead++;
            string? reason = Problem(r, ids);
            if (reason != null)
            {
                report.Skip(r.Where, reason);
                continue;
            }
            ids.Add(r.PostId!);
            valid.Add(r);
        }

        var meanLikes = valid.GroupBy(r => r.UserId!).ToDictionary(g => g.Key, g => g.Average(r => r.Likes!.Value));
        var posts = valid
            .Select(r => new Post
            {
                PostId = r.PostId!,
                UserId = r.UserId!,
                ImagePath = r.ImagePath!,
                Likes = r.Likes!.Value,
                AvgLikes = r.AvgLikes ?? meanLikes[r.UserId!],
                Followers = r.Followers!.Value,
                Following = r.Following!.Value,
                PostTime = r.PostTime!.Value,
                ScrapTime = r.ScrapTime!.Value,
            })
            .ToList();
        report.Users = meanLikes.Count;
        return posts;
    }

    static string? Problem(RawPost r, HashSet<string> ids)
    {
        if (r.ParseError != null)
            return r.ParseError;
        var missing = new List<string>();
        if (r.PostId == null)
            missing.Add("post_id");
        if (r.UserId == null)
            missing.Add("user_id");
        if (r.ImagePath == null)
            missing.Add("image_path");
        if (r.Likes == null)
            missing.Add("likes");
        if (r.Followers == null)
            missing.Add("followers");
        if (r.Following == null)
            missing.Add("following");
        if (r.PostTime == null)
            missing.Add("post_time");
        if (r.ScrapTime == null)
            missing.Add("scrap_time");
        if (missing.Count > 0)
            return $"missing field{(missing.Count > 1 ? "s" : "")}: {string.Join(", ", missing)}";
        if (ids.Contains(r.PostId!))
            return $"duplicate post_id '{r.PostId}'";
        if (r.Likes <= 0)
            return $"likes must be positive, got {r.Likes} (the label is log(likes / average likes))";
        if (r.AvgLikes is <= 0)
            return $"avg_likes must be positive, got {r.AvgLikes}";
        if (r.Followers < 0 || r.Following < 0)
            return "follower and following counts cannot be negative";
        if (!File.Exists(r.ImagePath))
            return $"image not found: {r.ImagePath}";
        string? imageProblem = ImageProbe.Problem(r.ImagePath!);
        if (imageProblem != null)
            return $"unreadable image {r.ImagePath}: {imageProblem}";
        return null;
    }
}
