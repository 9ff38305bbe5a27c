using BestShot.Core.Imaging;
using BestShot.Core.Look;
using Xunit.Abstractions;

namespace BestShot.Tests;

/// <summary>The look checks: faces (BlazeFace) and straight lines (M-LSD), on real photos.</summary>
[Trait("Category", "Slow")]
public class LookTests(ITestOutputHelper output)
{
    [Fact]
    public void TheAstronautsFaceIsFoundWithItsEyes()
    {
        var image = ImageDecoder.Decode(Path.Combine(TestPaths.Samples, "astronaut.png"));
        using var detector = new FaceDetector();
        var faces = detector.Detect(image);
        foreach (var f in faces)
            output.WriteLine($"{f.X:F3} {f.Y:F3} {f.Width:F3} {f.Height:F3} {f.Score:F3} eyes {f.RightEye} {f.LeftEye}");
        var face = Assert.Single(faces);
        // Eileen Collins' face: upper middle of the frame (found by eye: x 0.38–0.58, y 0.10–0.40 of 512 px).
        Assert.InRange(face.X, 0.40, 0.56);
        Assert.InRange(face.Y, 0.15, 0.35);
        Assert.True(face.RightEye.X < face.LeftEye.X, "her right eye is on the image's left");
        Assert.InRange(face.RightEye.Y, face.Y - face.Height / 2, face.Y);
        Assert.Equal(0, face.OutsideShare);
    }

    [Fact]
    public void TheRocketsTowersGiveItsTiltWithinADegree()
    {
        var level = ImageDecoder.Decode(Path.Combine(TestPaths.Samples, "rocket.jpg"));
        using var lines = new LineDetector();
        double Estimate(RgbImage img, out TiltEstimate t)
        {
            t = Tilt.Estimate(lines.Detect(img), img.Width, img.Height);
            output.WriteLine($"{t.Degrees:F2}° confidence {t.Confidence:F2} from {t.Lines} lines");
            return t.Degrees;
        }
        Assert.InRange(Estimate(level, out var flat), -1, 1);
        Assert.True(flat.HasLines);
        foreach (double planted in new[] { 2.0, 4, 6, -4 })
        {
            double got = Estimate(BestShot.Lab.Synth.Degrade.Tilt(level, planted), out _);
            // Degrade.Tilt turns the scene clockwise for positive degrees: the horizon falls to the right.
            Assert.InRange(got, -planted - 1, -planted + 1);
        }
    }

    /// <summary>The face's box blurred (or everything but it), as a missed focus on the subject (or a shallow depth of field).</summary>
    internal static RgbImage BlurInside(RgbImage img, Face f, bool inside, double sigma = 3)
    {
        var blurred = BestShot.Lab.Synth.Degrade.GaussianBlur(img, sigma);
        var result = new RgbImage(img.Width, img.Height, (byte[])img.Pixels.Clone());
        for (int y = 0; y < img.Height; y++)
        for (int x = 0; x < img.Width; x++)
        {
            bool inFace =
                Math.Abs(x / (double)img.Width - f.X) < f.Width * 0.6 && Math.Abs(y / (double)img.Height - f.Y) < f.Height * 0.6;
            if (inFace == inside)
                for (int c = 0; c < 3; c++)
                    result.Pixels[(y * img.Width + x) * 3 + c] = blurred.Pixels[(y * img.Width + x) * 3 + c];
        }
        return result;
    }

    [Fact]
    public void ASharpFaceOnABlurredBackgroundMeasuresSharperThanABlurredFaceOnASharpOne()
    {
        var image = ImageDecoder.Decode(Path.Combine(TestPaths.Samples, "astronaut.png"));
        using var meter = new LookMeter();
        using var detector = new FaceDetector();
        var face = detector.Detect(image).Single();
        var sharpFace = meter.Measure(BlurInside(image, face, inside: false));
        var softFace = meter.Measure(BlurInside(image, face, inside: true));
        output.WriteLine($"sharp face: {sharpFace}");
        output.WriteLine($"soft face: {softFace}");
        Assert.Equal(1, sharpFace.Faces);
        Assert.Equal(1, softFace.Faces); // a blurred face is still found
        Assert.True(sharpFace.FaceDetail > 2 * softFace.FaceDetail, "the face's own detail tells them apart");
        Assert.True(sharpFace.FaceRelative > 1, "sharper than the rest of its frame");
        Assert.True(softFace.FaceRelative < 0.6, "softer than the rest of its frame");
        Assert.True(softFace.EyesRelative < sharpFace.EyesRelative);
    }

