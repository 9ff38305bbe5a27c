using System.Globalization;
using nietras.SeparatedValues;

namespace BestShot.Core.Data;

/// <summary>
/// The canonical dataset that import and synth write and that stats, train and eval read: a folder holding
/// posts.csv (one row per valid post, unix-second times, image paths absolute or relative to the folder).
/// It is also a valid posts table for `import`. Filters are not applied here:
/// the dataset keeps every valid post so that thresholds stay options of the commands that read it.
/// </summary>
public static class DatasetFile
{
    public const string PostsFileName = "posts.csv";

    static readonly string[] Columns =
    [
        "post_id",
        "user_id",
        "image_path",
        "likes",
        "avg_likes",
        "followers",
        "following",
        "post_time",
        "scrap_time",
    ];

    public static string PostsPath(string dataset) => File.Exists(dataset) ? dataset : Path.Combine(dataset, PostsFileName);

    public static void Write(string folder, IReadOnlyList<Post> posts)
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, PostsFileName);
        CsvTable.WriteAtomically(
            path,
            Columns,
            posts,
            p =>
                [
                    p.PostId,
                    p.UserId,
                    p.ImagePath,
                    Text(p.Likes),
                    Text(p.AvgLikes),
                    Text(p.Followers),
                    Text(p.Following),
                    Text(p.PostTime),
                    Text(p.ScrapTime),
                ]
        );
    }

    // Shortest round-trip, as Sep's Format writes numbers.
    static string Text(double v) => v.ToString(CultureInfo.InvariantCulture);

    static string Text(long v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads a dataset folder (or its posts.csv). Throws <see cref="DatasetException"/> with a one-line reason.</summary>
    public static List<Post> Read(string dataset)
    {
        string path = PostsPath(dataset);
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!File.Exists(path))
            throw new DatasetException(
                $"{dataset}: not a BestShot dataset (no {PostsFileName}); make one with `bestshot import` or `bestshot synth`"
            );
        var posts = new List<Post>();
        using var reader = Sep.Reader(o => o with { Unescape = true }).FromFile(path);
        foreach (var col in Columns)
            if (!reader.Header.TryIndexOf(col, out _))
                throw new DatasetException($"{path}: column '{col}' is missing");
        int line = 1;
        foreach (var row in reader)
        {
            line++;
            try
            {
                posts.Add(
                    new Post
                    {
                        PostId = row["post_id"].ToString(),
                        UserId = row["user_id"].ToString(),
                        // Relative paths (as synth writes them) are relative to the dataset folder.
                        ImagePath = Path.GetFullPath(Path.Combine(folder, row["image_path"].ToString())),
                        Likes = double.Parse(row["likes"].Span, CultureInfo.InvariantCulture),
                        AvgLikes = double.Parse(row["avg_likes"].Span, CultureInfo.InvariantCulture),
                        Followers = double.Parse(row["followers"].Span, CultureInfo.InvariantCulture),
                        Following = double.Parse(row["following"].Span, CultureInfo.InvariantCulture),
                        PostTime = long.Parse(row["post_time"].Span, CultureInfo.InvariantCulture),
                        ScrapTime = long.Parse(row["scrap_time"].Span, CultureInfo.InvariantCulture),
                    }
                );
            }
            catch (FormatException e)
            {
                throw new DatasetException($"{path}:{line}: {e.Message}");
            }
        }
        return posts;
    }
}

public sealed class DatasetException(string message) : Exception(message);
