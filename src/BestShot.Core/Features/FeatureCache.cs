using Microsoft.Data.Sqlite;
using BestShot.Core.Data;

namespace BestShot.Core.Features;

/// <summary>
/// Backbone features and colour thumbnails per (image content hash, view, extractor), in SQLite. Content hashes
/// mean a renamed or moved photo is still a hit and an edited one is a miss. Safe to delete at any time.
/// </summary>
public sealed class FeatureCache : IDisposable
{
    readonly SqliteConnection _db;

    public string Path { get; }

    public static string DefaultPath
    {
        get
        {
            string root = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } x
                ? x : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return System.IO.Path.Combine(root, "bestshot", "features.sqlite");
        }
    }

    public FeatureCache(string path)
    {
        Path = path;
        _db = CacheDatabase.Open(path,
            "CREATE TABLE IF NOT EXISTS views (image_hash TEXT NOT NULL, view INTEGER NOT NULL, extractor TEXT NOT NULL, data BLOB NOT NULL, PRIMARY KEY (image_hash, view, extractor))");
    }

    public float[]? Get(string hash, int view, string extractor)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT data FROM views WHERE image_hash = $h AND view = $v AND extractor = $e";
        cmd.Parameters.AddWithValue("$h", hash);
        cmd.Parameters.AddWithValue("$v", view);
        cmd.Parameters.AddWithValue("$e", extractor);
        return cmd.ExecuteScalar() is byte[] bytes ? System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes).ToArray() : null;
    }

    public void PutMany(IEnumerable<(string Hash, int View, float[] Data)> rows, string extractor)
    {
        using var tx = _db.BeginTransaction();
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "INSERT OR REPLACE INTO views (image_hash, view, extractor, data) VALUES ($h, $v, $e, $d)";
        var h = cmd.Parameters.Add("$h", SqliteType.Text);
        var v = cmd.Parameters.Add("$v", SqliteType.Integer);
        var e = cmd.Parameters.Add("$e", SqliteType.Text);
        var d = cmd.Parameters.Add("$d", SqliteType.Blob);
        foreach (var row in rows)
        {
            h.Value = row.Hash;
            v.Value = row.View;
            e.Value = extractor;
            d.Value = System.Runtime.InteropServices.MemoryMarshal.AsBytes(row.Data.AsSpan()).ToArray();
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
    }

    public void Dispose() => _db.Dispose();
}