    [Fact]
    public void CullKeepsTheSharpFaceAndSaysWhyInJsonCsvAndHtml()
    {
        string dir = TestPaths.TempDir("look-shoot");
        var astronaut = ImageDecoder.Decode(Path.Combine(TestPaths.Samples, "astronaut.png"));
        Face face;
        using (var detector = new FaceDetector())
            face = detector.Detect(astronaut).Single();
        var t0 = new DateTimeOffset(2026, 8, 1, 9, 0, 0, TimeSpan.Zero);
        void Save(string name, RgbImage img, double seconds) =>
            BestShot.Lab.Synth.ExifJpeg.Write(img, Path.Combine(dir, name), 92, new(t0.AddSeconds(seconds), "Look Cam", "7", 0));
        // A burst: the face sharp on a blurred background, then the face blurred on a sharp background.
        Save("face-sharp.jpg", BlurInside(astronaut, face, inside: false), 0);
        Save("face-soft.jpg", BlurInside(astronaut, face, inside: true), 0.3);
        var rocket = ImageDecoder.Decode(Path.Combine(TestPaths.Samples, "rocket.jpg"));
        Save("rocket-tilted.jpg", BestShot.Lab.Synth.Degrade.Tilt(rocket, 6), 60);
        Save(
            "coffee-dark.jpg",
            BestShot.Lab.Synth.Degrade.Exposure(ImageDecoder.Decode(Path.Combine(TestPaths.Samples, "coffee.png")), 0.25),
            120
        );

        string html = Path.Combine(dir, "sheet.html");
        var r = CliRunner.InProcess("cull", dir, "--json", "--no-cache", "--html", html);
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = System.Text.Json.JsonDocument.Parse(r.Stdout);
        var photos = doc
            .RootElement.EnumerateArray()
            .SelectMany(g => g.GetProperty("photos").EnumerateArray().Select(p => (Group: g, Photo: p)))
            .ToDictionary(x => Path.GetFileName(x.Photo.GetProperty("path").GetString()!));
        string[] Reasons(string name) => photos[name].Photo.GetProperty("reasons").EnumerateArray().Select(e => e.GetString()!).ToArray();

        var sharp = photos["face-sharp.jpg"].Photo;
        var soft = photos["face-soft.jpg"].Photo;
        Assert.Equal(
            photos["face-sharp.jpg"].Group.GetProperty("group").GetString(),
            photos["face-soft.jpg"].Group.GetProperty("group").GetString()
        );
        Assert.True(sharp.GetProperty("keeper").GetBoolean(), "the sharp face keeps, though its background is blurred");
        Assert.True(soft.GetProperty("reject").GetBoolean());
        Assert.Equal("face soft where another frame's face is sharp", soft.GetProperty("why").GetString());
        Assert.Contains("face soft", Reasons("face-soft.jpg"));
        Assert.DoesNotContain("face soft", Reasons("face-sharp.jpg"));
        // Planted at 6°; the estimate is good to a degree (TheRocketsTowersGiveItsTiltWithinADegree).
        Assert.Contains(Reasons("rocket-tilted.jpg"), x => System.Text.RegularExpressions.Regex.IsMatch(x, "^tilted [5-7]°$"));
        Assert.Contains("under-exposed", Reasons("coffee-dark.jpg"));
        // No measured flaw; a low score still gets its plain phrase (issue 22).
        Assert.Equal([], Reasons("face-sharp.jpg").Except([BestShot.Core.Look.Reasons.NoFlaw]));

        var csv = CliRunner.InProcess("cull", dir, "--csv", "--no-cache");
        Assert.Contains("group,kind,path,score,keeper,reject,why,raw,reasons", csv.Stdout);
        Assert.Matches("tilted [5-7]°", csv.Stdout.Split('\n').Single(l => l.Contains("rocket-tilted.jpg", StringComparison.Ordinal)));
        string page = File.ReadAllText(html);
        Assert.Contains("<span class=\"reasons\">face soft</span>", page);
        Assert.Matches("<span class=\"reasons\">tilted [5-7](°|&#176;)</span>", page); // HtmlEncode writes ° as &#176;
    }

