using System.Globalization;
using BestShot.Core.Features;
using BestShot.Core.Group;
using BestShot.Core.Imaging;
using BestShot.Lab.Bench;
using BestShot.Lab.Synth;

namespace BestShot.Tests;

/// <summary>What `bench cull` builds and how it scores, and the cull rules it chose: focus, brackets, panoramas.</summary>
[Trait("Category", "Slow")]
public class CullBenchTests
{
    static readonly DateTimeOffset T0 = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    static Frame F(string name, double seconds, float[] look, double score, double? bias = null, float[]? focus = null) =>
        new(name, new CaptureInfo(T0.AddSeconds(seconds), CaptureInfo.FromExif, "cam", bias), look, score, focus);

    static RgbImage Coffee() => ImageDecoder.Decode(Path.Combine(TestPaths.Samples, "coffee.png"));

    [Fact]
    public void TheFocusGridSeesALocalBlurButNotAnExposureStep()
    {
        var sharp = Coffee();
        // The left half blurred, as a soft subject in an otherwise sharp frame.
        var blurred = Degrade.GaussianBlur(sharp, 3);
        var half = new RgbImage(sharp.Width, sharp.Height, (byte[])sharp.Pixels.Clone());
        for (int y = 0; y < sharp.Height; y++)
            Array.Copy(blurred.Pixels, y * sharp.Width * 3, half.Pixels, y * sharp.Width * 3, sharp.Width / 2 * 3);
        var grids = new[] { sharp, half, Degrade.Exposure(sharp, 0.7) }.Select(FocusGrid.Of).ToList();
        int softHalf = FocusGrid.SoftCells(grids[1], grids, 0.4),
            softDarker = FocusGrid.SoftCells(grids[2], grids, 0.4),
            softSharp = FocusGrid.SoftCells(grids[0], grids, 0.4);
        Assert.InRange(softHalf, 3, 8); // only cells of the left half can be soft
        Assert.Equal(0, softDarker);
        Assert.Equal(0, softSharp);
    }

    [Fact]
    public void ASoftFrameLosesTheKeeperToASharpSiblingAndIsRejected()
    {
        float[] look = [1, 0, 0];
        var sharp = Enumerable.Repeat(10f, 16).ToArray();
        var soft = sharp.Select((v, i) => i < 4 ? 2f : v).ToArray(); // the top row lost 80 % of its detail
        var moment = Culler.Cull(
            [F("soft-but-higher", 0, look, 72, focus: soft), F("sharp", 0.2, look, 68, focus: sharp)],
            new CullOptions(),
            onScale: true
        )[0];
        Assert.Equal(["sharp", "soft-but-higher"], moment.Photos.Select(p => p.Path));
        Assert.Equal([true, false], moment.Photos.Select(p => p.Keeper));
        Assert.True(moment.Photos[1].Reject);
        Assert.Equal("soft in 4 of 16 areas where another frame is sharp", moment.Photos[1].Why);
    }

    [Fact]
    public void BracketsAndPanoramasAreFoundAndKeptWhole()
    {
        // A bracket: the dark and bright frames do not look like the middle one, the EXIF bias ties them.
        var bracket = Culler.Cull(
            [F("b0", 0, [1, 0, 0], 60, 0), F("b-2", 0.2, [0, 1, 0], 10, -2), F("b+2", 0.4, [0, 0, 1], 30, 2)],
            new CullOptions(),
            onScale: true
        );
        Assert.Equal(["bracket"], bracket.Select(m => m.Kind));
        Assert.All(bracket[0].Photos, p => Assert.True(p.Keeper && !p.Reject));

        // A sweep: each frame like the one before (cosine 0.92), the ends unalike (cosine -0.03).
        float[] Turn(double a) => [(float)Math.Cos(a), (float)Math.Sin(a), 0];
        var sweep = Enumerable.Range(0, 5).Select(i => F($"p{i}", i * 1.2, Turn(0.4 * i), 50 - 10 * i, 0)).ToList();
        var panorama = Culler.Cull(sweep, new CullOptions(), onScale: true);
        Assert.Equal(["panorama"], panorama.Select(m => m.Kind));
        Assert.All(panorama[0].Photos, p => Assert.True(p.Keeper && !p.Reject));

        // The same frames standing still are a burst, culled as one.
        var burst = Culler.Cull(sweep.Select(f => f with { Embedding = Turn(0) }).ToList(), new CullOptions(), onScale: true);
        Assert.Equal(["burst"], burst.Select(m => m.Kind));
        Assert.Equal(1, burst[0].Photos.Count(p => p.Keeper));
        Assert.Equal(["p4"], burst[0].Photos.Where(p => p.Reject).Select(p => p.Path)); // 40 points below the best
    }

