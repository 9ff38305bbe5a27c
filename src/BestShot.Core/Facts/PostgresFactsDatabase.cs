using System.Diagnostics;
using Npgsql;

namespace BestShot.Core.Facts;

/// <summary>
/// The shared store: PostgreSQL through Npgsql's pooled data source, so any number of workers (and threads) read and
/// write it at once. Every statement, and every batch of inserts as one transaction, is retried on a new connection
/// while the server restarts or the network drops (up to <see cref="RetryFor"/>): rows are keyed, so a retried batch
/// writes the same rows once, and a batch a killed worker left half-done was never committed.
/// </summary>
public sealed class PostgresFactsDatabase : FactsDatabase
{
    /// <summary>How long a statement keeps retrying before the run stops with one line naming the store.</summary>
    public static TimeSpan RetryFor { get; set; } = TimeSpan.FromSeconds(120);

    readonly NpgsqlDataSource _source;
    readonly string _describe;

    public PostgresFactsDatabase(string location)
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresLocation.ToConnectionString(location));
        _describe = PostgresLocation.Describe(builder);
        _source = NpgsqlDataSource.Create(builder);
    }

    public override string BlobType => "BYTEA";
    public override string RealType => "DOUBLE PRECISION";
    public override string IntegerType => "BIGINT";
    public override string Describe => _describe;

    public override string Upsert(string table, string[] columns, int keys)
    {
        var values = string.Join(", ", columns.Select(c => "@" + c));
        var update =
            columns.Length == keys ? "NOTHING" : "UPDATE SET " + string.Join(", ", columns.Skip(keys).Select(c => $"{c} = EXCLUDED.{c}"));
        return $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({values}) "
            + $"ON CONFLICT ({string.Join(", ", columns.Take(keys))}) DO {update}";
    }

    public override object? Scalar(string sql, params (string Name, object Value)[] parameters) =>
        WithRetry(connection =>
        {
            using var command = new NpgsqlCommand(sql, connection);
            foreach (var (name, value) in parameters)
                command.Parameters.AddWithValue(name.TrimStart('@'), value);
            var result = command.ExecuteScalar();
            return result is DBNull ? null : result;
        });

    public override void InsertMany<T>(string sql, IReadOnlyCollection<T> rows, Func<T, object[]> values)
    {
        if (rows.Count == 0)
            return;
        var names = ParameterNames(sql);
        WithRetry(connection =>
        {
            using var tx = connection.BeginTransaction();
            using var batch = new NpgsqlBatch(connection, tx);
            foreach (var row in rows)
            {
                var command = new NpgsqlBatchCommand(sql);
                var v = values(row);
                for (int i = 0; i < names.Length; i++)
                    command.Parameters.AddWithValue(names[i].TrimStart('@'), v[i]);
                batch.BatchCommands.Add(command);
            }
            batch.ExecuteNonQuery();
            tx.Commit();
            return 0;
        });
    }

    protected override void Migrate(IReadOnlyList<string> schema) =>
        WithRetry(connection =>
        {
            using var tx = connection.BeginTransaction();
            // Workers that start together would race on CREATE TABLE; the lock makes them take turns.
            Execute(connection, "SELECT pg_advisory_xact_lock(7238517)");
            foreach (var sql in schema)
                Execute(connection, sql);
            using var q = new NpgsqlCommand("SELECT max(version) FROM bestshot_schema", connection);
            CheckVersion(q.ExecuteScalar(), _describe, v => Execute(connection, $"INSERT INTO bestshot_schema (version) VALUES ({v})"));
            tx.Commit();
            return 0;
        });

    static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    /// <summary>Runs <paramref name="work"/> on a fresh pooled connection, again after a pause while the failure is transient.</summary>
    T WithRetry<T>(Func<NpgsqlConnection, T> work)
    {
        var clock = Stopwatch.StartNew();
        var pause = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                using var connection = _source.OpenConnection();
                return work(connection);
            }
            catch (Exception e) when (Transient(e) && clock.Elapsed < RetryFor)
            {
                NpgsqlConnection.ClearAllPools(); // connections from before a restart are dead
                Thread.Sleep(pause);
                pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 2000));
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                throw new StoreException($"{_describe}: {e.Message}", e);
            }
        }
    }

    /// <summary>
    /// Failures a retry can outlive: the connection lost or refused, the server shutting down or starting
    /// (57P01–57P03), a serialisation or deadlock conflict, and whatever Npgsql itself calls transient.
    /// </summary>
    static bool Transient(Exception e) =>
        e switch
        {
            PostgresException p => p.IsTransient || p.SqlState.StartsWith("57P") || p.SqlState.StartsWith("08"),
            NpgsqlException n => n.IsTransient || n.InnerException is IOException or System.Net.Sockets.SocketException,
            IOException or System.Net.Sockets.SocketException => true,
            _ => false,
        };

    public override void Dispose() => _source.Dispose();
}