    [Fact]
    public void RankSaysWhyALowScoreIsLow()
    {
        string dir = TestPaths.TempDir("rank-reasons");
        var coffee = ImageDecoder.Decode(Path.Combine(TestPaths.Samples, "coffee.png"));
        ImageEncoder.SaveJpeg(coffee, Path.Combine(dir, "coffee.jpg"), 92);
        ImageEncoder.SaveJpeg(BestShot.Lab.Synth.Degrade.Exposure(coffee, 0.25), Path.Combine(dir, "coffee-dark.jpg"), 92);
        // The table shows no reasons, so it looks at nothing: the score cache gets scores but no look.
        string cache = Path.Combine(TestPaths.TempDir("rank-reasons-cache"), "scores.sqlite");
        Assert.Equal(0, CliRunner.InProcess("rank", dir, "--cache", cache).ExitCode);
        Assert.Equal(0L, Looked(cache));
        Assert.Equal(0, CliRunner.InProcess("rank", dir, "--cache", cache, "--json").ExitCode);
        Assert.Equal(1L, Looked(cache)); // the dark one, whose reasons JSON shows

        string html = Path.Combine(dir, "report.html");
        var r = CliRunner.InProcess("rank", dir, "--json", "--no-cache", "--html", html);
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = System.Text.Json.JsonDocument.Parse(r.Stdout);
        var byName = doc.RootElement.EnumerateArray().ToDictionary(e => Path.GetFileName(e.GetProperty("path").GetString()!));
        var dark = byName["coffee-dark.jpg"];
        Assert.True(dark.GetProperty("score").GetDouble() < BestShot.Core.Look.Reasons.LowScore);
        Assert.Equal(["under-exposed"], dark.GetProperty("reasons").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, byName["coffee.jpg"].GetProperty("reasons").GetArrayLength()); // a good score needs no reason
        Assert.Contains("<span class=\"reasons\">under-exposed</span>", File.ReadAllText(html));
    }

    static long Looked(string cache)
    {
        using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={cache};Pooling=False");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM look";
        return (long)cmd.ExecuteScalar()!;
    }

    /// <summary>
    /// Motion blur, noise and heavy JPEG planted in two real photos (a cat and a cup, 512 px) at the degradation set's
    /// strengths scaled to their size (a 25 px smear per 500 px at an angle between the measured directions, noise σ 16,
    /// JPEG quality 15): each copy gets its own reason and no other of the three, and the clean photos get none.
    /// `rank` carries them into its JSON when the copy scores low.
    /// </summary>
    [Fact]
    public void MotionBlurNoiseAndHeavyJpegAreNamed()
    {
        string dir = TestPaths.TempDir("reasons-planted");
        using var meter = new LookMeter();
        string[] Three(string path) =>
            Reasons.Of(meter.Measure(path)).Where(r => r is "motion blur" or "noisy" or "heavy JPEG").ToArray();
        foreach (var name in new[] { "chelsea", "coffee" })
        {
            var clean = ImageDecoder.Decode(Path.Combine(TestPaths.Samples, name + ".png"));
            double perPixel = Math.Max(clean.Width, clean.Height) / 500.0; // the synth's lengths are per 500 px
            var files = new Dictionary<string, string?>
            {
                [Save(dir, $"{name}.jpg", clean, 92)] = null,
                [Save(dir, $"{name}-shaken.jpg", BestShot.Lab.Synth.Degrade.MotionBlur(clean, 25 * perPixel, 1.15), 92)] = "motion blur",
                [Save(dir, $"{name}-noisy.jpg", BestShot.Lab.Synth.Degrade.Noise(clean, 16, new Random(1)), 92)] = "noisy",
                [Save(dir, $"{name}-q15.jpg", clean, 15)] = "heavy JPEG",
            };
            foreach (var (path, expected) in files)
            {
                var got = Three(path);
                output.WriteLine($"{Path.GetFileName(path)}: {string.Join(", ", got)} ({meter.Measure(path)})");
                Assert.Equal(expected == null ? [] : [expected], got);
            }
        }

        // Every shaken and q15 copy scores at least 20 points under its original, and one that scores under 50 says why.
        // The cat's shaken copy must be among those: the MLP head before issue 24 missed motion blur on fur (60.7 against
        // the original's 66.1), which is why the reason is also measured apart from the score.
        var r = CliRunner.InProcess("rank", dir, "--json", "--no-cache");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = System.Text.Json.JsonDocument.Parse(r.Stdout);
        var byName = doc.RootElement.EnumerateArray().ToDictionary(e => Path.GetFileName(e.GetProperty("path").GetString()!));
        double Score(string file) => byName[file].GetProperty("score").GetDouble();
        foreach (var name in new[] { "chelsea", "coffee" })
        foreach (var (suffix, reason) in new[] { ("-shaken", "motion blur"), ("-q15", "heavy JPEG") })
        {
            string copy = $"{name}{suffix}.jpg";
            Assert.True(Score(copy) < Score($"{name}.jpg") - 20, $"{copy} {Score(copy):F1}, its original {Score($"{name}.jpg"):F1}");
            if (Score(copy) < Reasons.LowScore)
                Assert.Contains(reason, byName[copy].GetProperty("reasons").EnumerateArray().Select(e => e.GetString()));
        }
        Assert.True(Score("chelsea-shaken.jpg") < Reasons.LowScore, "the shaken cat scores low");
    }

