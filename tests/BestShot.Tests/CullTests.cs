using System.Text.Json;
using BestShot.Core.Group;
using BestShot.Core.Imaging;
using BestShot.Lab.Synth;

namespace BestShot.Tests;

/// <summary>`cull`: moments from capture time, camera and look; keepers and rejects; the command's outputs.</summary>
[Trait("Category", "Slow")]
public class CullTests
{
    static readonly DateTimeOffset T0 = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    static Frame F(string name, double seconds, float[]? look, double score = 50, string camera = "cam A") =>
        new(name, new CaptureInfo(T0.AddSeconds(seconds), CaptureInfo.FromExif, camera), look, score);

    static readonly float[] Scene1 = [1, 0, 0],
        Scene1Spoiled = [0.8f, 0.6f, 0], // cosine 0.8 with Scene1, 0.33 with Scene1Odd
        Scene1Odd = [0.6f, -0.8f, 0],
        Scene2 = [0, 0, 1];

    static string[][] Names(List<List<Frame>> moments) => moments.Select(m => m.Select(f => f.Path).ToArray()).ToArray();

    [Fact]
    public void FramesCloseInTimeAndLookFormOneMoment()
    {
        var moments = MomentGrouper.Group(
            [F("a1", 0, Scene1), F("a2", 0.3, Scene1Spoiled), F("a3", 0.6, Scene1), F("b1", 5, Scene1), F("c1", 5.4, Scene2)],
            new GroupOptions()
        );
        // a: one burst (a2 is spoiled but still like a1); b1 is 4.4 s later; c1 is another scene 0.4 s after b1.
        Assert.Equal(
            [
                ["a1", "a2", "a3"],
                ["b1"],
                ["c1"],
            ],
            Names(moments)
        );
    }

    [Fact]
    public void AFrameJoinsWhenItLooksLikeAnyOfTheMomentsLastFrames()
    {
        // Scene1Odd is unlike its neighbour Scene1Spoiled (0.33 < 0.6) but like the burst's first frame (0.6).
        var moments = MomentGrouper.Group(
            [F("a1", 0, Scene1), F("a2", 0.2, Scene1Spoiled), F("a3", 0.4, Scene1Odd)],
            new GroupOptions { MinSimilarity = 0.6 }
        );
        Assert.Equal(
            [
                ["a1", "a2", "a3"],
            ],
            Names(moments)
        );
        var strict = MomentGrouper.Group(
            [F("a1", 0, Scene1), F("a2", 0.2, Scene1Spoiled), F("a3", 0.4, Scene1Odd)],
            new GroupOptions { MinSimilarity = 0.7 }
        );
        Assert.Equal(
            [
                ["a1", "a2"],
                ["a3"],
            ],
            Names(strict)
        );
    }

    [Fact]
    public void TwoCamerasNeverShareAMomentByTimeAlone()
    {
        var moments = MomentGrouper.Group(
            [
                F("a1", 0, Scene1, camera: "Canon R6 #1"),
                F("b1", 0.1, Scene1, camera: "Canon R6 #2"),
                F("a2", 0.3, Scene1, camera: "Canon R6 #1"),
            ],
            new GroupOptions()
        );
        Assert.Equal(
            [
                ["a1", "a2"],
                ["b1"],
            ],
            Names(moments)
        );
    }

