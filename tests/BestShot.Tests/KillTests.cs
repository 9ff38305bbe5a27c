using System.Diagnostics;
using System.Text.Json;
using BestShot.Core.Features;
using BestShot.Core.Imaging;
using BestShot.Lab.Synth;
using Microsoft.Data.Sqlite;

namespace BestShot.Tests;

/// <summary>
/// Nothing lost when killed: SIGKILL (no chance to clean up) at seeded random moments, then the same command again.
/// Each rerun must finish, give exactly what an uninterrupted run gives, and leave a cache SQLite calls sound; the
/// photos are never written.
/// </summary>
[Trait("Category", "Slow")]
public class KillTests
{
    const int KillPoints = 20;

    [Fact]
    public void RankKilledAtRandomMomentsThenRerunGivesTheUninterruptedRanking()
    {
        string dir = TestPaths.TempDir("kill-rank");
        var sources = new[] { "coffee.png", "chelsea.png", "astronaut.png", "rocket.jpg" }
            .Select(f => ImageDecoder.Decode(Path.Combine(TestPaths.Samples, f)))
            // Small: each run is then mostly start-up, and 20 kills stay quick.
            .Select(img => LanczosResizer.Scale(img, 320.0 / Math.Max(img.Width, img.Height)))
            .ToArray();
        for (int i = 0; i < 300; i++)
            ImageEncoder.SaveJpeg(Degrade.Exposure(sources[i % 4], 0.6 + 0.8 * (i / 4) / 75.0), Path.Combine(dir, $"p{i:D3}.jpg"), 85);
        var before = Hashes(dir);

        string work = TestPaths.TempDir("kill-rank-caches");
        var clock = Stopwatch.StartNew();
        var reference = CliRunner.Run("rank", dir, "--json", "--cache", Path.Combine(work, "reference.sqlite"));
        double seconds = clock.Elapsed.TotalSeconds;
        Assert.Equal(0, reference.ExitCode);
        var expected = Ranking(reference.Stdout);
        Assert.Equal(300, expected.Count);

        var rng = new Random(20261201);
        for (int k = 0; k < KillPoints; k++)
        {
            string cache = Path.Combine(work, $"killed{k}.sqlite");
            double at = rng.NextDouble() * seconds;
            string when = KillAfter(CliRunner.StartInfo("rank", dir, "--json", "--cache", cache), at);
            var rerun = CliRunner.Run("rank", dir, "--json", "--cache", cache);
            Assert.True(rerun.ExitCode == 0, $"kill {k} ({when}): rerun exit {rerun.ExitCode}: {rerun.Stderr}");
            Assert.True(expected.SequenceEqual(Ranking(rerun.Stdout)), $"kill {k} ({when}): the rerun's ranking differs");
            Assert.Equal("ok", IntegrityCheck(cache));
        }
        Assert.Equal(before, Hashes(dir));
    }

    [Fact]
    public void FrozenTrainingKilledAtRandomMomentsThenResumedGivesTheUninterruptedRun()
    {
        string data = TestPaths.TempDir("kill-train-data");
        PostsSynth.Write(
            data,
            new PostsSynthOptions
            {
                Users = 16,
                PostsPerUser = 6,
                ImageSize = 128,
                Seed = 5,
            }
        );
        var before = Hashes(data);
        string work = TestPaths.TempDir("kill-train");
        string[] Args(string run, string cache) =>
            ["train", data, "--out", run, "--cache", cache, "--epochs", "6", "--batch-size", "16", "--views", "2"];

        var clock = Stopwatch.StartNew();
        var reference = CliRunner.Run(Args(Path.Combine(work, "reference"), Path.Combine(work, "reference.sqlite")));
        double seconds = clock.Elapsed.TotalSeconds;
        Assert.True(reference.ExitCode == 0, reference.Stderr);
        var expected = Metrics(Path.Combine(work, "reference"));
        Assert.Equal(6, expected.Count);

        var rng = new Random(20261202);
        for (int k = 0; k < KillPoints; k++)
        {
            string run = Path.Combine(work, $"killed{k}"),
                cache = Path.Combine(work, $"killed{k}.sqlite");
            string when = KillAfter(CliRunner.StartInfo(Args(run, cache)), rng.NextDouble() * seconds);
            // A run killed before its first epoch ended has nothing to resume: it starts again.
            bool resumable = File.Exists(Path.Combine(run, "last.ckpt"));
            var rerun = CliRunner.Run([.. Args(run, cache), .. resumable ? new[] { "--resume" } : []]);
            Assert.True(rerun.ExitCode == 0, $"kill {k} ({when}, resume {resumable}): exit {rerun.ExitCode}: {rerun.Stderr}");
            Assert.True(
                expected.SequenceEqual(Metrics(run)),
                $"kill {k} ({when}, resume {resumable}): the metrics differ from the uninterrupted run"
            );
            Assert.Equal("ok", IntegrityCheck(cache));
        }
        Assert.Equal(before, Hashes(data));
    }

    /// <summary>Starts the command, SIGKILLs it after `seconds` (if still running), and says when that was.</summary>
    static string KillAfter(ProcessStartInfo psi, double seconds)
    {
        using var p = Process.Start(psi)!;
        var drain = Task.WhenAll(p.StandardOutput.ReadToEndAsync(), p.StandardError.ReadToEndAsync());
        bool exited = p.WaitForExit(TimeSpan.FromSeconds(seconds));
        if (!exited)
            p.Kill(); // SIGKILL on Unix
        p.WaitForExit();
        drain.Wait();
        return exited ? $"finished before {seconds:F2} s" : $"killed at {seconds:F2} s";
    }

    static List<(string Path, double Score)> Ranking(string json) =>
        JsonDocument
            .Parse(json)
            .RootElement.EnumerateArray()
            .Select(e => (e.GetProperty("path").GetString()!, e.GetProperty("score").GetDouble()))
            .ToList();

    /// <summary>Each epoch's figures, without its wall time.</summary>
    static List<string> Metrics(string run) =>
        File.ReadAllLines(Path.Combine(run, "metrics.jsonl"))
            .Select(l =>
            {
                var o = JsonDocument.Parse(l).RootElement;
                return string.Join(",", o.EnumerateObject().Where(p => p.Name != "Seconds").Select(p => $"{p.Name}={p.Value}"));
            })
            .ToList();

    static Dictionary<string, string> Hashes(string dir) =>
        Directory
            .GetFiles(dir, "*", SearchOption.AllDirectories)
            .Where(PhotoFiles.IsPhoto)
            .ToDictionary(f => f, f => ContentHash.OfFile(f));

    static string IntegrityCheck(string cache)
    {
        if (!File.Exists(cache))
            return "missing";
        using var db = new SqliteConnection($"Data Source={cache};Pooling=False");
        db.Open();
        using var q = db.CreateCommand();
        q.CommandText = "PRAGMA integrity_check";
        return (string)q.ExecuteScalar()!;
    }
}
