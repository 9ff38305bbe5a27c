using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using BestShot.Core.Data;
using BestShot.Core.Filter;
using BestShot.Core.Imaging;
using BestShot.Core.Import;
using BestShot.Lab.Eval;
using BestShot.Training.Train;
using ImageMagick;
using Xunit.Abstractions;

namespace BestShot.Tests;

/// <summary>Training on one person's data: the split by time, ratings as labels, the schedule, warm starts, intervals.</summary>
[Trait("Category", "Slow")]
public class PersonalTrainingTests(ITestOutputHelper output)
{
    static Post At(string user, int i) =>
        PostBuilder.P(user, 100 + i, $"{user}-{i:D2}") with
        {
            PostTime = PostBuilder.Scrape - (2 + i * 7919 % 13) * 86400L, // out of id order, so that time decides
        };

    [Fact]
    public void OneUsersPostsSplitByTimeOlderTrainNewerValidate()
    {
        var posts = Enumerable.Range(0, 13).Select(i => At("me", i)).ToList();
        var split = new SplitOptions().Apply(posts);
        Assert.Equal(SplitMode.Time, split.Mode); // one user: auto resolves to time
        Assert.Equal(10, split.Train.Count);
        Assert.Equal(3, split.Validation.Count);
        Assert.True(split.Train.Max(p => p.PostTime) <= split.Validation.Min(p => p.PostTime), "nothing newer trains");
        Assert.All(split.Pairs, p => Assert.Contains(p.A, split.Validation));
        Assert.Equal(2, split.Pairs.Count); // the seed's pairing of three posts: AB, CA

        // Five posts (Instaloader's spacex sample) still give a pair; two users split by user unless told otherwise.
        Assert.Equal(2, SplitAndPairs.SplitByTime(posts.Take(5).ToList()).Validation.Count);
        var two = posts.Concat(Enumerable.Range(0, 13).Select(i => At("you", i))).ToList();
        Assert.Equal(SplitMode.User, new SplitOptions().Resolve(two));
        Assert.Equal(
            SplitMode.Time,
            new SplitOptions { Mode = SplitMode.Time }
                .Apply(two)
                .Mode
        );
    }

    [Fact]
    public void WilsonIntervalMatchesTheTextbook()
    {
        // p = 0.7 on 100 pairs: 0.604–0.781 (Wilson 1927; Agresti & Coull 1998, table 1 style).
        var i = AccuracyInterval.Of(0.7, 100);
        Assert.Equal(0.6042, i.Low, 3);
        Assert.Equal(0.7811, i.High, 3);
        Assert.True(AccuracyInterval.Of(1.0, 10).High <= 1);
        Assert.True(double.IsNaN(AccuracyInterval.Of(0.5, 0).Low));
    }

    [Fact]
    public void TheScheduleFollowsTheDataSizeAndGivenOptionsWin()
    {
        Func<string, bool>? none = null;
        var small = TrainSchedule.Choose(new TrainConfig(), 240, none);
        Assert.Equal((16, 200, 50, 4), (small.BatchSize, small.Epochs, small.Patience, small.Views)); // 15 batches × 200 = 3,000 steps
        var middle = TrainSchedule.Choose(new TrainConfig(), 2400, none);
        Assert.Equal((128, 158, 1), (middle.BatchSize, middle.Epochs, middle.Views)); // 19 batches × 158 ≈ 3,000 steps
        var large = TrainSchedule.Choose(new TrainConfig(), 24000, none);
        Assert.Equal((256, 32, 0), (large.BatchSize, large.Epochs, large.Views));
        Assert.Contains("24000 training photos", large.Schedule);
        var given = TrainSchedule.Choose(new TrainConfig { Epochs = 7, BatchSize = 64 }, 240, o => o is "--epochs" or "--batch-size");
        Assert.Equal((64, 7), (given.BatchSize, given.Epochs));
        var finetune = TrainSchedule.Choose(new TrainConfig { Backbone = BackboneMode.Finetune }, 240, none);
        Assert.Equal((16, 20), (finetune.BatchSize, finetune.Epochs)); // 300 steps of batch 16

        // Frozen runs keep the epoch whose last 5 have the lowest mean validation loss; fine-tuning and a given value not.
        Assert.Equal((5, 5, 0), (small.SmoothEpochs, large.SmoothEpochs, finetune.SmoothEpochs));
        Assert.Contains("mean validation loss of its last 5", small.Schedule);
        Assert.Equal(1, TrainSchedule.Choose(new TrainConfig { SmoothEpochs = 1 }, 240, o => o == "--smooth-epochs").SmoothEpochs);

        // Frozen runs start from a linear probe, unless told not to or told where to start.
        Assert.True(small.LinearProbe && large.LinearProbe);
        Assert.Contains("linear probe", small.Schedule);
        Assert.False(finetune.LinearProbe);
        Assert.False(TrainSchedule.Choose(new TrainConfig { Init = "default" }, 240, none).LinearProbe);
        Assert.False(TrainSchedule.Choose(new TrainConfig(), 240, o => o == "--linear-probe").LinearProbe);

        // And read the native measures (the damage signal's sharpness and exposure), on the same terms.
        Assert.True(small.NativeMeasures && large.NativeMeasures);
        Assert.Contains("native measures", small.Schedule);
        Assert.False(finetune.NativeMeasures);
        Assert.False(TrainSchedule.Choose(new TrainConfig { Init = "default" }, 240, none).NativeMeasures);
        Assert.False(TrainSchedule.Choose(new TrainConfig(), 240, o => o == "--native-measures").NativeMeasures);
    }

