using System.Diagnostics;
using System.Text.Json;
using BestShot.Core.Imaging;

namespace BestShot.Tests;

/// <summary>
/// Issue 26's contract, with N local processes standing in for a cluster's pods: four `rank --shard K/4` workers share
/// one PostgreSQL store while two of them are killed and the database restarts under the others; the killed ones are
/// run again; then every photo has exactly one score row, equal to what one worker with a SQLite store computes.
/// </summary>
[Trait("Category", "Slow")]
public class ShardedScoringTests
{
    const int Photos = 2000;

    /// <summary>Distinct small photos: gradients, discs and noise drawn from the index, so no two share a hash.</summary>
    static string MakeLibrary()
    {
        string dir = TestPaths.TempDir("sharded-library");
        Parallel.For(
            0,
            Photos,
            i =>
            {
                var rng = new Random(i);
                int w = 160,
                    h = 120;
                var px = new byte[w * h * 3];
                double cx = rng.NextDouble() * w,
                    cy = rng.NextDouble() * h,
                    r = 10 + rng.NextDouble() * 40;
                var (r0, g0, b0) = (rng.Next(256), rng.Next(256), rng.Next(256));
                for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                {
                    bool disc = (x - cx) * (x - cx) + (y - cy) * (y - cy) < r * r;
                    int o = (y * w + x) * 3,
                        n = rng.Next(-12, 13);
                    px[o] = (byte)Math.Clamp((disc ? 255 - r0 : r0 * x / w) + n, 0, 255);
                    px[o + 1] = (byte)Math.Clamp((disc ? 255 - g0 : g0 * y / h) + n, 0, 255);
                    px[o + 2] = (byte)Math.Clamp(b0 + n, 0, 255);
                }
                ImageEncoder.SaveJpeg(new RgbImage(w, h, px), Path.Combine(dir, $"p{i:D4}.jpg"), 90);
            }
        );
        return dir;
    }

    static Dictionary<string, double> Scores(string json) =>
        JsonDocument
            .Parse(json)
            .RootElement.EnumerateArray()
            .ToDictionary(e => e.GetProperty("path").GetString()!, e => e.GetProperty("raw_score").GetDouble());

    static Process Worker(string library, string store, int k, string cacheHome)
    {
        var psi = CliRunner.StartInfo("rank", library, "--json", "--store", store, "--shard", $"{k}/4");
        psi.Environment["XDG_CACHE_HOME"] = cacheHome;
        psi.Environment["BESTSHOT_PROGRESS_SECONDS"] = "1000";
        return Process.Start(psi)!;
    }

    static (int Exit, string Stderr) Finish(Process p)
    {
        var stderr = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(600_000), "a worker did not finish in 10 minutes");
        return (p.ExitCode, stderr.Result);
    }

    [SkippableFact]
    public void FourWorkersWithKillsAndARestartScoreEachPhotoOnceAsOneWorkerDoes()
    {
        Skip.If(PostgresServer.BinDir == null, PostgresServer.Missing);
        using var server = new PostgresServer();
        string library = MakeLibrary(),
            work = TestPaths.TempDir("sharded-work"),
            cacheHome = Path.Combine(work, "cache");

        var single = CliRunner.RunWithEnv(
            new() { ["XDG_CACHE_HOME"] = cacheHome },
            "rank",
            library,
            "--json",
            "--store",
            Path.Combine(work, "single.sqlite")
        );
        Assert.True(single.ExitCode == 0, single.Stderr);
        var expected = Scores(single.Stdout);
        Assert.Equal(Photos, expected.Count);

        var workers = Enumerable.Range(0, 4).Select(k => Worker(library, server.Url, k, cacheHome)).ToArray();
        int Stored()
        {
            try
            {
                return int.Parse(server.Query("SELECT count(*) FROM scores"));
            }
            catch (InvalidOperationException)
            {
                return 0; // the table is not there yet
            }
        }
        var clock = Stopwatch.StartNew();
        while (Stored() < 200 && clock.Elapsed < TimeSpan.FromMinutes(5))
            Thread.Sleep(100);
        Assert.True(Stored() >= 200, "the workers stored nothing in 5 minutes");
        workers[1].Kill();
        workers[2].Kill();
        // The database goes away under the two others mid-batch, and comes back.
        server.Stop();
        Thread.Sleep(3000);
        server.Start();
        var survivors = new[] { Finish(workers[0]), Finish(workers[3]) };
        foreach (var (exit, stderr) in survivors)
            Assert.True(exit == 0, $"a worker that saw the restart failed ({exit}): {stderr}");
        Assert.True(Stored() < Photos, "the killed workers' shards were done before the kill: the test proved nothing");
        foreach (var k in new[] { 1, 2 })
        {
            var (exit, stderr) = Finish(Worker(library, server.Url, k, cacheHome));
            Assert.True(exit == 0, $"rerun of worker {k} failed: {stderr}");
        }

        Assert.Equal($"{Photos}|{Photos}", server.Query("SELECT count(*), count(DISTINCT content_hash) FROM scores"));
        // Any machine now presents the whole from the store, scoring nothing.
        var whole = CliRunner.RunWithEnv(new() { ["XDG_CACHE_HOME"] = cacheHome }, "rank", library, "--json", "--store", server.Url);
        Assert.True(whole.ExitCode == 0, whole.Stderr);
        Assert.Contains($"({Photos} from cache, 0 scored)", whole.Stderr);
        var shared = Scores(whole.Stdout);
        Assert.Equal(expected.Keys.Order(), shared.Keys.Order());
        double worst = expected.Max(e => Math.Abs(e.Value - shared[e.Key]));
        Assert.True(worst < 1e-5, $"a photo's score differs from the single worker's by {worst}");
    }
}