    [Fact]
    public void TheBestFrameKeepsAndTheClearlySpoiledAreRejected()
    {
        var frames = new[]
        {
            F("burst-best", 0, Scene1, 70),
            F("burst-close", 0.2, Scene1, 60), // 10 below the best: kept as a sibling
            F("burst-far", 0.4, Scene1, 40), // 30 below the best: reject
            F("burst-ruined", 0.6, Scene1, 15), // under 20: reject
            F("single", 30, Scene2, 80),
        };
        var rules = new CullOptions { RejectBelowBest = 25, RejectUnder = 20 };
        var moments = Culler.Cull(frames, rules, onScale: true);
        Assert.Equal(["g0001", "g0002"], moments.Select(m => m.Id)); // best first: the single scores 80
        Assert.Equal(("single", "single"), (moments[0].Kind, moments[0].Best.Path));
        var burst = moments[1];
        Assert.Equal("burst", burst.Kind);
        Assert.Equal(["burst-best", "burst-close", "burst-far", "burst-ruined"], burst.Photos.Select(p => p.Path));
        Assert.Equal([true, false, false, false], burst.Photos.Select(p => p.Keeper));
        Assert.Equal([false, false, true, true], burst.Photos.Select(p => p.Reject));
        Assert.Equal("30 points below the best frame", burst.Photos[2].Why);
        Assert.Equal("score 15 < 20", burst.Photos[3].Why);

        // The defaults: 30 points below the best, no absolute floor.
        var byDefault = Culler.Cull(frames, new CullOptions(), onScale: true)[1];
        Assert.Equal([false, false, false, true], byDefault.Photos.Select(p => p.Reject));
        Assert.Equal("55 points below the best frame", byDefault.Photos[3].Why);

        var keepTwo = Culler.Cull(frames, rules with { Keep = 2 }, onScale: true)[1];
        Assert.Equal([true, true, false, false], keepTwo.Photos.Select(p => p.Keeper));
        // Raw scores have no scale to judge "far below" on: keepers only.
        Assert.DoesNotContain(Culler.Cull(frames, new CullOptions(), onScale: false).SelectMany(m => m.Photos), p => p.Reject);
    }

    [SkippableFact]
    public void CaptureTimeComesFromExifOrElseTheFileTime()
    {
        var png = CaptureInfo.Read(Path.Combine(TestPaths.Samples, "coffee.png"));
        Assert.Equal(CaptureInfo.FromFileTime, png.TimeSource);
        Assert.Equal(File.GetLastWriteTimeUtc(Path.Combine(TestPaths.Samples, "coffee.png")), png.Time.UtcDateTime);

        TestPaths.RequireShared();
        var canon = CaptureInfo.Read(Path.Combine(TestPaths.SharedPhotos, "debian", "Blinds.jpg"));
        Assert.Equal(CaptureInfo.FromExif, canon.TimeSource);
        Assert.Equal(new DateTimeOffset(2008, 1, 22, 3, 28, 22, TimeSpan.Zero), canon.Time);
        Assert.Contains("Canon EOS 350D", canon.Camera);
    }

    /// <summary>
    /// A burst of four coffee frames 0.3 s apart (one clean, a shifted one, one blurred, one dark), a rocket 60 s later,
    /// and an astronaut 0.5 s after the burst's last frame (close in time, another scene). Times are file times.
    /// </summary>
    internal static string Shoot()
    {
        string dir = TestPaths.TempDir("shoot");
        var coffee = ImageDecoder.Decode(Path.Combine(TestPaths.Samples, "coffee.png"));
        var start = DateTime.UtcNow.AddHours(-1);
        void Save(string name, RgbImage image, double seconds)
        {
            string path = Path.Combine(dir, name);
            ImageEncoder.SaveJpeg(image, path, 92);
            File.SetLastWriteTimeUtc(path, start.AddSeconds(seconds));
        }
        Save("c1.jpg", coffee, 0);
        Save("c2.jpg", LanczosResizer.Resize(coffee.Crop(10, 5, 580, 390), 600, 400), 0.3);
        Save("c3.jpg", Degrade.GaussianBlur(coffee, 4), 0.6);
        Save("c4.jpg", Degrade.Exposure(coffee, 0.3), 0.9);
        Save("r1.jpg", ImageDecoder.Decode(Path.Combine(TestPaths.Samples, "rocket.jpg")), 60);
        Save("a1.jpg", ImageDecoder.Decode(Path.Combine(TestPaths.Samples, "astronaut.png")), 1.4);
        return dir;
    }

