using BestShot.Core.Features;
using BestShot.Core.Rank;

namespace BestShot.Core.Data;

/// <summary>A cache BestShot keeps, where it lives, and its size on disk (null when it does not exist).</summary>
public sealed record CacheFile(string Name, string Path, long? Bytes);

/// <summary>BestShot's caches (scores, training features, gallery thumbnails): listed for `cache`, deleted by `cache
/// clear`. Photos are never touched.</summary>
public static class Caches
{
    /// <summary>The folder every cache lives in: the score and feature databases', the gallery's thumbnails.</summary>
    public static string Home => Path.GetDirectoryName(FeatureCache.DefaultPath)!;

    /// <summary>`serve`'s thumbnails, by content hash.</summary>
    public static string Thumbnails => Path.Combine(Home, "thumbs");

    static (string Name, string Path)[] Known =>
        [("rank scores", ScoreCache.DefaultPath), ("training features", FeatureCache.DefaultPath)];

    /// <summary>A SQLite database and its write-ahead log files.</summary>
    static string[] Files(string db) => [db, db + "-wal", db + "-shm"];

    public static IReadOnlyList<CacheFile> List() =>
        Known
            .Select(c => new CacheFile(
                c.Name,
                c.Path,
                File.Exists(c.Path) ? Files(c.Path).Where(File.Exists).Sum(f => new FileInfo(f).Length) : null
            ))
            .Append(
                new CacheFile(
                    "gallery thumbnails",
                    Thumbnails,
                    Directory.Exists(Thumbnails) ? ThumbnailFiles().Sum(f => new FileInfo(f).Length) : null
                )
            )
            .ToList();

    static IEnumerable<string> ThumbnailFiles() =>
        Directory.Exists(Thumbnails) ? Directory.GetFiles(Thumbnails, "*.jpg", SearchOption.AllDirectories) : [];

    /// <summary>Quantised backbones (Int8Backbone.BuildCached), rebuilt on demand.</summary>
    static IEnumerable<string> Backbones()
    {
        return Directory.Exists(Home) ? Directory.GetFiles(Home, "int8-backbone-*.onnx") : [];
    }

    /// <summary>Deletes every cache file; returns how many there were.</summary>
    public static int Clear()
    {
        int removed = 0;
        foreach (var f in Known.SelectMany(c => Files(c.Path)).Concat(Backbones()).Concat(ThumbnailFiles()).Where(File.Exists))
        {
            File.Delete(f);
            removed++;
        }
        return removed;
    }
}
