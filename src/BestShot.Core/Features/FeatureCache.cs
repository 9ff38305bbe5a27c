using BestShot.Core.Data;
using Microsoft.Data.Sqlite;

namespace BestShot.Core.Features;

/// <summary>
/// Backbone features and colour thumbnails per (image content hash, view, extractor), in SQLite. Content hashes
/// mean a renamed or moved photo is still a hit and an edited one is a miss. Safe to delete at any time.
/// </summary>
public sealed class FeatureCache : IDisposable
{
    readonly SqliteConnection _db;

    public string Path { get; }

    public static string DefaultPath => CacheRoot.TrainingFeatures;

    public FeatureCache(string path)
    {
        Path = path;
        _db = CacheDatabase.Open(
            path,
            "CREATE TABLE IF NOT EXISTS views (image_hash TEXT NOT NULL, view INTEGER NOT NULL, extractor TEXT NOT NULL, data BLOB NOT "
                + "NULL, PRIMARY KEY (image_hash, view, extractor))"
        );
    }

    public float[]? Get(string hash, int view, string extractor) =>
        _db.QueryScalar(
            "SELECT data FROM views WHERE image_hash = $h AND view = $v AND extractor = $e",
            ("$h", hash),
            ("$v", view),
            ("$e", extractor)
        )
            is byte[] bytes
            ? CacheDatabase.FromBlob(bytes)
            : null;

    public void PutMany(IEnumerable<(string Hash, int View, float[] Data)> rows, string extractor) =>
        _db.InsertMany(
            "INSERT OR REPLACE INTO views (image_hash, view, extractor, data) VALUES ($h, $v, $e, $d)",
            rows,
            r => [r.Hash, r.View, extractor, CacheDatabase.ToBlob(r.Data)]
        );

    public void Dispose() => _db.Dispose();
}
