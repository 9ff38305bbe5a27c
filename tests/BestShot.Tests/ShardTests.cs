using BestShot.Core.Facts;
using BestShot.Core.Imaging;

namespace BestShot.Tests;

/// <summary>Shards split photos by content, exactly once each; store locations parse as libpq writes them.</summary>
public class ShardTests
{
    [Fact]
    public void EveryPhotoFallsInExactlyOneShardAndTheShardsAreEven()
    {
        var hashes = Enumerable.Range(0, 4000).Select(i => ContentHash.Of(BitConverter.GetBytes(i))).ToList();
        var shards = Enumerable.Range(0, 4).Select(k => new Shard(k, 4)).ToList();
        Assert.All(hashes, h => Assert.Single(shards, s => s.Holds(h)));
        Assert.All(shards, s => Assert.InRange(hashes.Count(s.Holds), 900, 1100));
        Assert.All(hashes, h => Assert.True(new Shard(0, 1).Holds(h)));
    }

    [Theory]
    [InlineData("0/4", 0, 4)]
    [InlineData("3/4", 3, 4)]
    [InlineData("0/1", 0, 1)]
    public void ShardsParse(string text, int k, int n) => Assert.Equal(new Shard(k, n), Shard.Parse(text).Shard);

    [Theory]
    [InlineData("4/4")]
    [InlineData("-1/4")]
    [InlineData("1/0")]
    [InlineData("1")]
    [InlineData("a/b")]
    public void BadShardsSayWhatIsExpected(string text)
    {
        var (shard, problem) = Shard.Parse(text);
        Assert.Null(shard);
        Assert.Equal($"--shard takes K/N with 0 ≤ K < N (shard K of N, counted from 0), not '{text}'", problem);
    }

    [Theory]
    [InlineData("postgres://ann:s%40cret@db.example:5433/photos", "db.example", 5433, "ann", "s@cret", "photos")]
    [InlineData("postgresql:///postgres?host=/tmp/pg&port=20001&user=bestshot", "/tmp/pg", 20001, "bestshot", null, "postgres")]
    [InlineData("postgres://db/lib", "db", 5432, null, null, "lib")]
    public void PostgresUrlsBecomeConnectionStrings(string url, string host, int port, string? user, string? password, string db)
    {
        var b = new Npgsql.NpgsqlConnectionStringBuilder(PostgresLocation.ToConnectionString(url));
        Assert.Equal((host, port, user, password, db), (b.Host, b.Port, b.Username, b.Password, b.Database));
        Assert.DoesNotContain("cret", PostgresLocation.Describe(b));
    }

    [Theory]
    [InlineData("postgres://h/d", true)]
    [InlineData("postgresql://h/d", true)]
    [InlineData("Host=h;Database=d", true)]
    [InlineData("/home/ann/.cache/bestshot/photo-facts.sqlite", false)]
    [InlineData("facts.sqlite", false)]
    public void AStoreIsPostgresOnlyWhenItSaysSo(string location, bool postgres) =>
        Assert.Equal(postgres, FactsDatabase.IsPostgres(location));
}
