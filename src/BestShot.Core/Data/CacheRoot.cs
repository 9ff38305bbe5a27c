namespace BestShot.Core.Data;

/// <summary>A cache BestShot keeps, where it lives, and its size on disk (null when it does not exist).</summary>
public sealed record CacheFile(string Name, string Path, long? Bytes);

/// <summary>
/// The one folder every cache lives in, and what each is called there: the photo facts (scores, embeddings, focus
/// grids, looks), the training features, the gallery's thumbnails and the quantised backbones. `$XDG_CACHE_HOME/
/// bestshot` (else `~/.cache/bestshot`) unless `--cache-dir` chose another. `cache` lists them and `cache clear`
/// deletes them all; photos are never touched. Every other type asks here, so no cache can be missed.
/// </summary>
public static class CacheRoot
{
    static string? _chosen;

    public static string Folder => _chosen ?? XdgFolder();

    /// <summary>`--cache-dir`: every cache of this run lives under <paramref name="folder"/>; null goes back to XDG.</summary>
    public static void Choose(string? folder) => _chosen = folder == null ? null : System.IO.Path.GetFullPath(folder);

    static string XdgFolder()
    {
        string root = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } x
            ? x
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return System.IO.Path.Combine(root, "bestshot");
    }

    /// <summary>What `rank`, `cull` and `serve` know of each photo, by content hash (the photo-facts store).</summary>
    public static string PhotoFacts => System.IO.Path.Combine(Folder, "photo-facts.sqlite");

    /// <summary>`train`'s and `eval`'s backbone features, by content hash and view.</summary>
    public static string TrainingFeatures => System.IO.Path.Combine(Folder, "features.sqlite");

    /// <summary>`serve`'s thumbnails, by content hash.</summary>
    public static string Thumbnails => System.IO.Path.Combine(Folder, "thumbs");

    /// <summary>A quantised backbone (Int8Backbone.BuildCached), named by the hash of what made it.</summary>
    public static string Int8Backbone(string key) => System.IO.Path.Combine(Folder, $"int8-backbone-{key}.onnx");

    /// <summary>A SQLite database and its write-ahead log files.</summary>
    static string[] DatabaseFiles(string db) => [db, db + "-wal", db + "-shm"];

    static IEnumerable<string> Matching(string folder, string pattern, SearchOption depth = SearchOption.TopDirectoryOnly) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder, pattern, depth) : [];

    /// <summary>Every cache: its name, where it is, and its files.</summary>
    static IEnumerable<(string Name, string Path, IEnumerable<string> Files)> All() =>
        [
            ("photo facts", PhotoFacts, DatabaseFiles(PhotoFacts).Where(File.Exists)),
            ("training features", TrainingFeatures, DatabaseFiles(TrainingFeatures).Where(File.Exists)),
            ("gallery thumbnails", Thumbnails, Matching(Thumbnails, "*.jpg", SearchOption.AllDirectories)),
            ("int8 backbones", Int8Backbone("*"), Matching(Folder, "int8-backbone-*.onnx")),
        ];

    public static IReadOnlyList<CacheFile> List() =>
        All()
            .Select(c =>
            {
                var files = c.Files.ToList();
                return new CacheFile(c.Name, c.Path, files.Count == 0 ? null : files.Sum(f => new FileInfo(f).Length));
            })
            .ToList();

    /// <summary>Deletes every cache file; returns how many there were.</summary>
    public static int Clear()
    {
        int removed = 0;
        foreach (var f in All().SelectMany(c => c.Files).ToList())
        {
            File.Delete(f);
            removed++;
        }
        return removed;
    }
}