    [Fact]
    public void CullGroupsAShootAndASecondRunReadsTheCache()
    {
        string dir = Shoot();
        string cache = Path.Combine(TestPaths.TempDir("cull-cache"), "scores.sqlite");

        var r = CliRunner.InProcess("cull", dir, "--json", "--cache", cache);
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var groups = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(3, groups.Count);
        var burst = groups.Single(g => g.GetProperty("kind").GetString() == "burst");
        var frames = burst.GetProperty("photos").EnumerateArray().ToList();
        string Name(JsonElement p) => Path.GetFileName(p.GetProperty("path").GetString()!);
        Assert.Equal(["c1.jpg", "c2.jpg", "c3.jpg", "c4.jpg"], frames.Select(Name).Order());
        Assert.Contains(Name(frames[0]), new[] { "c1.jpg", "c2.jpg" }); // a clean frame keeps
        Assert.True(frames[0].GetProperty("keeper").GetBoolean());
        Assert.True(frames.Single(p => Name(p) == "c3.jpg").GetProperty("reject").GetBoolean());
        Assert.True(frames.Single(p => Name(p) == "c4.jpg").GetProperty("reject").GetBoolean());
        Assert.False(
            frames
                .Single(p => Name(p) is "c1.jpg" or "c2.jpg" && !p.GetProperty("keeper").GetBoolean())
                .GetProperty("reject")
                .GetBoolean()
        );
        Assert.All(frames, p => Assert.Equal("file time", p.GetProperty("time_source").GetString()));
        Assert.All(
            groups.Where(g => g.GetProperty("kind").GetString() == "single"),
            g => Assert.Single(g.GetProperty("photos").EnumerateArray())
        );
        // Best first: each group's keeper scores at least the next group's.
        var bests = groups.Select(g => g.GetProperty("photos")[0].GetProperty("score").GetDouble()).ToList();
        Assert.Equal(bests.OrderByDescending(b => b), bests);
        Assert.Contains("6 photos have no EXIF capture time", r.Stderr);

        var again = CliRunner.InProcess("cull", dir, "--csv", "--cache", cache);
        Assert.Contains("scores 6 from cache, 0 computed", again.Stderr);
        Assert.StartsWith("group,kind,path,score,keeper,reject,why,raw", again.Stdout);
        Assert.Equal(7, again.Stdout.TrimEnd().Split('\n').Length);

        // The table: one row per moment, with its kind, frames, keeper and the rejects' reasons.
        var table = CliRunner.InProcess("cull", dir, "--cache", cache);
        Assert.Matches(@"│ group\s+│ kind\s+│ grouped by\s+│ frames │ keeper", table.Stdout);
        var burstRow = table.Stdout.Split('\n').Single(l => l.Contains("│ burst", StringComparison.Ordinal));
        Assert.Matches(@"│\s+4 │", burstRow);
        Assert.Contains("c4.jpg (", burstRow);
        Assert.Equal(2, table.Stdout.Split('\n').Count(l => l.Contains("│ single", StringComparison.Ordinal)));
    }

    [Fact]
    public void RankDistinctListsEachMomentsBestPhotoOnce()
    {
        string dir = Shoot();
        string cache = Path.Combine(TestPaths.TempDir("distinct-cache"), "scores.sqlite");
        using var cull = JsonDocument.Parse(CliRunner.InProcess("cull", dir, "--json", "--cache", cache).Stdout);
        var bests = cull.RootElement.EnumerateArray().Select(g => g.GetProperty("photos")[0].GetProperty("path").GetString()).ToList();

        var r = CliRunner.InProcess("rank", dir, "--json", "--distinct", "--cache", cache);
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var rows = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(bests, rows.Select(x => x.GetProperty("path").GetString()));
        Assert.Equal([1, 2, 3], rows.Select(x => x.GetProperty("rank").GetInt32()));
        Assert.Contains("--distinct: 3 moments", r.Stderr);

        using var top = JsonDocument.Parse(
            CliRunner.InProcess("rank", dir, "--json", "--distinct", "--top", "2", "--cache", cache).Stdout
        );
        Assert.Equal(bests.Take(2), top.RootElement.EnumerateArray().Select(x => x.GetProperty("path").GetString()));
    }