    /// <summary>Every case of a rated folder: stars, a reject, unrated, out of range, corrupt, missing, orphaned, BestShot's own.</summary>
    [Fact]
    public void RatingsImportReadsHandRatingsAndNamesEveryProblemOnOneLine()
    {
        string root = TestPaths.TempDir("ratings");
        string shoot = Path.Combine(root, "2025-06 coast");
        Directory.CreateDirectory(shoot);
        var image = ImageDecoder.Decode(Path.Combine(TestPaths.Samples, "coffee.png"));
        string Photo(string name)
        {
            string p = Path.Combine(shoot, name);
            ImageEncoder.SaveJpeg(image, p, 90);
            return p;
        }
        void Sidecar(string photo, string body) => File.WriteAllText(photo + ".xmp", Xmp(body));
        Sidecar(Photo("four.jpg"), "xmp:Rating=\"4\"");
        Sidecar(Photo("reject.jpg"), "xmp:Rating=\"-1\"");
        File.WriteAllText(Path.ChangeExtension(Photo("adobe.jpg"), ".xmp"), Xmp("xmp:Rating=\"2\"")); // Lightroom's IMG.xmp
        Sidecar(Photo("unrated.jpg"), "xmp:Rating=\"0\"");
        Sidecar(Photo("seven.jpg"), "xmp:Rating=\"7\"");
        File.WriteAllText(Photo("corrupt.jpg") + ".xmp", "<x:xmpmeta><rdf:RDF");
        Photo("bare.jpg");
        Sidecar(Photo("ours.jpg"), "xmp:Rating=\"3\" bestshot:Rating=\"3\"");
        File.WriteAllText(Path.Combine(shoot, "gone.jpg.xmp"), Xmp("xmp:Rating=\"5\""));
        string embedded = Photo("embedded.jpg");
        using (var m = new MagickImage(embedded))
        {
            m.SetProfile(new XmpProfile(System.Text.Encoding.UTF8.GetBytes(Xmp("xmp:Rating=\"5\""))));
            m.Write(embedded);
        }

        var report = new ImportReport();
        var posts = PostImporter.ImportRatings(root, ShootBy.Folder, report);
        foreach (var s in report.Skipped)
            output.WriteLine($"{s.Where}: {s.Reason}");
        var byName = posts.ToDictionary(p => Path.GetFileName(p.ImagePath));
        Assert.Equal(["adobe.jpg", "embedded.jpg", "four.jpg", "reject.jpg"], byName.Keys.Order());
        Assert.All(posts, p => Assert.Equal("2025-06 coast", p.UserId)); // the folder is the shoot
        double Stars(string name) => Math.Round(Math.Log(byName[name].Likes / 100) / Math.Log(RatingsReader.StarFactor), 6);
        Assert.Equal([4.0, 0, 2, 5], new[] { "four.jpg", "reject.jpg", "adobe.jpg", "embedded.jpg" }.Select(Stars));

        string Why(string name) => Assert.Single(report.Skipped, s => Path.GetFileName(s.Where) == name).Reason;
        Assert.Contains("unrated", Why("unrated.jpg"));
        Assert.Contains("outside −1 (reject) to 5", Why("seven.jpg"));
        Assert.Contains("unreadable sidecar", Why("corrupt.jpg"));
        Assert.Contains("no rating (no XMP sidecar", Why("bare.jpg"));
        Assert.Contains("written by BestShot's cull", Why("ours.jpg"));
        Assert.Contains("sidecar without a photo", Why("gone.jpg.xmp"));
        Assert.All(report.Skipped, s => Assert.DoesNotContain('\n', s.Where + s.Reason));
    }

    static string Xmp(string attributes) =>
        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
        + "<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:bestshot=\"http://ns.bestshot.dev/1.0/\" "
        + attributes
        + "/></rdf:RDF></x:xmpmeta>";

