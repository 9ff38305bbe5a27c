using BestShot.Core.Data;
using BestShot.Core.Features;
using BestShot.Core.Imaging;
using BestShot.Core.Look;
using BestShot.Core.Score;

namespace BestShot.Core.Facts;

/// <summary>
/// Facts about photos by (file content hash, model id[, metadata key]): scores, embeddings, focus grids, layouts and
/// looks, so re-ranking an unchanged folder needs no decoding or inference, and a photo scored on one machine is never
/// scored again on another that shares the store. A second table remembers each path's size, modification time and
/// hash, so unchanged files are not even re-read; a changed file gets a new hash and is rescored. The database is a
/// SQLite file (one machine, the default) or PostgreSQL (`--store postgres://...`, many): one schema, one set of queries.
/// </summary>
public sealed class PhotoFactsStore : IDisposable
{
    readonly FactsDatabase _db;

    public static string DefaultPath => CacheRoot.PhotoFacts;

    /// <summary>Where the store lives, for messages.</summary>
    public string Location => _db.Describe;

    /// <param name="location">A SQLite file, or a PostgreSQL URL (postgres://USER@HOST/DB) or connection string.</param>
    public PhotoFactsStore(string location) => _db = FactsDatabase.Open(location, Schema);

    static IReadOnlyList<string> Schema(FactsDatabase db) =>
        [
            "CREATE TABLE IF NOT EXISTS scores (content_hash TEXT NOT NULL, model TEXT NOT NULL, metadata TEXT NOT NULL, "
                + $"score {db.RealType} NOT NULL, PRIMARY KEY (content_hash, model, metadata))",
            $"CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size {db.IntegerType} NOT NULL, mtime {db.IntegerType} NOT NULL, "
                + "content_hash TEXT NOT NULL)",
            // The global view's backbone features: they depend on the photo and the model, not on the metadata.
            $"CREATE TABLE IF NOT EXISTS embeddings (content_hash TEXT NOT NULL, model TEXT NOT NULL, features {db.BlobType} NOT NULL, "
                + "PRIMARY KEY (content_hash, model))",
            // Where each photo is sharp (FocusGrid): a property of the pixels alone, whatever the model.
            $"CREATE TABLE IF NOT EXISTS focus (content_hash TEXT PRIMARY KEY, grid {db.BlobType} NOT NULL)",
            // The layout a near-duplicate shares (Likeness): pixels alone, whatever the model.
            $"CREATE TABLE IF NOT EXISTS likeness (content_hash TEXT PRIMARY KEY, layout {db.BlobType} NOT NULL)",
            // Faces, tilt and exposure (PhotoLook) as JSON, with the version of the measures that made them.
            $"CREATE TABLE IF NOT EXISTS look (content_hash TEXT NOT NULL, version {db.IntegerType} NOT NULL, json TEXT NOT NULL, "
                + "PRIMARY KEY (content_hash, version))",
        ];

    /// <summary>
    /// Content hashes of files: from the files table where size and mtime are unchanged, otherwise read and hashed
    /// on every core and remembered in one transaction (one per file made a cold run of a folder 10 % slower).
    /// </summary>
    /// <returns>Hash by path, and the files that could not be read with the reason.</returns>
    public (Dictionary<string, string> Hashes, List<(string Path, string Reason)> Unreadable) HashAll(
        IReadOnlyList<string> paths,
        CancellationToken cancel = default
    )
    {
        var hashes = new Dictionary<string, string>();
        var unreadable = new List<(string, string)>();
        var unknown = new List<(string Path, long Size, long Mtime)>();
        foreach (var path in paths)
        {
            cancel.ThrowIfCancellationRequested();
            if (FileIdentity.SizeAndTime(path) is not var (size, written))
            {
                unreadable.Add((path, "file not found"));
                continue;
            }
            var known = _db.Scalar(
                "SELECT content_hash FROM files WHERE path = @p AND size = @s AND mtime = @m",
                ("@p", Path.GetFullPath(path)),
                ("@s", size),
                ("@m", written.Ticks)
            );
            if (known is string hash)
                hashes[path] = hash;
            else
                unknown.Add((path, size, written.Ticks));
        }

        var computed = new (string Hash, string? Error)[unknown.Count];
        Parallel.For(
            0,
            unknown.Count,
            new ParallelOptions { CancellationToken = cancel },
            i =>
            {
                try
                {
                    computed[i] = (ContentHash.OfFile(unknown[i].Path, cancel), null);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    computed[i] = ("", Reason(e));
                }
            }
        );

        var fresh = new List<(string Path, long Size, long Mtime, string Hash)>();
        for (int i = 0; i < unknown.Count; i++)
        {
            var (path, size, mtime) = unknown[i];
            if (computed[i].Error is string why)
            {
                unreadable.Add((path, why));
                continue;
            }
            hashes[path] = computed[i].Hash;
            fresh.Add((Path.GetFullPath(path), size, mtime, computed[i].Hash));
        }
        _db.InsertMany(_db.Upsert("files", ["path", "size", "mtime", "content_hash"], 1), fresh, r => [r.Path, r.Size, r.Mtime, r.Hash]);
        return (hashes, unreadable);
    }

