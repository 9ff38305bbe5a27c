using System.Diagnostics;
using System.Text.Json;
using BestShot.Core.Imaging;
using BestShot.Core.Score;
using BestShot.Lab.Synth;
using nietras.SeparatedValues;

namespace BestShot.Tests;

/// <summary>Real photos and degraded copies, written once for the rank tests.</summary>
public sealed class RankPhotos
{
    public string Folder { get; } = TestPaths.TempDir("rank-photos");
    public string Original => Path.Combine(Folder, "coffee_original.jpg");
    public string[] Degraded { get; }

    public RankPhotos()
    {
        var coffee = ImageDecoder.Decode(Path.Combine(TestPaths.Samples, "coffee.png"));
        ImageEncoder.SaveJpeg(coffee, Original, 95);
        var rng = new Random(5);
        var copies = new (string Name, RgbImage Image, int Quality)[]
        {
            ("coffee_blurred.jpg", Degrade.GaussianBlur(coffee, 3.0), 95),
            ("coffee_noisy.jpg", Degrade.Noise(coffee, 28, rng), 95),
            ("coffee_overexposed.jpg", Degrade.Exposure(coffee, 2.0), 95),
            ("coffee_compressed.jpg", coffee, 6),
        };
        foreach (var (name, image, q) in copies)
            ImageEncoder.SaveJpeg(image, Path.Combine(Folder, name), q);
        Degraded = copies.Select(c => Path.Combine(Folder, c.Name)).ToArray();
    }
}

[Trait("Category", "Slow")]
public class RankTests(RankPhotos photos) : IClassFixture<RankPhotos>
{
    static string? lastCacheError;

    static long CachedScores(string cache)
    {
        if (!File.Exists(cache))
            return 0;
        try
        {
            using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={cache};Mode=ReadOnly;Pooling=False");
            db.Open();
            using var q = db.CreateCommand();
            q.CommandText = "SELECT COUNT(*) FROM scores";
            return (long)q.ExecuteScalar()!;
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            lastCacheError = e.Message;
            return 0;
        } // not created yet
    }

    static string Cache() => Path.Combine(TestPaths.TempDir("rank-cache"), "scores.sqlite");

    static JsonElement[] Json(CliRunner.Result r)
    {
        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}: {r.Stderr}");
        using var doc = JsonDocument.Parse(r.Stdout);
        return doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    [Fact]
    public void TheDefaultModelRanksTheOriginalAboveItsDegradedCopies()
    {
        var ranked = Json(CliRunner.Run("rank", photos.Folder, "--json", "--no-cache"));
        Assert.Equal(5, ranked.Length);
        var score = ranked.ToDictionary(e => e.GetProperty("path").GetString()!, e => e.GetProperty("score").GetDouble());
        foreach (var degraded in photos.Degraded)
            Assert.True(
                score[photos.Original] > score[degraded],
                $"{Path.GetFileName(degraded)} {score[degraded]:F3} ≥ original {score[photos.Original]:F3}"
            );
        Assert.Equal(photos.Original, ranked[0].GetProperty("path").GetString());

        // Scores are on the documented 0–100 scale: a clean photo near 70 (the median clean photo; a sharp, well-lit one
        // scores higher, this one about 85), blurred, blown and blocky copies far below it (noise, the model's weakest
        // technical kind across photos, drops 10 points here: the model card's figures), and the order is the raw
        // scores' order.
        Assert.InRange(score[photos.Original], 55, 92);
        Assert.All(photos.Degraded, d => Assert.True(score[d] < score[photos.Original] - 5, $"{d}: {score[d]:F1}"));
        // Over-exposure is the quality head's weak kind (issue 24, docs/model-card.md): the blown copy loses 20 points, not 40.
        Assert.All(
            photos.Degraded.Where(d => !d.EndsWith("noisy.jpg") && !d.EndsWith("overexposed.jpg")),
            d => Assert.True(score[d] <= 45, $"{Path.GetFileName(d)}: {score[d]:F1}")
        );
        string blown = photos.Degraded.Single(d => d.EndsWith("overexposed.jpg"));
        Assert.True(score[blown] < score[photos.Original] - 15, $"over-exposed {score[blown]:F1}, original {score[photos.Original]:F1}");
        var raw = ranked.Select(e => e.GetProperty("raw_score").GetDouble()).ToArray();
        Assert.Equal(raw.OrderByDescending(r => r), raw);
    }

