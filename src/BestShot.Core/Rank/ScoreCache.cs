using Microsoft.Data.Sqlite;
using BestShot.Core.Features;

namespace BestShot.Core.Rank;

/// <summary>
/// Scores by (file content hash, model id, metadata key), in SQLite, so re-ranking an unchanged folder needs no
/// decoding or inference. A second table remembers each path's size, modification time and hash, so unchanged
/// files are not even re-read; a changed file gets a new hash and is rescored. Deleting the file clears it.
/// </summary>
public sealed class ScoreCache : IDisposable
{
    readonly SqliteConnection _db;

    public static string DefaultPath => Path.Combine(Path.GetDirectoryName(FeatureCache.DefaultPath)!, "scores.sqlite");

    public ScoreCache(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _db.Open();
        Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
        Exec("CREATE TABLE IF NOT EXISTS scores (content_hash TEXT NOT NULL, model TEXT NOT NULL, metadata TEXT NOT NULL, score REAL NOT NULL, PRIMARY KEY (content_hash, model, metadata))");
        Exec("CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime INTEGER NOT NULL, content_hash TEXT NOT NULL)");
    }

    void Exec(string sql)
    {
        using var c = _db.CreateCommand();
        c.CommandText = sql;
        c.ExecuteNonQuery();
    }

    /// <summary>The content hash of a file, from the files table when its size and mtime are unchanged.</summary>
    public string HashOf(string path)
    {
        var info = new FileInfo(path);
        long size = info.Length, mtime = info.LastWriteTimeUtc.Ticks;
        using (var q = _db.CreateCommand())
        {
            q.CommandText = "SELECT content_hash FROM files WHERE path = $p AND size = $s AND mtime = $m";
            q.Parameters.AddWithValue("$p", info.FullName);
            q.Parameters.AddWithValue("$s", size);
            q.Parameters.AddWithValue("$m", mtime);
            if (q.ExecuteScalar() is string known) return known;
        }
        string hash = ContentHash.OfFile(path);
        using var u = _db.CreateCommand();
        u.CommandText = "INSERT OR REPLACE INTO files (path, size, mtime, content_hash) VALUES ($p, $s, $m, $h)";
        u.Parameters.AddWithValue("$p", info.FullName);
        u.Parameters.AddWithValue("$s", size);
        u.Parameters.AddWithValue("$m", mtime);
        u.Parameters.AddWithValue("$h", hash);
        u.ExecuteNonQuery();
        return hash;
    }

    public double? Get(string hash, string model, string metadata)
    {
        using var q = _db.CreateCommand();
        q.CommandText = "SELECT score FROM scores WHERE content_hash = $h AND model = $m AND metadata = $d";
        q.Parameters.AddWithValue("$h", hash);
        q.Parameters.AddWithValue("$m", model);
        q.Parameters.AddWithValue("$d", metadata);
        return q.ExecuteScalar() is double s ? s : null;
    }

    public void PutMany(IEnumerable<(string Hash, double Score)> rows, string model, string metadata)
    {
        using var tx = _db.BeginTransaction();
        using var c = _db.CreateCommand();
        c.CommandText = "INSERT OR REPLACE INTO scores (content_hash, model, metadata, score) VALUES ($h, $m, $d, $s)";
        var h = c.Parameters.Add("$h", SqliteType.Text);
        var s = c.Parameters.Add("$s", SqliteType.Real);
        c.Parameters.AddWithValue("$m", model);
        c.Parameters.AddWithValue("$d", metadata);
        foreach (var row in rows)
        {
            h.Value = row.Hash;
            s.Value = row.Score;
            c.ExecuteNonQuery();
        }
        tx.Commit();
    }

    public void Dispose() => _db.Dispose();
}
