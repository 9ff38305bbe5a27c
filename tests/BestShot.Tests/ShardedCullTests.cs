using BestShot.Core.Facts;
using BestShot.Core.Imaging;

namespace BestShot.Tests;

/// <summary>
/// `cull --shard` on a shared store (a SQLite file serves as well as PostgreSQL for the rule): a worker culls only once
/// every photo has its score and its look; until then it stores its own shard's and says how many it waits for.
/// </summary>
[Trait("Category", "Slow")]
public class ShardedCullTests
{
    [Fact]
    public void ACullShardWaitsForTheLooksOfOtherShardsThenCullsTheWhole()
    {
        string dir = TestPaths.TempDir("sharded-cull"),
            store = Path.Combine(TestPaths.TempDir("sharded-cull-store"), "facts.sqlite");
        foreach (var f in Directory.GetFiles(TestPaths.Samples).Where(f => !f.EndsWith(".md")))
            File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        var inShard0 = Directory.GetFiles(dir).Count(f => new Shard(0, 2).Holds(ContentHash.OfFile(f)));
        Assert.InRange(inShard0, 1, 3); // both shards hold photos (the samples' hashes are fixed)

        // Both shards scored by `rank` workers: every score is stored, no look is.
        foreach (var k in new[] { "0/2", "1/2" })
            Assert.Equal(0, CliRunner.InProcess("rank", dir, "--store", store, "--shard", k, "--json").ExitCode);

        var first = CliRunner.InProcess("cull", dir, "--store", store, "--shard", "0/2", "--json");
        Assert.Equal(0, first.ExitCode);
        Assert.Equal("", first.Stdout); // nothing culled from part of the looks
        Assert.Contains($"{4 - inShard0} wait for the other shards' workers, so nothing was culled or written", first.Stderr);

        var second = CliRunner.InProcess("cull", dir, "--store", store, "--shard", "1/2", "--json");
        Assert.Equal(0, second.ExitCode);
        Assert.StartsWith("[", second.Stdout.Trim()); // every look is now stored: the whole is culled
        Assert.Contains("4 photos in", second.Stderr);
    }
}