    /// <summary>Instaloader's spacex sample is one profile: stats says the split is by time, and train and eval run end to end.</summary>
    [SkippableFact]
    public void ASingleProfileTrainsAndEvaluatesEndToEnd()
    {
        TestPaths.RequireShared();
        string data = TestPaths.TempDir("spacex");
        Assert.Equal(
            0,
            CliRunner.InProcess("import", TestPaths.Spacex, "--out", data, "--followers", "1000000", "--following", "10").ExitCode
        );
        var stats = CliRunner.InProcess("stats", data, "--json", "--min-posts", "5");
        Assert.Equal("time", JsonDocument.Parse(stats.Stdout).RootElement.GetProperty("split").GetString());
        Assert.Contains("split by time", CliRunner.InProcess("stats", data, "--min-posts", "5").Stdout);

        string run = TestPaths.TempDir("spacex-run");
        var train = CliRunner.InProcess("train", data, "--out", run, "--min-posts", "5", "--cache", Path.Combine(run, "c.sqlite"));
        Assert.True(train.ExitCode == 0, train.Stderr);
        Assert.Contains("split by time within each user", train.Stderr);
        Assert.Contains("schedule for 3 training photos", train.Stderr);
        Assert.Contains("schedule for 3 training photos", File.ReadAllText(Path.Combine(run, "config.json")));
        var eval = CliRunner.InProcess("eval", run, data, "--json");
        Assert.True(eval.ExitCode == 0, eval.Stderr);
        var e = JsonDocument.Parse(eval.Stdout).RootElement;
        Assert.Equal(1, e.GetProperty("pairs").GetInt32()); // the two newest posts
        Assert.Equal(1, e.GetProperty("built_in").GetProperty("pairs").GetInt32());
    }

    /// <summary>A synthetic single-user set: one planted-taste shoot of 24 photos trains and evaluates with the split by time.</summary>
    [SkippableFact]
    public void ASingleShootTrainsWithTheSplitByTime()
    {
        TestPaths.RequireShared();
        string photos = TestPaths.TempDir("one-shoot"),
            data = TestPaths.TempDir("one-shoot-data"),
            run = TestPaths.TempDir("one-shoot-run");
        Assert.Equal(
            0,
            CliRunner.InProcess("synth", "taste", "--photos", TestPaths.SharedPhotos, "--out", photos, "--count", "24").ExitCode
        );
        Assert.Single(Directory.GetDirectories(photos));
        Assert.Equal(0, CliRunner.InProcess("import", photos, "--ratings", "--out", data).ExitCode);
        var train = CliRunner.InProcess("train", data, "--out", run, "--cache", Path.Combine(run, "c.sqlite"));
        Assert.True(train.ExitCode == 0, train.Stderr);
        Assert.Contains(
            "split by time within each user: older posts train, the newest 20 % validate (one user in the data)",
            train.Stderr
        );
        var e = JsonDocument.Parse(CliRunner.InProcess("eval", run, data, "--json").Stdout).RootElement;
        Assert.True(e.GetProperty("pairs").GetInt32() >= 2, "the newest fifth of 24 photos gives pairs");
    }