    static string Reason(Exception e) => e is FileNotFoundException ? "file not found" : e.Message;

    public double? Get(string hash, string model, string metadata) =>
        _db.Scalar(
            "SELECT score FROM scores WHERE content_hash = @h AND model = @m AND metadata = @d",
            ("@h", hash),
            ("@m", model),
            ("@d", metadata)
        )
            is double s
            ? s
            : null;

    /// <summary>The photo's backbone features under this model, if a run has stored them.</summary>
    public float[]? GetEmbedding(string hash, string model) =>
        _db.Scalar("SELECT features FROM embeddings WHERE content_hash = @h AND model = @m", ("@h", hash), ("@m", model)) is byte[] bytes
            ? CacheDatabase.FromBlob(bytes)
            : null;

    /// <summary>Bumped whenever PhotoLook's measures change meaning, so older rows are measured again.</summary>
    const int LookVersion = 5; // 3: motion, noise and JPEG blocks; 5: eyes open, JPEG quality

    public PhotoLook? GetLook(string hash) =>
        _db.Scalar("SELECT json FROM look WHERE content_hash = @h AND version = @v", ("@h", hash), ("@v", (long)LookVersion))
            is string json
            ? System.Text.Json.JsonSerializer.Deserialize<PhotoLook>(json)
            : null;

    public void PutLooks(IReadOnlyCollection<(string Hash, PhotoLook Look)> rows) =>
        _db.InsertMany(
            _db.Upsert("look", ["content_hash", "version", "json"], 2),
            rows,
            r => [r.Hash, (long)LookVersion, System.Text.Json.JsonSerializer.Serialize(r.Look)]
        );

    public float[]? GetFocus(string hash) =>
        _db.Scalar("SELECT grid FROM focus WHERE content_hash = @h", ("@h", hash)) is byte[] bytes ? CacheDatabase.FromBlob(bytes) : null;

    public float[]? GetLikeness(string hash) =>
        _db.Scalar("SELECT layout FROM likeness WHERE content_hash = @h", ("@h", hash)) is byte[] bytes
            ? CacheDatabase.FromBlob(bytes)
            : null;

    /// <summary>
    /// Stores scores and, where the model returned them, embeddings, focus grids and layouts, in one transaction each.
    /// The score goes last: a photo with a stored score has everything stored with it, even if the run dies between.
    /// </summary>
    public void PutMany(IReadOnlyCollection<(string Hash, PhotoScore Score)> rows, string model, string metadata)
    {
        _db.InsertMany(
            _db.Upsert("embeddings", ["content_hash", "model", "features"], 2),
            rows.Where(r => r.Score.Embedding != null).ToList(),
            r => [r.Hash, model, CacheDatabase.ToBlob(r.Score.Embedding!)]
        );
        _db.InsertMany(
            _db.Upsert("focus", ["content_hash", "grid"], 1),
            rows.Where(r => r.Score.Focus != null).ToList(),
            r => [r.Hash, CacheDatabase.ToBlob(r.Score.Focus!)]
        );
        _db.InsertMany(
            _db.Upsert("likeness", ["content_hash", "layout"], 1),
            rows.Where(r => r.Score.Likeness != null).ToList(),
            r => [r.Hash, CacheDatabase.ToBlob(r.Score.Likeness!)]
        );
        _db.InsertMany(
            _db.Upsert("scores", ["content_hash", "model", "metadata", "score"], 3),
            rows,
            r => [r.Hash, model, metadata, r.Score.Score]
        );
    }

    public void Dispose() => _db.Dispose();
}