    static string Save(string dir, string name, RgbImage image, int quality)
    {
        string path = Path.Combine(dir, name);
        ImageEncoder.SaveJpeg(image, path, quality);
        return path;
    }

    /// <summary>
    /// The planted face set: every reference photo in which BlazeFace finds a face wide enough to judge
    /// (<see cref="LookMeter.MinFaceWidth"/>; 12 of the 40 in kodak24, set14 and Debian's astronaut and grace_hopper),
    /// each made twice at two blur strengths: the face sharp on a blurred background, and the face blurred on a sharp
    /// one. Cull must keep the first: ordering ≥ 95 % (issue 14). Left out: kodim12 and kodim14, whose faces are 3–4 %
    /// of the width; with them the ordering was 22 of 26.
    /// </summary>
    [SkippableFact]
    public void FaceFocusOrdersThePlantedFaceSet()
    {
        TestPaths.RequireShared();
        var photos = new[] { "kodak24", "set14" }
            .SelectMany(d => Directory.GetFiles(Path.Combine(TestPaths.SharedPhotos, d)))
            .Append(Path.Combine(TestPaths.SharedPhotos, "debian", "astronaut.png"))
            .Append(Path.Combine(TestPaths.SharedPhotos, "debian", "grace_hopper.jpg"))
            .Order(StringComparer.Ordinal)
            .ToList();
        using var detector = new FaceDetector();
        using var meter = new LookMeter();
        int pairs = 0,
            right = 0;
        foreach (var path in photos)
        {
            var image = LookMeter.Load(path);
            var face = detector
                .Detect(image)
                .Where(f => f.Width >= LookMeter.MinFaceWidth)
                .OrderByDescending(f => f.Width * f.Height)
                .FirstOrDefault();
            if (face == null)
                continue;
            foreach (double sigma in new[] { 2.0, 4.0 })
            {
                var sharpFace = meter.Measure(BlurInside(image, face, inside: false, sigma));
                var softFace = meter.Measure(BlurInside(image, face, inside: true, sigma));
                var frames = new[] { ("sharp", sharpFace), ("soft", softFace) }
                    .Select(x => new BestShot.Core.Group.Frame(
                        x.Item1,
                        new BestShot.Core.Imaging.CaptureInfo(DateTimeOffset.UnixEpoch, "exif", "cam"),
                        [1, 0, 0],
                        x.Item1 == "soft" ? 70 : 60, // the soft-faced frame even scores higher
                        null,
                        x.Item2
                    ))
                    .ToList();
                var moment = BestShot.Core.Group.Culler.Cull(frames, new BestShot.Core.Group.CullOptions(), onScale: true).Single();
                pairs++;
                bool ok = moment.Best.Path == "sharp";
                right += ok ? 1 : 0;
                output.WriteLine(
                    $"{Path.GetFileName(path)} sigma {sigma}: {(ok ? "ok" : "WRONG")} "
                        + $"({sharpFace.FaceDetail:F3} vs {softFace.FaceDetail:F3})"
                );
            }
        }
        output.WriteLine($"face-focus ordering: {right} of {pairs}");
        Assert.True(pairs >= 22, $"only {pairs} planted pairs");
        Assert.True(right >= 0.95 * pairs, $"face-focus ordering {right} of {pairs}");
    }
}
