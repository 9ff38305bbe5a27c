using System.Diagnostics;
using System.Runtime.InteropServices;

namespace BestShot.Tests;

/// <summary>
/// Issue 23: Ctrl-C stops every phase within a second. A `cull --write-xmp` whose every phase lasts long enough to be
/// hit (a 12,000-file folder walk, the model load, hashing a 3 GB file, scoring, looking, writing sidecars) is sent
/// SIGINT at moments spread over its run, once per run; each must end within a second, with exit 130 and its one
/// line, and leave every sidecar whole. `serve` is stopped the same way while its scan loads the model and scores.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[Trait("Category", "Slow")]
public class CtrlCTests
{
    [DllImport("libc", SetLastError = true)]
    static extern int kill(int pid, int signal);

    const int SigInt = 2;
    static readonly TimeSpan Limit = TimeSpan.FromSeconds(1);

    /// <summary>A folder whose cull has a long phase of each kind; the cache path beside it.</summary>
    static string Folder()
    {
        TestPaths.RequireShared();
        string dir = TestPaths.TempDir("ctrl-c");
        string photos = Path.Combine(dir, "shoot");
        Directory.CreateDirectory(photos);
        foreach (
            var (src, i) in Directory.GetFiles(Path.Combine(TestPaths.SharedPhotos, "bsds500")).Order().Take(60).Select((p, i) => (p, i))
        )
            File.Copy(src, Path.Combine(photos, $"frame{i:D3}{Path.GetExtension(src)}"));
        // Hashing reads every byte: a 3 GB file (sparse, so it costs no disk) takes seconds.
        string big = Path.Combine(photos, "huge.jpg");
        File.Copy(Path.Combine(TestPaths.Samples, "rocket.jpg"), big);
        using (var f = new FileStream(big, FileMode.Open))
            f.SetLength(3L << 30);
        // The walk stats every photo-named file: 12,000 of them (empty, so each is then skipped at once).
        for (int d = 0; d < 24; d++)
        {
            string sub = Path.Combine(photos, "archive", $"d{d:D2}");
            Directory.CreateDirectory(sub);
            for (int k = 0; k < 500; k++)
                File.Create(Path.Combine(sub, $"f{k:D3}.jpg")).Dispose();
        }
        return photos;
    }

    sealed record Stop(TimeSpan After, TimeSpan Took, int Exit, string Stderr);

    /// <summary>Starts the command, sends SIGINT after `after`, and times how long the process takes to end.</summary>
    static Stop InterruptAt(TimeSpan after, params string[] args)
    {
        using var p = Process.Start(CliRunner.InterruptibleStartInfo(args))!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (p.WaitForExit(after))
            return new Stop(after, TimeSpan.Zero, p.ExitCode, stderr.Result);
        var clock = Stopwatch.StartNew();
        Assert.Equal(0, kill(p.Id, SigInt));
        bool ended = p.WaitForExit(TimeSpan.FromSeconds(30));
        var took = clock.Elapsed;
        if (!ended)
            p.Kill(true);
        return new Stop(after, took, ended ? p.ExitCode : -1, stderr.Result);
    }

    [SkippableFact]
    public void CtrlCStopsEveryPhaseOfACullWithinASecond()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "signals as Linux sends them");
        string photos = Folder(),
            work = TestPaths.TempDir("ctrl-c-caches");
        string[] Args(string cache) => ["cull", photos, "--write-xmp", "--cache", Path.Combine(work, cache)];

        // The whole run, uninterrupted, gives the timeline; its sidecars are then removed for the interrupted runs. It is
        // timed the second time: the first builds the int8 backbone into the user's cache, which later runs reuse.
        double total = 0;
        foreach (var name in new[] { "warm.sqlite", "whole.sqlite" })
        {
            var full = Stopwatch.StartNew();
            var whole = CliRunner.Run(CliRunner.StartInfo(Args(name)));
            total = full.Elapsed.TotalSeconds;
            Assert.True(whole.ExitCode == 3, whole.Stderr); // the empty files are skipped
            foreach (var x in Directory.GetFiles(photos, "*.xmp"))
                File.Delete(x);
        }

        var phases = new HashSet<string>();
        var seen = new List<string>();
        double[] fractions = [0.02, 0.05, 0.1, 0.25, 0.45, 0.65, 0.75, 0.85, 0.93];
        for (int i = 0; i < fractions.Length; i++)
        {
            var stop = InterruptAt(TimeSpan.FromSeconds(total * fractions[i]), Args($"cut{i}.sqlite"));
            if (stop.Took == TimeSpan.Zero)
                continue; // ended before the signal (a faster run than the timeline's)
            string last = stop.Stderr.TrimEnd().Split('\n')[^1];
            Assert.True(
                stop.Took < Limit && stop.Exit == 130,
                $"SIGINT at {stop.After.TotalSeconds:F1} s of {total:F1}: exit {stop.Exit} after {stop.Took.TotalSeconds:F2} s; {last}"
            );
            string phase =
                last.Contains("looking for photos") ? "walk"
                : last.Contains("loading the model") ? "model"
                : last.Contains("looked at in part") ? "look"
                : last.Contains("writing sidecars") ? "sidecars"
                : last.Contains("photos scored") ? "score"
                : last;
            phases.Add(phase);
            seen.Add($"{stop.After.TotalSeconds:F1} s: {phase}");
            // Whatever was written is whole: every sidecar parses, and no temporary file is left.
            foreach (var x in Directory.GetFiles(photos, "*.xmp"))
                System.Xml.Linq.XDocument.Load(x);
            Assert.Empty(Directory.GetFiles(photos, "*.tmp"));
            foreach (var x in Directory.GetFiles(photos, "*.xmp"))
                File.Delete(x);
        }
        // The long phases were each hit at least once (the walk and the sidecars are short on a warm disk).
        Assert.True(phases.IsSupersetOf(["score", "look"]) && phases.Overlaps(["walk", "model"]), string.Join("; ", seen));
    }

    [SkippableFact]
    public void CtrlCStopsServeWithinASecondWhileItScans()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "signals as Linux sends them");
        string photos = Folder(),
            work = TestPaths.TempDir("ctrl-c-serve");
        int port = 20000 + Random.Shared.Next(20000);
        foreach (double seconds in new[] { 1.0, 4.0, 8.0 })
        {
            var stop = InterruptAt(
                TimeSpan.FromSeconds(seconds),
                "serve",
                photos,
                "--port",
                (port++).ToString(),
                "--cache",
                Path.Combine(work, $"s{seconds}.sqlite")
            );
            Assert.True(stop.Took > TimeSpan.Zero, $"serve ended by itself: {stop.Stderr}");
            Assert.True(stop.Took < Limit, $"SIGINT at {seconds} s: serve took {stop.Took.TotalSeconds:F2} s to stop");
        }
    }
}
