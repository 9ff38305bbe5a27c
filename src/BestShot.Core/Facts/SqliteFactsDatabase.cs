using BestShot.Core.Data;
using Microsoft.Data.Sqlite;

namespace BestShot.Core.Facts;

/// <summary>The one-machine store: a SQLite file in WAL mode (<see cref="CacheDatabase"/>), one connection.</summary>
public sealed class SqliteFactsDatabase(string path) : FactsDatabase
{
    readonly SqliteConnection _db = CacheDatabase.Open(path);

    public override string BlobType => "BLOB";
    public override string RealType => "REAL";
    public override string IntegerType => "INTEGER";
    public override string Describe => path;

    public override string Upsert(string table, string[] columns, int keys) =>
        $"INSERT OR REPLACE INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "@" + c))})";

    public override object? Scalar(string sql, params (string Name, object Value)[] parameters) => _db.QueryScalar(sql, parameters);

    public override void InsertMany<T>(string sql, IReadOnlyCollection<T> rows, Func<T, object[]> values)
    {
        if (rows.Count > 0)
            _db.InsertMany(sql, rows, values);
    }

    protected override void Migrate(IReadOnlyList<string> schema)
    {
        using var tx = _db.BeginTransaction();
        foreach (var sql in schema)
            _db.Execute(sql);
        CheckVersion(
            _db.QueryScalar("SELECT max(version) FROM bestshot_schema"),
            path,
            v => _db.QueryScalar("INSERT INTO bestshot_schema (version) VALUES (@v)", ("@v", v))
        );
        tx.Commit();
    }

    public override void Dispose() => _db.Dispose();
}
