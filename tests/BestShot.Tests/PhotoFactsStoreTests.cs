using BestShot.Core.Facts;
using BestShot.Core.Imaging;
using BestShot.Core.Look;
using BestShot.Core.Score;

namespace BestShot.Tests;

/// <summary>
/// The photo-facts store on its own: what goes in comes out, keyed by content, and a changed file is new. The same
/// tests run on each database the store can live in.
/// </summary>
public abstract class PhotoFactsStoreTests
{
    /// <summary>A store location no test has used: a folder for the test's files and the database's address.</summary>
    protected abstract (string Dir, string Db) Fresh(string name);

    [SkippableFact]
    public void HashesAreRememberedUntilTheFileChanges()
    {
        var (dir, db) = Fresh("facts-hash");
        string photo = Path.Combine(dir, "a.jpg");
        File.Copy(Path.Combine(TestPaths.Samples, "rocket.jpg"), photo);
        string missing = Path.Combine(dir, "gone.jpg");
        using var store = new PhotoFactsStore(db);

        var (first, unreadable) = store.HashAll([photo, missing]);
        Assert.Equal(ContentHash.OfFile(photo), first[photo]);
        Assert.Equal([(missing, "file not found")], unreadable);

        File.AppendAllText(photo, "x"); // a changed file: new size, new hash
        var (second, _) = store.HashAll([photo]);
        Assert.NotEqual(first[photo], second[photo]);
        Assert.Equal(ContentHash.OfFile(photo), second[photo]);
    }

    [SkippableFact]
    public void ScoresEmbeddingsAndGridsComeBackAsStored()
    {
        var (_, db) = Fresh("facts-scores");
        using (var store = new PhotoFactsStore(db))
            store.PutMany([("h1", new PhotoScore(1.5, [1f, 2f], [0.25f], [3f, 4f, 5f]))], "model-a", "meta-1");
        using var again = new PhotoFactsStore(db); // what was written survives the connection
        Assert.Equal(1.5, again.Get("h1", "model-a", "meta-1"));
        Assert.Null(again.Get("h1", "model-b", "meta-1")); // another model's score is not this one's
        Assert.Null(again.Get("h1", "model-a", "meta-2"));
        Assert.Equal([1f, 2f], again.GetEmbedding("h1", "model-a")!);
        Assert.Null(again.GetEmbedding("h1", "model-b"));
        Assert.Equal([0.25f], again.GetFocus("h1")!);
        Assert.Equal([3f, 4f, 5f], again.GetLikeness("h1")!);
    }

    [SkippableFact]
    public void LooksRoundTrip()
    {
        var (_, db) = Fresh("facts-looks");
        var look = new PhotoLook(1, 0.5, 0.9, null, 0.4, 0, 2.5, 0.8, 12, 0.45, 0.01, 0.1, 0.02, 0.03, EyesOpen: 0.7, JpegQuality: 92);
        using var store = new PhotoFactsStore(db);
        Assert.Null(store.GetLook("h1"));
        store.PutLooks([("h1", look)]);
        Assert.Equal(look, store.GetLook("h1"));
    }
}

/// <summary>The one-machine store: a SQLite file.</summary>
public class SqlitePhotoFactsStoreTests : PhotoFactsStoreTests
{
    protected override (string Dir, string Db) Fresh(string name)
    {
        string dir = TestPaths.TempDir(name);
        return (dir, Path.Combine(dir, "facts.sqlite"));
    }

    [Fact]
    public void AStoreFromANewerBestShotIsRefusedInOneLine()
    {
        var (_, db) = Fresh("facts-newer");
        using (var store = new PhotoFactsStore(db)) { }
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Pooling=false"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "UPDATE bestshot_schema SET version = 99";
            cmd.ExecuteNonQuery();
        }
        var e = Assert.Throws<StoreException>(() => new PhotoFactsStore(db));
        Assert.Equal($"{db}: the photo-facts store has schema 99, written by a newer BestShot (this one reads 1)", e.Message);
    }
}

/// <summary>The shared store: each test in its own database of one PostgreSQL server.</summary>
[Trait("Category", "Slow")]
public class PostgresPhotoFactsStoreTests : PhotoFactsStoreTests, IClassFixture<PostgresPhotoFactsStoreTests.Server>
{
    public sealed class Server : IDisposable
    {
        public PostgresServer? Postgres { get; } = PostgresServer.BinDir == null ? null : new PostgresServer();

        public void Dispose() => Postgres?.Dispose();
    }

    readonly Server _server;

    public PostgresPhotoFactsStoreTests(Server server) => _server = server;

    protected override (string Dir, string Db) Fresh(string name)
    {
        Skip.If(_server.Postgres == null, PostgresServer.Missing);
        string db = name.Replace('-', '_') + "_" + Guid.NewGuid().ToString("N")[..8];
        _server.Postgres!.Query($"CREATE DATABASE {db}");
        return (TestPaths.TempDir(name), _server.Postgres.Url.Replace("/postgres?", $"/{db}?"));
    }

    [SkippableFact]
    public void WritersOfTheSamePhotosLeaveOneRowEach()
    {
        var (_, db) = Fresh("facts-writers");
        var rows = Enumerable.Range(0, 200).Select(i => ($"hash{i:D4}", new PhotoScore(i / 10.0, [i, 1f], [0.5f], [2f]))).ToList();
        // Eight writers at once, each with all the rows, in its own order: the rows collide in every transaction.
        Parallel.For(
            0,
            8,
            w =>
            {
                using var store = new PhotoFactsStore(db);
                store.PutMany(rows.OrderBy(r => (r.Item1.GetHashCode() ^ w)).ToList(), "model-a", "meta");
            }
        );
        string database = new Uri(db).AbsolutePath.Trim('/');
        Assert.Equal("200|200", _server.Postgres!.Query("SELECT count(*), count(DISTINCT content_hash) FROM scores", database));
        Assert.Equal("200", _server.Postgres.Query("SELECT count(*) FROM embeddings", database));
        using var check = new PhotoFactsStore(db);
        Assert.All(rows, r => Assert.Equal(r.Item2.Score, check.Get(r.Item1, "model-a", "meta")));
    }
}
