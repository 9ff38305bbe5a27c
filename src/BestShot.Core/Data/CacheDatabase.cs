using Microsoft.Data.Sqlite;

namespace BestShot.Core.Data;

/// <summary>
/// How BestShot's SQLite caches (scores, features) open: the folder made if missing, no connection pooling (a
/// disposed cache closes its file), WAL so a reader never waits on a writer, and the schema created.
/// </summary>
public static class CacheDatabase
{
    public static SqliteConnection Open(string path, params string[] schema)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        db.Open();
        db.Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
        foreach (var sql in schema) db.Execute(sql);
        return db;
    }

    public static void Execute(this SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
