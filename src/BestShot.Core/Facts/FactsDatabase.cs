using System.Text.RegularExpressions;

namespace BestShot.Core.Facts;

/// <summary>A store that cannot be used: a newer schema, or a database that stopped answering. One line, for the user.</summary>
public sealed class StoreException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The SQL database under the photo-facts store: SQLite for one machine (the default), PostgreSQL for many. The two
/// differ only in their column types, their upsert and how they fail; the store's tables, keys and queries are one.
/// Parameters are written @name in every statement.
/// </summary>
public abstract class FactsDatabase : IDisposable
{
    /// <summary>Bumped when a table changes meaning; a store written by a newer BestShot is refused, not misread.</summary>
    public const int SchemaVersion = 1;

    public abstract string BlobType { get; }
    public abstract string RealType { get; }
    public abstract string IntegerType { get; }

    /// <summary>Where the facts live, for messages (a PostgreSQL URL without its password).</summary>
    public abstract string Describe { get; }

    /// <summary>An insert of one row that replaces the row with the same first <paramref name="keys"/> columns.</summary>
    public abstract string Upsert(string table, string[] columns, int keys);

    public abstract object? Scalar(string sql, params (string Name, object Value)[] parameters);

    /// <summary>Runs <paramref name="sql"/> once per row in one transaction: all of a batch is stored, or none of it.</summary>
    public abstract void InsertMany<T>(string sql, IReadOnlyCollection<T> rows, Func<T, object[]> values);

    /// <summary>Creates the tables where missing and checks the schema version, as one transaction.</summary>
    protected abstract void Migrate(IReadOnlyList<string> schema);

    public abstract void Dispose();

    /// <summary>A PostgreSQL URL (postgres:// or postgresql://) or connection string (Host=...), else a SQLite file.</summary>
    public static bool IsPostgres(string location) =>
        location.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || location.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || Regex.IsMatch(location, @"^\s*Host\s*=", RegexOptions.IgnoreCase);

    public static FactsDatabase Open(string location, Func<FactsDatabase, IReadOnlyList<string>> schema)
    {
        FactsDatabase db = IsPostgres(location) ? new PostgresFactsDatabase(location) : new SqliteFactsDatabase(location);
        try
        {
            db.Migrate([$"CREATE TABLE IF NOT EXISTS bestshot_schema (version {db.IntegerType} NOT NULL)", .. schema(db)]);
            return db;
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    /// <summary>The version check both databases run inside their migration transaction.</summary>
    protected static void CheckVersion(object? stored, string where, Action<long> insert)
    {
        switch (stored)
        {
            case null or DBNull:
                insert(SchemaVersion);
                break;
            case var v when Convert.ToInt64(v) > SchemaVersion:
                throw new StoreException(
                    $"{where}: the photo-facts store has schema {v}, written by a newer BestShot (this one reads {SchemaVersion})"
                );
        }
    }

    /// <summary>The @names of a statement in order of first appearance: a row's values come in this order.</summary>
    protected static string[] ParameterNames(string sql) => Regex.Matches(sql, @"@\w+").Select(m => m.Value).Distinct().ToArray();
}