    [Fact]
    public void TheHtmlSheetShowsEachMomentsKeeperLargeAndItsRejectsDimmed()
    {
        string dir = Shoot();
        string html = Path.Combine(TestPaths.TempDir("cull-html"), "cull.html");
        var r = CliRunner.InProcess("cull", dir, "--html", html, "--no-cache");
        Assert.True(r.ExitCode == 0, r.Stderr);
        string page = File.ReadAllText(html);
        var sections = System.Text.RegularExpressions.Regex.Split(page, "<section class=\"moment ").Skip(1).ToList();
        Assert.Equal(3, sections.Count);
        Assert.All(sections, sec => Assert.Single(System.Text.RegularExpressions.Regex.Matches(sec, "<figure class=\"keeper\"")));
        var burst = sections.Single(sec => sec.StartsWith("burst", StringComparison.Ordinal));
        Assert.Contains("+3 similar", burst);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(burst, "<figure class=\"frame reject\"").Count);
        Assert.Contains("c3.jpg<span class=\"why\">reject · soft in", burst); // the reason is printed with the dimmed frame
        Assert.Equal(6, System.Text.RegularExpressions.Regex.Matches(page, "src=\"data:image/jpeg;base64,").Count);
        Assert.DoesNotContain("http://", page.Replace("http://www.w3.org", ""));
        Assert.DoesNotContain("https://", page);
    }

    [SkippableFact]
    public void TheHtmlSheetRendersThumbnailsInChromium()
    {
        Skip.IfNot(File.Exists("/usr/bin/chromium"), "Debian's chromium is missing (.ci/run installs it); it renders the sheet");
        string dir = Shoot();
        string work = TestPaths.TempDir("cull-shot");
        string html = Path.Combine(work, "cull.html"),
            png = Path.Combine(work, "cull.png");
        Assert.Equal(0, CliRunner.InProcess("cull", dir, "--html", html, "--no-cache").ExitCode);
        var psi = new System.Diagnostics.ProcessStartInfo(
            "/usr/bin/chromium",
            ["--headless", "--no-sandbox", "--disable-gpu", "--window-size=1280,900", $"--screenshot={png}", "file://" + html]
        )
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using (var p = System.Diagnostics.Process.Start(psi)!)
        {
            p.StandardError.ReadToEnd();
            Assert.True(p.WaitForExit(60_000), "chromium did not finish");
        }
        var shot = ImageDecoder.Decode(png);
        Assert.Equal((1280, 900), (shot.Width, shot.Height));
        // The first moment's keeper thumbnail (360×240 at about x 46, y 127) is a photo, not the dark card behind it.
        int photoLike = 0,
            total = 0;
        for (int y = 140; y < 350; y += 3)
        for (int x = 60; x < 390; x += 3)
        {
            int i = (y * shot.Width + x) * 3;
            int diff = Math.Abs(shot.Pixels[i] - 0x20) + Math.Abs(shot.Pixels[i + 1] - 0x23) + Math.Abs(shot.Pixels[i + 2] - 0x28);
            photoLike += diff > 30 ? 1 : 0;
            total++;
        }
        Assert.True(photoLike > total / 2, $"{photoLike} of {total} sampled pixels differ from the card's colour");
    }

    [Theory]
    [InlineData("--keep", "0", "error: --keep must be at least 1")]
    [InlineData("--max-gap", "-1", "error: --max-gap must be at least 0 seconds")]
    public void BadCullOptionsAreOneLineErrors(string option, string value, string message)
    {
        var r = CliRunner.InProcess("cull", TestPaths.Samples, "--no-cache", option, value);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal(message, r.Stderr.Trim());
    }
}