    /// <summary>
    /// A planted taste (warmer is better) on 300 real photos: the personal model learns it, the built-in model does not
    /// know it.
    /// </summary>
    [SkippableFact]
    public void APersonalModelLearnsAPlantedTasteTheBuiltInOneDoesNotKnow()
    {
        TestPaths.RequireShared();
        string photos = TestPaths.TempDir("taste"),
            data = TestPaths.TempDir("taste-data"),
            run = TestPaths.TempDir("taste-run");
        var synth = CliRunner.InProcess("synth", "taste", "--photos", TestPaths.SharedPhotos, "--out", photos, "--count", "300");
        Assert.True(synth.ExitCode == 0, synth.Stderr);
        var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(photos, "taste.json"))).RootElement;
        double ceiling = truth.GetProperty("ceiling_pairwise_accuracy").GetDouble();
        Assert.Equal(0, CliRunner.InProcess("import", photos, "--ratings", "--out", data).ExitCode);
        var train = CliRunner.InProcess("train", data, "--out", run, "--cache", Path.Combine(run, "c.sqlite"));
        Assert.True(train.ExitCode == 0, train.Stderr);
        // The keep decision's every-pair line speaks of the photographer's photos and shoots, not posts and profiles.
        Assert.Contains("on every pair of two validation photos of one shoot: this run", Regex.Replace(train.Stderr, @"\s+", " "));
        var e = JsonDocument.Parse(CliRunner.InProcess("eval", run, data, "--json").Stdout).RootElement;
        double mine = e.GetProperty("pairwise_accuracy").GetDouble(),
            builtIn = e.GetProperty("built_in").GetProperty("pairwise_accuracy").GetDouble();
        output.WriteLine($"personal {mine:P1}, built-in {builtIn:P1}, ceiling {ceiling:P1}, {e.GetProperty("pairs")} pairs");
        // eval gives the built-in model's every-pair figure that train's keep decision printed.
        double builtInAll = e.GetProperty("built_in_all_pairs").GetProperty("pairwise_accuracy").GetDouble();
        var logged = Regex.Match(Regex.Replace(train.Stderr, @"\s+", " "), @"of one shoot: this run .*?; the built-in model ([0-9.]+) %");
        Assert.True(logged.Success, train.Stderr);
        // Star ratings are never handed to a model of the capture time alone (it cannot tell two frames of a burst apart).
        Assert.DoesNotContain("metadata alone", train.Stderr);
        double printed = double.Parse(logged.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(Math.Abs(printed - 100 * builtInAll) < 0.051, $"train printed {printed} %, eval gives {builtInAll:P2}");
        // The built-in model does not know this taste (it even leans the other way: a warm shift is a colour cast to it).
        Assert.True(builtIn < 0.7, $"built-in {builtIn:P1}");
        Assert.True(mine > builtIn + 0.1, $"personal {mine:P1} against built-in {builtIn:P1}");
        Assert.True(mine <= ceiling + 0.05, "no better than the planted preference itself, up to noise");
    }

    /// <summary>--init default starts from the built-in weights: at a learning rate of ~0 the run scores like the built-in model.</summary>
    [Fact]
    public void InitDefaultStartsFromTheWarmStartHead()
    {
        string data = TestPaths.TempDir("init-data"),
            run = TestPaths.TempDir("init-run");
        BestShot.Lab.Synth.PostsSynth.Write(
            data,
            new()
            {
                Users = 8,
                PostsPerUser = 6,
                ImageSize = 128,
                Seed = 5,
            }
        );
        var train = CliRunner.InProcess(
            "train",
            data,
            "--out",
            run,
            "--init",
            "default",
            "--epochs",
            "1",
            "--lr",
            "1e-12",
            "--cache",
            Path.Combine(run, "c.sqlite")
        );
        Assert.True(train.ExitCode == 0, train.Stderr);
        // The built-in quality head is linear on layer statistics, which the trainer does not compute: the warm start is
        // the previous built-in model's MLP head, shipped beside it.
        Assert.Contains(
            "head starts from the previous built-in model (its MLP head; the built-in quality head is linear on layer statistics): "
                + "native measures on (v1), 0 detail crops, int8 features",
            train.Stderr
        );
        string own = File.Exists(Path.Combine(run, "personal.onnx"))
            ? Path.Combine(run, "personal.onnx")
            : Path.Combine(run, "model.onnx");
        var photo = Directory.GetFiles(Path.Combine(data, "images")).First();
        double Score(params string[] model)
        {
            var r = CliRunner.InProcess(["rank", photo, "--json", "--no-cache", "--precision", "fp32", .. model]);
            return JsonDocument.Parse(r.Stdout).RootElement[0].GetProperty("raw_score").GetDouble();
        }
        string warmStart = Path.Combine(TestPaths.RepoRoot, "models", "warm-start.head.onnx");
        Assert.Equal(Score("--model", warmStart), Score("--model", own), 3);

        // Issue 27: `eval RUN` scores the model train kept, says which it is, and agrees with train's own figure for it.
        var eval = CliRunner.InProcess("eval", run, data, "--json");
        Assert.True(eval.ExitCode == 0, eval.Stderr);
        var e = JsonDocument.Parse(eval.Stdout).RootElement;
        string which = e.GetProperty("model").GetString()!;
        var figures = System.Text.RegularExpressions.Regex.Match(
            train.Stderr,
            @"validation pairwise accuracy: this run (\d+\.\d) %.*; the built-in model (\d+\.\d) %"
        );
        Assert.True(figures.Success, train.Stderr);
        bool keptAnother = File.Exists(Path.Combine(run, "personal.onnx"));
        bool keptBuiltIn = which.Contains("the built-in model: it scored");
        if (keptAnother)
            Assert.True(keptBuiltIn || which.Contains("the metadata alone (a ridge regression"), which);
        else
            Assert.Contains("this run's own model", which);
        // The kept built-in model is scored the same way by both (its ONNX graph, each post's metadata): the same figure.
        // A run's own figure in train comes from the training graph, so it may differ from its export's in the last digit.
        if (keptBuiltIn)
            Assert.Equal(
                double.Parse(figures.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture),
                Math.Round(100 * e.GetProperty("pairwise_accuracy").GetDouble(), 1)
            );
    }
}
