using System.Text.Json;
using SharpCompress.Compressors.Xz;

namespace BestShot.Core.Import;

/// <summary>Options for reading an Instaloader download, for the facts Instaloader does not always save.</summary>
public sealed record InstaloaderOptions
{
    /// <summary>Follower count to use when neither the post nor a profile metadata file has it.</summary>
    public double? Followers { get; init; }

    /// <summary>Following count to use when neither the post nor a profile metadata file has it.</summary>
    public double? Following { get; init; }

    /// <summary>When the download was made. Default: each metadata file's modification time.</summary>
    public DateTimeOffset? ScrapeTime { get; init; }
}

/// <summary>
/// Reads an Instaloader download: one profile folder, or a folder of profile folders. Each post is
/// &lt;stamp&gt;.json.xz with &lt;stamp&gt;.jpg, or &lt;stamp&gt;_1.jpg, _2.jpg... for a carousel.
/// A carousel counts once, as its first photo: the likes belong to the whole post, and the first slide is the one
/// the feed shows. Videos are skipped.
/// </summary>
public static class InstaloaderReader
{
    public static bool LooksLikeDownload(string folder) =>
        Directory.Exists(folder) && (HasPosts(folder) || Directory.EnumerateDirectories(folder).Any(HasPosts));

    static bool HasPosts(string folder) => Directory.EnumerateFiles(folder, "*.json.xz").Any();

    public static IEnumerable<RawPost> Read(string folder, InstaloaderOptions options, ImportReport report)
    {
        folder = Path.GetFullPath(folder);
        var profiles = HasPosts(folder)
            ? [folder]
            : Directory.EnumerateDirectories(folder).Where(HasPosts).OrderBy(d => d, StringComparer.Ordinal).ToList();
        foreach (var profile in profiles)
        foreach (var post in ReadProfile(profile, options, report))
            yield return post;
    }

    static IEnumerable<RawPost> ReadProfile(string folder, InstaloaderOptions options, ImportReport report)
    {
        var posts = new List<(string File, JsonElement Node)>();
        double? followers = null,
            following = null;
        foreach (var file in Directory.EnumerateFiles(folder, "*.json.xz").OrderBy(f => f, StringComparer.Ordinal))
        {
            JsonElement root;
            try
            {
                root = ReadXzJson(file);
            }
            catch (Exception e)
                when (e
                        is IOException
                            or JsonException
                            or InvalidDataException
                            or InvalidOperationException
                            or NotSupportedException
                            or ArgumentException
                            or SharpCompress.Common.SharpCompressException
                ) // a corrupt or truncated .xz
            {
                report.RowsRead++;
                report.Skip(file, $"unreadable metadata ({e.Message})");
                continue;
            }
            if (!root.TryGetProperty("node", out var node) || node.ValueKind != JsonValueKind.Object)
            {
                report.RowsRead++;
                report.Skip(file, "no 'node' object: not Instaloader metadata");
                continue;
            }
            string type =
                root.TryGetProperty("instaloader", out var il) && il.TryGetProperty("node_type", out var nt) ? nt.GetString() ?? "" : "";
            if (type == "Profile")
            {
                followers ??= Count(node, "edge_followed_by");
                following ??= Count(node, "edge_follow");
                continue;
            }
            posts.Add((file, node.Clone()));
        }

        foreach (var (file, node) in posts)
        {
            report.RowsRead++;
            if (
                node.TryGetProperty("is_video", out var v) && v.ValueKind == JsonValueKind.True
                || Str(node, "__typename") == "GraphVideo"
            )
            {
                report.Skip(file, "video post, skipped (BestShot scores photos)");
                continue;
            }
            string stem = file[..^".json.xz".Length];
            string? image =
                new[] { stem + ".jpg", stem + "_1.jpg", stem + ".png", stem + "_1.png" }.FirstOrDefault(File.Exists)
                ?? Enumerable.Range(2, 20).Select(i => $"{stem}_{i}.jpg").FirstOrDefault(File.Exists);
            JsonElement owner = node.TryGetProperty("owner", out var o) ? o : default;
            double? postFollowers = owner.ValueKind == JsonValueKind.Object ? Count(owner, "edge_followed_by") : null;
            double? postFollowing = owner.ValueKind == JsonValueKind.Object ? Count(owner, "edge_follow") : null;
            long scrape = (options.ScrapeTime ?? new DateTimeOffset(File.GetLastWriteTimeUtc(file))).ToUnixTimeSeconds();
            yield return new RawPost
            {
                Where = file,
                PostId = Str(node, "id") ?? Str(node, "shortcode"),
                UserId = owner.ValueKind == JsonValueKind.Object ? Str(owner, "id") ?? Str(owner, "username") : Path.GetFileName(folder),
                ImagePath = image ?? stem + ".jpg",
                Likes = Count(node, "edge_media_preview_like") ?? Count(node, "edge_liked_by"),
                Followers = postFollowers ?? followers ?? options.Followers,
                Following = postFollowing ?? following ?? options.Following,
                PostTime = node.TryGetProperty("taken_at_timestamp", out var t) && t.TryGetInt64(out long ts) ? ts : null,
                ScrapTime = scrape,
                ParseError =
                    (postFollowers ?? followers ?? options.Followers) == null || (postFollowing ?? following ?? options.Following) == null
                        ? "follower/following counts are missing: this download has no profile metadata; pass --followers and --following"
                        : null,
            };
        }
    }

    static JsonElement ReadXzJson(string file)
    {
        using var stream = File.OpenRead(file);
        using var xz = new XZStream(stream);
        using var doc = JsonDocument.Parse(xz);
        return doc.RootElement.Clone();
    }

    static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Number => v.GetRawText(),
                _ => null,
            }
            : null;

    static double? Count(JsonElement e, string edge) =>
        e.TryGetProperty(edge, out var x)
        && x.ValueKind == JsonValueKind.Object
        && x.TryGetProperty("count", out var c)
        && c.TryGetDouble(out double d)
            ? d
            : null;
}
