using System.Text.Json;
using System.Text.RegularExpressions;

namespace BestShot.Tests;

/// <summary>
/// The README's commands, run as a user would (the real CLI, in its own process, the caches in a fresh
/// XDG_CACHE_HOME), each with its output checked. A command added to the README without a check here fails
/// <see cref="EveryCommandTheReadmeShowsIsCheckedHere"/>.
/// </summary>
[Trait("Category", "Slow")]
public class ReadmeTests
{
    static readonly string Readme = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "README.md"));

    /// <summary>Every `./bestshot ...` the README shows, in a code block or inline, as written.</summary>
    static IEnumerable<string> Shown() =>
        Regex.Matches(Readme, @"(?m)(?:^|`)\./bestshot ([^`\n]*[^`\n ])").Select(m => m.Groups[1].Value).Distinct();

    /// <summary>The CLI reference table's first column: `import SOURCE --out DATASET` and so on.</summary>
    static IEnumerable<string> Reference() =>
        Regex
            .Matches(
                Readme[Readme.IndexOf("## CLI reference", StringComparison.Ordinal)..],
                @"(?m)^\| `([a-z][a-z0-9-]*(?: [^`|]*)?)`(?: / `([^`]+)`)? \|"
            )
            .SelectMany(m => new[] { m.Groups[1].Value, m.Groups[2].Value })
            .Where(c => c.Length > 0)
            .Distinct();

    static readonly string[] Checked =
    [
        "rank samples",
        "rank ~/Pictures/trip --top 10 --html trip.html",
        "cull ~/Pictures/shoot --json",
        "cache",
        "cache clear",
        "bench",
        "bench --precision fp32",
        "bench --model HEAD",
        "bench --train",
        "bench cull", // run small (40 frames) in CullBenchTests.BenchCullPrintsItsFigures
        "bench cull --copied --frames 1000 --seed 0", // run small (40 frames) in CullBenchTests.ACopiedShootHasNoExifAndOneFileTime
        "bench reasons ../shared/data/photos", // on samples/ in TrustedCullTests.BenchReasonsCountsFalseAlarmsOnACleanFolder
        "bench reasons DATA --sources odd", // on a small degradation set in TheCliReferenceRunsEndToEnd
        // "Teach BestShot your taste", in TeachBestShotYourTaste:
        "import ~/Pictures/rated --ratings --out my-taste",
        "stats my-taste",
        "train my-taste --out my-run",
        "eval my-run my-taste",
        "cull ~/Pictures/new-shoot --model my-run/model.onnx --write-xmp",
        "serve ~/Pictures/shoot", // started on a shoot, driven and stopped in ServeProcessTests and ServeBrowserTests
        "<command>",
        "<command> --help",
    ];

    static readonly string[] ReferenceChecked =
    [
        "rank PATH...",
        "cull PATH...",
        "serve PATH...",
        "import SOURCE --out DATASET",
        "stats DATASET [--json]",
        "synth posts --out DIR [--photos DIR]",
        "synth degradations --photos DIR --out DIR",
        "synth taste --photos DIR --out DIR",
        "train DATASET --out RUN",
        "eval RUN_OR_MODEL DATASET [--json]",
        "export RUN --out model.onnx",
        "quality-head DATASET... [--out FILE --recipe NAME]", // in QualityHeadTests.AWrittenQualityHeadScoresInTheGraphAsTheLabDid
        "bench [--train]",
        "bench cull",
        "bench reasons DATA",
        "int8 calibrate",
        "int8 check",
        "cache [clear]",
    ];

    [Fact]
    public void EveryCommandTheReadmeShowsIsCheckedHere()
    {
        Assert.Equal(Checked.Order(), Shown().Order());
        Assert.Equal(ReferenceChecked.Order(), Reference().Order());
    }

    static CliRunner.Result Run(string cacheHome, params string[] args) =>
        CliRunner.RunWithEnv(new() { ["XDG_CACHE_HOME"] = cacheHome, ["BESTSHOT_PROGRESS_SECONDS"] = "1000" }, args);

    /// <summary>The table's rows as (score, file), top to bottom.</summary>
    static List<(double Score, string File)> TableRows(string stdout) =>
        Regex
            .Matches(stdout, @"│\s+\d+ │\s+(-?[0-9.]+) │ (\S+)\s+│")
            .Select(m => (double.Parse(m.Groups[1].Value), m.Groups[2].Value))
            .ToList();

    [Fact]
    public void RankSamplesAndTheTripExample()
    {
        string home = TestPaths.TempDir("readme-cache");
        var r = Run(home, "rank", "samples");
        Assert.Equal(0, r.ExitCode);
        var rows = TableRows(r.Stdout);
        Assert.Equal(
            ["samples/astronaut.png", "samples/chelsea.png", "samples/coffee.png", "samples/rocket.jpg"],
            rows.Select(x => x.File).Order()
        );
        Assert.Equal(rows.Select(x => x.Score).OrderDescending(), rows.Select(x => x.Score));
        Assert.Contains("4 of 4 photos ranked (0 from cache, 4 scored)", r.Stderr);
        Assert.True(File.Exists(Path.Combine(home, "bestshot", "photo-facts.sqlite")), "the default cache lives under XDG_CACHE_HOME");

        // The trip example, on the samples: --top and --html; the second run reads the cache.
        string html = Path.Combine(TestPaths.TempDir("readme-html"), "trip.html");
        var trip = Run(home, "rank", "samples", "--top", "10", "--html", html);
        Assert.Equal(0, trip.ExitCode);
        Assert.Equal(rows, TableRows(trip.Stdout));
        Assert.Contains("4 from cache, 0 scored", trip.Stderr);
        string page = File.ReadAllText(html);
        Assert.Equal(4, Regex.Matches(page, "<img alt=\"[^\"]+\" src=\"data:image/jpeg;base64,").Count);
    }

    [Fact]
    public void CullTheSamplesAsAShoot()
    {
        // The README's cull example, on the samples: every photo lands in exactly one moment, moments best first.
        var r = Run(TestPaths.TempDir("readme-cull"), "cull", "samples", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = System.Text.Json.JsonDocument.Parse(r.Stdout);
        var photos = doc
            .RootElement.EnumerateArray()
            .SelectMany(g => g.GetProperty("photos").EnumerateArray())
            .Select(p => Path.GetFileName(p.GetProperty("path").GetString()!))
            .Order();
        Assert.Equal(["astronaut.png", "chelsea.png", "coffee.png", "rocket.jpg"], photos);
        var bests = doc.RootElement.EnumerateArray().Select(g => g.GetProperty("photos")[0].GetProperty("score").GetDouble()).ToList();
        Assert.Equal(bests.OrderDescending(), bests);
        Assert.Contains("4 photos in", r.Stderr);
    }

    [Fact]
    public void CacheShowsAndClears()
    {
        // A short folder: a redirected stdout is 80 columns wide, and a longer path would wrap inside the table.
        string home = Path.Combine(Path.GetTempPath(), "bs" + Guid.NewGuid().ToString("N")[..6]);
        Assert.Equal(0, Run(home, "rank", "samples").ExitCode);
        // A thumbnail as `serve` leaves it (by content hash, in a two-letter folder): `cache clear` missed these once.
        string thumb = Path.Combine(home, "bestshot", "thumbs", "ab", "abcdef-480.jpg");
        Directory.CreateDirectory(Path.GetDirectoryName(thumb)!);
        File.WriteAllBytes(thumb, new byte[2048]);
        var show = Run(home, "cache");
        Assert.Equal(0, show.ExitCode);
        Assert.Matches(
            @"photo facts\s+│ " + Regex.Escape(Path.Combine(home, "bestshot", "photo-facts.sqlite")) + @"\s+│ \d+\.\d MB",
            show.Stdout
        );
        Assert.Matches(@"training features\s+│ .+│ \(none\)", show.Stdout);
        Assert.Matches(@"gallery thumbnails\s+│ .+│ 0\.0 MB", show.Stdout);
        var clear = Run(home, "cache", "clear");
        Assert.Matches(@"Cleared [2-4] cache files\.", clear.Stderr);
        Assert.False(File.Exists(Path.Combine(home, "bestshot", "photo-facts.sqlite")));
        Assert.False(File.Exists(thumb));
        Assert.Contains("No caches to clear.", Run(home, "cache", "clear").Stderr);
        Assert.True(Directory.EnumerateFiles(TestPaths.Samples).Count() >= 4, "photos are never touched");
        Directory.Delete(home, recursive: true);
    }

    [Fact]
    public void CacheDirMovesEveryCache()
    {
        string home = TestPaths.TempDir("cache-dir-home");
        string elsewhere = TestPaths.TempDir("cache-dir-elsewhere");
        Assert.Equal(0, Run(home, "rank", "samples", "--cache-dir", elsewhere).ExitCode);
        Assert.True(File.Exists(Path.Combine(elsewhere, "photo-facts.sqlite")));
        Assert.False(Directory.Exists(Path.Combine(home, "bestshot")), "nothing is written under XDG_CACHE_HOME");
        Assert.Contains("4 from cache, 0 scored", Run(home, "rank", "samples", "--cache-dir", elsewhere).Stderr);
        Assert.Matches(@"Cleared [1-4] cache files\.", Run(home, "cache", "clear", "--cache-dir", elsewhere).Stderr);
        Assert.False(File.Exists(Path.Combine(elsewhere, "photo-facts.sqlite")));
    }

    /// <summary>bench as the README shows it, made small (--count, --seconds, --posts): the figures are printed, not judged.</summary>
    [Theory]
    [InlineData("bench", "int8 backbone")]
    [InlineData("bench --precision fp32", "fp32 backbone")]
    [InlineData("bench --model HEAD", "model default.head.onnx")]
    [InlineData("bench --train", "Frozen-mode head training")]
    public void BenchPrintsItsTables(string shown, string title)
    {
        var args = shown.Replace("HEAD", Path.Combine(TestPaths.RepoRoot, "models", "default.head.onnx")).Split(' ').ToList();
        args.AddRange(
            shown.EndsWith("--train") ? ["--posts", "3000"] : ["--count", "4", "--seconds", "0.2", "--photos", TestPaths.Samples]
        );
        var r = Run(TestPaths.TempDir("readme-cache"), [.. args]);
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("CPU: ", r.Stdout);
        Assert.Contains(title, r.Stdout);
        if (!shown.EndsWith("--train"))
            foreach (
                var row in new[]
                {
                    "model only",
                    "backbone only, fp32",
                    "rank, 1440×1080 JPEG",
                    "rank, 4000×3000 JPEG",
                    "Cost per photo before the model",
                }
            )
                Assert.Contains(row, r.Stdout);
    }

    [Fact]
    public void EveryCommandHasHelp()
    {
        foreach (var command in new[] { "rank", "import", "stats", "synth", "train", "eval", "export", "bench", "cache", "int8" })
        {
            var r = CliRunner.InProcess(command, "--help");
            Assert.Equal(0, r.ExitCode);
            Assert.Contains($"bestshot {command}", r.Stdout.Replace("testhost", "bestshot"));
            Assert.Contains("Options:", r.Stdout);
        }
    }

    /// <summary>
    /// The CLI reference, in the order of the data flow: synth → import → stats → train → eval → export → rank.
    /// </summary>
    [Fact]
    public void TheCliReferenceRunsEndToEnd()
    {
        string dir = TestPaths.TempDir("readme-flow"),
            home = Path.Combine(dir, "cache");
        string synth = Path.Combine(dir, "synth"),
            imported = Path.Combine(dir, "imported"),
            run = Path.Combine(dir, "run");

        var s = CliRunner.InProcess("synth", "posts", "--out", synth, "--users", "14", "--posts-per-user", "6");
        Assert.Equal(0, s.ExitCode);
        Assert.Contains("Wrote 84 posts by 14 users", s.Stdout);
        var withPhotos = CliRunner.InProcess(
            "synth",
            "posts",
            "--out",
            Path.Combine(dir, "synth-photos"),
            "--photos",
            TestPaths.Samples,
            "--users",
            "4",
            "--posts-per-user",
            "6"
        );
        Assert.Contains("Wrote 24 posts by 4 users", withPhotos.Stdout);

        var import = CliRunner.InProcess("import", Path.Combine(synth, "posts.csv"), "--out", imported);
        Assert.Equal(0, import.ExitCode);
        Assert.Matches(@"posts imported\s+│ 84", import.Stderr);

        var stats = CliRunner.InProcess("stats", imported);
        Assert.Matches(@"Posts\s+│\s+84", stats.Stdout);
        using (var json = JsonDocument.Parse(CliRunner.InProcess("stats", imported, "--json").Stdout))
            Assert.Equal(84, json.RootElement.GetProperty("posts_kept").GetInt32());

        var train = CliRunner.InProcess(
            "train",
            imported,
            "--out",
            run,
            "--epochs",
            "2",
            "--batch-size",
            "16",
            "--views",
            "1",
            "--cache",
            Path.Combine(dir, "features.sqlite")
        );
        Assert.Equal(0, train.ExitCode);
        Assert.Equal(2, Regex.Matches(train.Stdout, @"(?m)^epoch +\d  train loss").Count);

        var eval = CliRunner.InProcess("eval", run, imported);
        Assert.Equal(0, eval.ExitCode);
        Assert.Contains("metadata only (ridge regression)", eval.Stdout);
        using (var json = JsonDocument.Parse(CliRunner.InProcess("eval", run, imported, "--json").Stdout))
            Assert.InRange(json.RootElement.GetProperty("pairwise_accuracy").GetDouble(), 0, 1);

        string model = Path.Combine(dir, "model.onnx");
        Assert.Equal(0, CliRunner.InProcess("export", run, "--out", model).ExitCode);
        var ranked = CliRunner.InProcess("rank", TestPaths.Samples, "--model", model, "--no-cache", "--json");
        Assert.Equal(0, ranked.ExitCode);
        using (var json = JsonDocument.Parse(ranked.Stdout))
            Assert.Equal(4, json.RootElement.GetArrayLength());

        var degradations = CliRunner.InProcess(
            "synth",
            "degradations",
            "--photos",
            TestPaths.Samples,
            "--out",
            Path.Combine(dir, "deg"),
            "--max-side",
            "256"
        );
        Assert.Equal(0, degradations.ExitCode);
        Assert.Contains("Wrote 172 posts (4 source photos × 43 versions)", degradations.Stdout);
        var reasons = CliRunner.InProcess("bench", "reasons", Path.Combine(dir, "deg"), "--sources", "odd");
        Assert.True(reasons.ExitCode == 0, reasons.Stderr);
        Assert.Contains("Share of photos given each reason (odd sources of deg)", reasons.Stdout);
        Assert.Matches(@"│ Noise 3 +│ 2 +│ noisy 100", reasons.Stdout); // σ 32 noise on both odd sources

        string ranges = Path.Combine(dir, "ranges.json");
        Assert.Equal(
            0,
            CliRunner.InProcess("int8", "calibrate", "--photos", TestPaths.Samples, "--count", "2", "--out", ranges).ExitCode
        );
        Assert.Contains("\"", File.ReadAllText(ranges));
        var check = CliRunner.InProcess("int8", "check", "--photos", TestPaths.Samples, "--count", "2");
        Assert.Matches(@"6 views: cosine\(int8, fp32\) mean 0\.9\d+", check.Stdout);
        Assert.False(Directory.Exists(home), "nothing here wrote the default caches");
    }

    /// <summary>
    /// "Teach BestShot your taste", on a planted taste made from the samples (no ../shared): import the rated folder,
    /// stats, train (the schedule chosen from the data), eval with its interval and the built-in yardstick, and a cull with the personal
    /// model that writes sidecars while keeping the hand ratings in them.
    /// </summary>
    [Fact]
    public void TeachBestShotYourTaste()
    {
        string dir = TestPaths.TempDir("readme-taste");
        string rated = Path.Combine(dir, "rated"),
            taste = Path.Combine(dir, "my-taste"),
            run = Path.Combine(dir, "my-run");
        var synth = CliRunner.InProcess("synth", "taste", "--photos", TestPaths.Samples, "--out", rated, "--count", "60");
        Assert.True(synth.ExitCode == 0, synth.Stderr);
        Assert.Matches(@"Wrote \d+ rated photos in \d+ shoots", synth.Stdout);

        var import = CliRunner.InProcess("import", rated, "--ratings", "--out", taste);
        Assert.True(import.ExitCode == 0, import.Stderr);
        int imported = DatasetFileCount(taste);
        Assert.InRange(imported, 40, 60);
        Assert.Contains("split by", CliRunner.InProcess("stats", taste).Stdout);

        var train = CliRunner.InProcess("train", taste, "--out", run, "--cache", Path.Combine(dir, "f.sqlite"));
        Assert.True(train.ExitCode == 0, train.Stderr);
        Assert.Contains("schedule for", train.Stderr);
        Assert.Contains("validation pairwise accuracy: this run", train.Stderr);
        var eval = CliRunner.InProcess("eval", run, taste);
        Assert.True(eval.ExitCode == 0, eval.Stderr);
        Assert.Matches(@"model: \d+\.\d % \(95 % interval", eval.Stdout);
        Assert.Contains("built-in model on the same pairs:", eval.Stdout);

        string shoot = Directory.GetDirectories(rated).Order().First();
        string photo = Directory.GetFiles(shoot, "*.jpg").Order().First();
        string handRating = Regex.Match(File.ReadAllText(photo + ".xmp"), "xmp:Rating=\"(-?\\d)\"").Groups[1].Value;
        var cull = CliRunner.InProcess("cull", shoot, "--model", Path.Combine(run, "model.onnx"), "--write-xmp", "--no-cache");
        Assert.True(cull.ExitCode == 0, cull.Stderr);
        string sidecar = File.ReadAllText(photo + ".xmp");
        Assert.Contains("bestshot:Score", sidecar); // the personal model's score, merged in
        Assert.Contains($"xmp:Rating=\"{handRating}\"", sidecar); // the hand rating stays
    }

    static int DatasetFileCount(string dataset) => BestShot.Core.Data.DatasetFile.Read(dataset).Count;
}