    [Fact]
    public void JsonCsvAndHtmlOutputs()
    {
        string cache = Cache();
        var json = Json(CliRunner.Run("rank", photos.Folder, "--json", "--cache", cache));
        Assert.Equal([1, 2, 3, 4, 5], json.Select(e => e.GetProperty("rank").GetInt32()));
        var scores = json.Select(e => e.GetProperty("score").GetDouble()).ToArray();
        Assert.Equal(scores.OrderByDescending(s => s), scores);

        var top = Json(CliRunner.Run("rank", photos.Folder, "--json", "--top", "2", "--cache", cache));
        Assert.Equal(json.Take(2).Select(e => e.GetProperty("path").GetString()), top.Select(e => e.GetProperty("path").GetString()));

        var csv = CliRunner.Run("rank", photos.Folder, "--csv", "--cache", cache);
        Assert.Equal(0, csv.ExitCode);
        using var reader = Sep.Reader().FromText(csv.Stdout);
        var rows = reader
            .Enumerate(row => (Rank: row["rank"].Parse<int>(), Score: row["score"].Parse<double>(), Path: row["path"].ToString()))
            .ToList();
        Assert.Equal(json.Select(e => e.GetProperty("path").GetString()), rows.Select(r => r.Path));
        Assert.Equal(scores, rows.Select(r => r.Score), (a, b) => Math.Abs(a - b) < 1e-5);

        string html = Path.Combine(TestPaths.TempDir("html"), "report.html");
        var h = CliRunner.Run("rank", photos.Folder, "--html", html, "--cache", cache);
        Assert.Equal(0, h.ExitCode);
        string page = File.ReadAllText(html);
        var figures = System.Text.RegularExpressions.Regex.Matches(
            page,
            "<figure class=\"photo[^\"]*\" data-rank=\"(\\d+)\" data-score=\"([-0-9.]+)\""
        );
        Assert.Equal([1, 2, 3, 4, 5], figures.Select(m => int.Parse(m.Groups[1].Value)));
        // Thumbnails are embedded JPEGs that decode to real pictures.
        var images = System.Text.RegularExpressions.Regex.Matches(page, "data:image/jpeg;base64,([A-Za-z0-9+/=]+)");
        Assert.Equal(5, images.Count);
        var thumb = ImageDecoder.Decode(Convert.FromBase64String(images[0].Groups[1].Value), "thumb", new DecodeOptions());
        Assert.Equal(360, Math.Max(thumb.Width, thumb.Height));
        Assert.DoesNotContain("http://", page);
        Assert.DoesNotContain("https://", page); // self-contained: nothing to fetch
    }

    [Fact]
    public void CacheHitsAndInvalidation()
    {
        string dir = TestPaths.TempDir("rank-cached");
        foreach (var f in Directory.GetFiles(photos.Folder))
            File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        string cache = Cache();
        var first = CliRunner.Run("rank", dir, "--json", "--cache", cache);
        Assert.Contains("(0 from cache, 5 scored)", first.Stderr);
        var second = CliRunner.Run("rank", dir, "--json", "--cache", cache);
        Assert.Contains("(5 from cache, 0 scored)", second.Stderr);
        Assert.Equal(first.Stdout, second.Stdout);

        // Change one photo: it is rescored, the rest still come from the cache.
        string changed = Path.Combine(dir, "coffee_noisy.jpg");
        ImageEncoder.SaveJpeg(Degrade.Exposure(ImageDecoder.Decode(changed), 0.4), changed, 90);
        var third = CliRunner.Run("rank", dir, "--json", "--cache", cache);
        Assert.Contains("(4 from cache, 1 scored)", third.Stderr);
        var before = Json(first).Single(e => e.GetProperty("path").GetString() == changed).GetProperty("score").GetDouble();
        var after = Json(third).Single(e => e.GetProperty("path").GetString() == changed).GetProperty("score").GetDouble();
        Assert.NotEqual(before, after);

        // Another simulated account is another cache key.
        Assert.Contains("(0 from cache, 5 scored)", CliRunner.Run("rank", dir, "--json", "--cache", cache, "--preset", "brand").Stderr);
    }

    [Fact]
    public void BadFilesAreSkippedOneLineEachAndTheRestIsRanked()
    {
        string dir = TestPaths.TempDir("rank-bad");
        string good = BadFiles.Good(dir);
        var bad = new Dictionary<string, string>
        {
            [BadFiles.Corrupt(dir)] = "not an image",
            [BadFiles.Truncated(dir)] = "truncated",
            [BadFiles.Empty(dir)] = "empty file (0 bytes)",
            [BadFiles.NotAnImage(dir)] = "not an image",
            [HugePng.Write(dir)] = "too large: 60000×60000",
            [BadFiles.HugeJpeg(dir)] = "too large: 65000×65000",
            [BadFiles.ZeroedMiddle(dir)] = "corrupt data",
        };
        string cmyk = Path.Combine(dir, "cmyk.jpg");
        File.Copy(Path.Combine(TestPaths.Fixtures, "cmyk_cyan.jpg"), cmyk);

        var r = CliRunner.Run("rank", dir, "--json", "--no-cache");
        Assert.Equal(3, r.ExitCode); // ranked, with skips
        using var doc = JsonDocument.Parse(r.Stdout); // stdout is only the JSON
        var ranked = doc.RootElement.EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToHashSet();
        Assert.Equal(new[] { good, cmyk }.Order(), ranked.Order());
        var lines = r.Stderr.Split('\n');
        foreach (var (path, reason) in bad)
        {
            var line = Assert.Single(lines, l => l.StartsWith($"skip: {path}: "));
            Assert.Contains(reason, line);
        }
        Assert.Contains("2 of 9 photos ranked", r.Stderr);
        Assert.Contains("7 skipped", r.Stderr);
    }