    [Fact]
    public void TheScoreCountsPairsKeepersAndRejectsAgainstTheTruth()
    {
        var truth = new List<ShootFrame>
        {
            new("a1.jpg", "a", "burst", "", "A", T0),
            new("a2.jpg", "a", "burst", "motion blur", "A", T0),
            new("a3.jpg", "a", "burst", "", "A", T0),
            new("b1.jpg", "b", "single", "", "A", T0),
        };
        CulledPhoto P(string file, double score, bool keeper, bool reject) =>
            new(Path.Combine("/shoot", file), score, keeper, reject, null, new CaptureInfo(T0, CaptureInfo.FromExif, "A"));
        // Right: a together, keeper a1 (clean), a2 rejected.
        var right = new List<Moment>
        {
            new("g1", "burst", [P("a1.jpg", 70, true, false), P("a3.jpg", 60, false, false), P("a2.jpg", 20, false, true)]),
            new("g2", "single", [P("b1.jpg", 50, true, false)]),
        };
        var s = CullBench.Score(truth, right, "/shoot");
        Assert.Equal((1.0, 1.0, 1.0), (s.PairPrecision, s.PairRecall, s.PairF1));
        Assert.Equal((1, 1), (s.KeeperOk, s.Bursts));
        Assert.Equal((1.0, 1.0), (s.RejectPrecision, s.RejectRecall));

        // Wrong: everything in one moment (3 right pairs of 6), the blurred frame kept, a clean one rejected.
        var wrong = new List<Moment>
        {
            new(
                "g1",
                "burst",
                [P("a2.jpg", 70, true, false), P("a1.jpg", 60, false, false), P("a3.jpg", 50, false, true), P("b1.jpg", 40, false, false)]
            ),
        };
        var w = CullBench.Score(truth, wrong, "/shoot");
        Assert.Equal((0.5, 1.0), (w.PairPrecision, w.PairRecall));
        Assert.Equal(0, w.KeeperOk);
        Assert.Equal((0.0, 0.0), (w.RejectPrecision, w.RejectRecall));
    }

    [SkippableFact]
    public void TheBenchShootCarriesExifThatCullAndExiftoolRead()
    {
        string dir = TestPaths.TempDir("bench-shoot");
        var truth = ShootSynth.Write(
            dir,
            new ShootSynthOptions
            {
                Frames = 40,
                LongSide = 160,
                Seed = 3,
            }
        );
        Assert.Equal(40, truth.Count);
        Assert.Equal(40, Directory.GetFiles(dir, "*.jpg").Length);
        foreach (var t in truth)
        {
            var c = CaptureInfo.Read(Path.Combine(dir, t.File));
            Assert.Equal(CaptureInfo.FromExif, c.TimeSource);
            Assert.Equal(t.Time, c.Time); // to the millisecond: sub-seconds and the +02:00 offset are read back
            Assert.Contains($"BenchCam {t.Camera}", c.Camera);
        }
        Assert.Contains(truth, t => t.Kind == "burst");
        var lines = File.ReadAllLines(Path.Combine(dir, ShootSynth.TruthFile));
        Assert.Equal("file,scene,kind,spoil,camera,time", lines[0]);
        Assert.Equal(41, lines.Length);

        // A second run keeps what is there (resumable) and writes the same truth.
        var again = ShootSynth.Write(
            dir,
            new ShootSynthOptions
            {
                Frames = 40,
                LongSide = 160,
                Seed = 3,
            }
        );
        Assert.Equal(truth, again);

        Skip.IfNot(File.Exists("/usr/bin/exiftool"), "exiftool is missing (.ci/run installs libimage-exiftool-perl)");
        var first = truth[0];
        var psi = new System.Diagnostics.ProcessStartInfo(
            "/usr/bin/exiftool",
            ["-s3", "-n", "-SubSecDateTimeOriginal", "-Model", "-SerialNumber", "-ExposureCompensation", Path.Combine(dir, first.File)]
        )
        {
            RedirectStandardOutput = true,
        };
        using var p = System.Diagnostics.Process.Start(psi)!;
        var fields = p.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        p.WaitForExit();
        Assert.Equal(first.Time.ToString("yyyy:MM:dd HH:mm:ss.fffzzz", CultureInfo.InvariantCulture), fields[0]);
        Assert.Equal($"BenchCam {first.Camera}", fields[1]);
        Assert.Equal($"{first.Camera}00042", fields[2]);
        Assert.Equal("0", fields[3]);
    }

    [Fact]
    public void ACopiedShootHasNoExifAndOneFileTime()
    {
        string dir = TestPaths.TempDir("bench-cull-copied");
        var r = CliRunner.InProcess("bench", "cull", "--copied", "--frames", "40", "--long-side", "160", "--out", dir);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("copied (no EXIF)", r.Stdout);
        Assert.Matches(@"strangers merged \(scenes shot one after the other\)\s*│ [\d.]+ % \(\d+ of \d+\)", r.Stdout);
        var photos = Directory.GetFiles(dir, "*.jpg");
        Assert.True(photos.Length == 40, $"{photos.Length} frames");
        Assert.Single(photos.Select(File.GetLastWriteTimeUtc).Distinct());
        Assert.All(photos, p => Assert.Equal(CaptureInfo.FromFileTime, CaptureInfo.Read(p).TimeSource));
    }

    [Fact]
    public void BenchCullPrintsItsFigures()
    {
        string dir = TestPaths.TempDir("bench-cull");
        var r = CliRunner.InProcess("bench", "cull", "--frames", "40", "--long-side", "160", "--out", dir);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var f1 = System.Text.RegularExpressions.Regex.Match(r.Stdout, @"F1 \(pairs of frames\)\s*│ ([\d.]+) / ([\d.]+) / ([\d.]+)");
        Assert.True(f1.Success, r.Stdout);
        Assert.InRange(double.Parse(f1.Groups[3].Value, CultureInfo.InvariantCulture), 0, 1);
        Assert.Matches(@"keeper unspoiled \(bursts\)\s*│ [\d.]+ % \(\d+ of \d+\)", r.Stdout);
        Assert.Contains("second run (scores cached", r.Stdout);
        Assert.True(File.Exists(Path.Combine(dir, "scores.sqlite")));
    }
}