    [Fact]
    public void MaxMegapixelsSkipsLargerPhotosByTheirHeader()
    {
        // chelsea is 451×300 (0.14 MP); the other samples are 0.24–0.27 MP.
        var r = CliRunner.Run("rank", TestPaths.Samples, "--json", "--no-cache", "--max-megapixels", "0.2");
        Assert.Equal(3, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var only = Assert.Single(doc.RootElement.EnumerateArray());
        Assert.Equal(Path.Combine(TestPaths.Samples, "chelsea.png"), only.GetProperty("path").GetString());
        string rocket = Path.Combine(TestPaths.Samples, "rocket.jpg");
        Assert.Contains($"skip: {rocket}: too large: 640×427 (0.3 MP; the limit is 0.2 MP, see --max-megapixels)", r.Stderr);
        Assert.Equal(2, CliRunner.Run("rank", TestPaths.Samples, "--max-megapixels", "0").ExitCode);
    }

    [Fact]
    public void MissingPathAndNoPhotosAreBadInput()
    {
        var r = CliRunner.Run("rank", "/nonexistent/folder", "--no-cache");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("skip: /nonexistent/folder: no such file or folder", r.Stderr);
        Assert.Contains("error: no photos found", r.Stderr);
    }

    [Fact]
    public void RedirectedStderrGetsPlainProgressLinesNotABar()
    {
        var quick = CliRunner.Run("rank", TestPaths.Samples, "--no-cache");
        Assert.DoesNotContain("ranking 4 photos:", quick.Stderr); // a job shorter than the interval stays quiet
        var logged = CliRunner.RunWithEnv(new() { ["BESTSHOT_PROGRESS_SECONDS"] = "0" }, "rank", TestPaths.Samples, "--no-cache");
        Assert.Equal(0, logged.ExitCode);
        Assert.Matches(@"ranking 4 photos: 4/4 \(100 %\), [0-9.]+/s", logged.Stderr);
        Assert.DoesNotContain("\u001b[", logged.Stderr); // no terminal control codes in a log
    }

    [Fact]
    public void RankNeverLoadsLibtorch()
    {
        string maps = Path.Combine(TestPaths.TempDir("maps"), "maps.txt");
        var r = CliRunner.RunWithEnv(new() { ["BESTSHOT_WRITE_MAPS"] = maps }, "rank", TestPaths.Samples, "--json", "--no-cache");
        Assert.Equal(0, r.ExitCode);
        CliRunner.AssertScoredWithoutLibtorch(maps);
    }

    [Fact]
    public async Task CtrlCStopsCleanlyAndKeepsWhatIsDone()
    {
        // Enough distinct photos that scoring takes several seconds.
        string dir = TestPaths.TempDir("rank-many");
        var coffee = ImageDecoder.Decode(Path.Combine(TestPaths.Samples, "coffee.png"));
        const int count = 400;
        for (int i = 0; i < count; i++)
            ImageEncoder.SaveJpeg(Degrade.Exposure(coffee, 0.5 + i / (double)count), Path.Combine(dir, $"p{i:D3}.jpg"), 80);
        string cache = Cache();

        var psi = CliRunner.InterruptibleStartInfo("rank", dir, "--json", "--cache", cache);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        // Interrupt once the first batch is in the cache, however slow the machine is.
        var waited = Stopwatch.StartNew();
        while (CachedScores(cache) == 0 && waited.Elapsed < TimeSpan.FromSeconds(90) && !p.HasExited)
            await Task.Delay(100);
        double seenAfter = waited.Elapsed.TotalSeconds;
        await Process.Start("kill", ["-INT", p.Id.ToString()])!.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await p.WaitForExitAsync(timeout.Token);
        string err = await stderr;
        Assert.True(
            p.ExitCode == 130,
            $"exit {p.ExitCode}, interrupted after {seenAfter:F1} s (last cache read error: {lastCacheError ?? "none"}): {err}"
        );
        Assert.Contains("interrupted", err);
        using var doc = JsonDocument.Parse(await stdout); // what was done is still printed, as valid JSON
        int done = doc.RootElement.GetArrayLength();
        Assert.InRange(done, 1, count - 1);

        var again = CliRunner.Run("rank", dir, "--json", "--cache", cache);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains($"({done} from cache, {count - done} scored)", again.Stderr);
    }
}
