using System.Text.Json;
using BestShot.Core.Data;
using BestShot.Core.Features;
using BestShot.Core.Filter;
using BestShot.Core.Imaging;
using BestShot.Core.Model;
using BestShot.Core.Score;
using BestShot.Lab.Eval;
using BestShot.Lab.Synth;
using BestShot.Training.Model;
using BestShot.Training.Train;
using TorchSharp;
using static TorchSharp.torch;

namespace BestShot.Tests;

/// <summary>A small synthetic dataset shared by the training tests (made once; generated pictures, no ../shared).</summary>
public sealed class SmallSynth
{
    public string Folder { get; } = TestPaths.TempDir("train-synth");
    public string Cache { get; }

    public SmallSynth()
    {
        PostsSynth.Write(
            Folder,
            new PostsSynthOptions
            {
                Users = 16,
                PostsPerUser = 6,
                ImageSize = 128,
                Seed = 3,
            }
        );
        Cache = Path.Combine(Folder, "cache.sqlite");
    }

    public TrainConfig Config =>
        new()
        {
            Epochs = 4,
            BatchSize = 16,
            Views = 2,
            KeepBuiltInWhenBetter = false, // these tests check the run's own export
        };
    public RunEnvironment Env => new() { CachePath = Cache };
}

[Trait("Category", "Slow")]
public class TrainingTests(SmallSynth data) : IClassFixture<SmallSynth>
{
    [Fact]
    public void FrozenRunWritesEverythingAndExportMatchesTorchSharp()
    {
        string run = TestPaths.TempDir("run");
        // Values off the defaults, so that a config not written, or not read back, shows.
        var cfg = data.Config with
        {
            WeightDecay = 0.02,
            Split = new SplitOptions
            {
                Seed = 0,
                TrainFraction = 0.75,
                Filters = new() { MinPosts = 5 },
            },
        };
        var history = Trainer.Run(data.Folder, run, cfg, data.Env, false, new TrainObserver());
        var folder = new RunFolder(run);
        Assert.Equal(4, history.Length);
        foreach (var f in new[] { folder.Config, folder.Metrics, folder.Best, folder.Last, folder.Curves, folder.Summary, folder.Model })
            Assert.True(File.Exists(f), f);
        Assert.Equal(4, File.ReadAllLines(folder.Metrics).Length);
        Assert.Equal(cfg, TrainConfig.FromJson(File.ReadAllText(folder.Config)));
        Assert.Equal(cfg, Checkpoint.ReadInfo(folder.Best).Config);
        Assert.DoesNotContain(data.Cache, File.ReadAllText(folder.Config)); // machine settings stay out of the hyperparameters
        Assert.Contains("pairwise accuracy", File.ReadAllText(folder.Summary));
        // Speed differs by CPU kind (int8 most of all), so the summary says which machine ran it.
        Assert.Matches(
            @"- machine: .+, \d+ cores; int8 kernels: (AVX512-VNNI|AVX-VNNI|AVX2 \(no VNNI\)|no AVX2)",
            File.ReadAllText(folder.Summary)
        );
        PlotAssert.HasText(folder.Curves);

        // ONNX Runtime reproduces TorchSharp (backbone + head) within 1e-4 on real photos.
        var photos = Directory.GetFiles(TestPaths.Samples, "*.*").Where(PhotoFiles.IsPhoto).OrderBy(p => p).ToArray();
        var images = photos.SelectMany(Preprocessor.Load).ToArray();
        var meta = photos.SelectMany((_, i) => (SimulatedMetadata.Presets.Values.ElementAt(i % 4)).Features()).ToArray();
        using var scorer = new OnnxScorer(folder.Model);
        var onnx = scorer.Score(images, meta, photos.Length).Scores;

        var (head, _) = Exporter.LoadModel(folder.Best, cfg);
        using var backbone = new ResNet18Cntk();
        backbone.eval();
        using var model = new FineTuneModel(backbone, head);
        model.eval();
        using var __ = no_grad();
        using var statistics = new ImageStatistics.Session(); // the statistics nodes alone, as training runs them
        var stats = tensor(statistics.Compute(images, photos.Length), [photos.Length, ImageStatistics.Count]);
        var torchScores = model
            .Score(tensor(images, [photos.Length, 3, 224, 224]), null, stats, tensor(meta, [photos.Length, 8]))
            .data<float>()
            .ToArray();
        for (int i = 0; i < photos.Length; i++)
            Assert.True(Math.Abs(onnx[i] - torchScores[i]) <= 1e-4, $"{photos[i]}: onnx {onnx[i]} torch {torchScores[i]}");
        Assert.True(onnx.Distinct().Count() > 1, "the model gives every photo the same score");
        Assert.Contains("bestshot.train_config", scorer.Metadata.Keys);
        // eval reads the split back as the same record: a property renamed on one side cannot silently default.
        Assert.Equal(cfg.Split, SplitOptions.FromModel(scorer.Metadata));
        Assert.Contains("log(avg_likes)/15", scorer.Metadata["bestshot.metadata_features"]);
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 2)] // a linear probe to start from, and a weight average that the checkpoint must carry
    public void InterruptedRunResumesToTheSameResult(bool probe, double averageEpochs)
    {
        var cfg = data.Config with { LinearProbe = probe, AverageEpochs = averageEpochs };
        var full = Trainer.Run(data.Folder, TestPaths.TempDir("run-full"), cfg, data.Env, false, new TrainObserver());

        string run = TestPaths.TempDir("run-interrupted");
        using var cts = new CancellationTokenSource();
        var stopAfterTwo = new TrainObserver
        {
            EpochDone = m =>
            {
                if (m.Epoch == 1)
                    cts.Cancel();
            },
        };
        Assert.ThrowsAny<OperationCanceledException>(() => Trainer.Run(data.Folder, run, cfg, data.Env, false, stopAfterTwo, cts.Token));
        Assert.Equal(1, Checkpoint.ReadInfo(new RunFolder(run).Last).Epoch);

        // The resumed run takes this machine's settings, not the interrupted run's: here another feature cache.
        string otherCache = Path.Combine(TestPaths.TempDir("other-cache"), "features.sqlite");
        var resumed = Trainer.Run(data.Folder, run, cfg, new RunEnvironment { CachePath = otherCache }, true, new TrainObserver());
        Assert.True(File.Exists(otherCache), "resume ignored the new cache path");
        Assert.Equal(4, resumed.Length);
        for (int e = 0; e < 4; e++)
        {
            Assert.Equal(full[e].TrainLoss, resumed[e].TrainLoss, 5);
            Assert.Equal(full[e].ValLoss, resumed[e].ValLoss, 5);
        }
    }

    [Fact]
    public void RankNetLossTrains()
    {
        // A strong planted signal (blur and under-exposure halve the likes), so that learning shows: a model that learns
        // nothing stays at the chance loss log 2 = 0.693 and 50 % of pairs.
        string folder = TestPaths.TempDir("ranknet-synth");
        PostsSynth.Write(
            folder,
            new PostsSynthOptions
            {
                Users = 40,
                PostsPerUser = 8,
                ImageSize = 128,
                Seed = 5,
                ImageEffect = 2,
                Noise = 0.05,
            }
        );
        var cfg = new TrainConfig
        {
            Loss = LossKind.RankNet,
            Epochs = 8,
            BatchSize = 32,
            Views = 1,
            // The run's own export is what is checked: the built-in quality head sees this planted blur better than 8
            // epochs learn it, and would otherwise be kept as model.onnx (a head file, not a full model).
            KeepBuiltInWhenBetter = false,
        };
        string run = TestPaths.TempDir("run-rank");
        var history = Trainer.Run(
            folder,
            run,
            cfg,
            new RunEnvironment { CachePath = Path.Combine(folder, "f.sqlite") },
            false,
            new TrainObserver()
        );
        string losses = string.Join(", ", history.Select(h => h.ValLoss.ToString("F3")));
        Assert.True(history.Min(h => h.ValLoss) < 0.5, $"validation RankNet losses {losses}");
        Assert.True(history[^1].ValLoss < history[0].ValLoss - 0.1, $"validation RankNet losses {losses}");
        Assert.True(
            history.Max(h => h.PairwiseAccuracy) >= 0.8,
            string.Join(", ", history.Select(h => h.PairwiseAccuracy.ToString("P0")))
        );
        // The best epoch's 0–100 anchors travel into the exported model: well-liked posts above poorly liked ones.
        using var scorer = new BestShot.Core.Score.OnnxScorer(Path.Combine(run, "model.onnx"));
        var scale = scorer.Scale;
        Assert.NotNull(scale);
        Assert.True(scale.Clean > scale.Ruined, $"{scale}");
        Assert.Equal(File.ReadAllText(Path.Combine(run, "best.scale.json")), scale.ToJson());
    }

    [Fact]
    public void RankNetCountsOnlySameUserOrderedPairs()
    {
        using var score = tensor(new float[] { 2, 0, 5, 1 });
        using var label = tensor(new float[] { 1, 0, 3, 3 });
        using var user = tensor(new long[] { 0, 0, 1, 1 });
        // Pairs: user 0 (label 1 > 0): softplus(-(2-0)); user 1 has equal labels: no pair.
        Assert.Equal(Math.Log(1 + Math.Exp(-2)), Losses.RankNet(score, label, user).item<float>(), 5);
    }

    [Fact]
    public void CrossPairsCompareDifferentUsersWhoseLabelsAreFarApart()
    {
        using var score = tensor(new float[] { 2, 0, 5, 1 });
        using var label = tensor(new float[] { 1, 0, 3, 3 });
        using var user = tensor(new long[] { 0, 0, 1, 1 });
        // Gap ≥ 2.5: only (user 1's posts, label 3) above user 0's label-0 post: softplus(−(5−0)) and softplus(−(1−0)).
        double expected = (Math.Log(1 + Math.Exp(-5)) + Math.Log(1 + Math.Exp(-1))) / 2;
        Assert.Equal(expected, Losses.CrossRankNet(score, label, user, 2.5).item<float>(), 5);
        // Gap ≥ 1.5 adds (label 3 over label 1) across users: 2 more pairs, softplus(−(5−2)) and softplus(−(1−2)).
        double wider = (2 * expected + Math.Log(1 + Math.Exp(-3)) + Math.Log(1 + Math.Exp(1))) / 4;
        Assert.Equal(wider, Losses.CrossRankNet(score, label, user, 1.5).item<float>(), 5);
    }

    [Fact]
    public void FineTuneRunsAndValidationLossFalls()
    {
        var cfg = new TrainConfig
        {
            Backbone = BackboneMode.Finetune,
            Epochs = 4,
            BatchSize = 8,
            Lr = 3e-4,
            Dropout = 0.2,
            DropPath = 0.0,
        };
        var history = Trainer.Run(data.Folder, TestPaths.TempDir("run-ft"), cfg, data.Env, false, new TrainObserver());
        Assert.Equal(4, history.Length);
        // Better than the trivial baseline: every validation post predicted at the training posts' mean label.
        var set = TrainingSet.Load(data.Folder, cfg.Split);
        double mean = set.Train.Average(p => p.Label),
            baseline = set.Validation.Average(p => Math.Pow(p.Label - mean, 2));
        string figures = string.Join(", ", history.Select(h => h.ValMse.ToString("F4")));
        Assert.True(history.Min(h => h.ValMse) < baseline, $"validation MSE {figures} against the mean-label baseline {baseline:F4}");
        Assert.True(history[^1].ValLoss < history[0].ValLoss, figures);
    }

    [Fact]
    public void BadInputsAreOneLineErrors()
    {
        string empty = TestPaths.TempDir("empty");
        DatasetFile.Write(empty, []);
        Assert.Contains(
            "the dataset is empty",
            Assert
                .Throws<TrainException>(() =>
                    Trainer.Run(empty, TestPaths.TempDir("r"), data.Config, data.Env, false, new TrainObserver())
                )
                .Message
        );

        // Every user has a single post: the validation users give no pairs.
        string single = TestPaths.TempDir("single");
        DatasetFile.Write(single, DatasetFile.Read(data.Folder).GroupBy(p => p.UserId).Select(g => g.First()).ToList());
        var noPairs = Assert.Throws<TrainException>(() =>
            Trainer.Run(
                single,
                TestPaths.TempDir("r"),
                data.Config with
                {
                    Split = new() { Filters = new() { MinPosts = 1 } },
                },
                data.Env,
                false,
                new TrainObserver()
            )
        );
        Assert.Contains("no validation pairs", noPairs.Message);

        string run = TestPaths.TempDir("corrupt");
        File.WriteAllBytes(new RunFolder(run).Last, [1, 2, 3, 4, 5]);
        var corrupt = Assert.Throws<CheckpointException>(() =>
            Trainer.Run(data.Folder, run, data.Config, data.Env, true, new TrainObserver())
        );
        Assert.DoesNotContain('\n', corrupt.Message);
        Assert.Contains("last.ckpt", corrupt.Message);
    }

    [Fact]
    public void MissingImageIsSkippedAndTrainingGoesOn()
    {
        var posts = DatasetFile.Read(data.Folder);
        string dir = TestPaths.TempDir("missing-image");
        var broken = posts.Select((p, i) => i == 3 ? p with { ImagePath = Path.Combine(dir, "gone.jpg") } : p).ToList();
        DatasetFile.Write(dir, broken);
        var skipped = new List<string>();
        var history = Trainer.Run(
            dir,
            TestPaths.TempDir("r"),
            data.Config with
            {
                Epochs = 1,
            },
            data.Env,
            false,
            new TrainObserver { Skip = (p, why) => skipped.Add($"{p}: {why}") }
        );
        Assert.Single(history);
        Assert.Equal([$"{Path.Combine(dir, "gone.jpg")}: file not found"], skipped);
    }

    [Fact]
    public void EvalCliReportsFiguresAndBaselines()
    {
        string run = TestPaths.TempDir("run-eval");
        Trainer.Run(data.Folder, run, data.Config, data.Env, false, new TrainObserver());
        var r = CliRunner.Run("eval", run, data.Folder, "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;
        double acc = root.GetProperty("pairwise_accuracy").GetDouble();
        Assert.InRange(acc, 0, 1);
        Assert.True(root.GetProperty("pairs").GetInt32() > 0);
        Assert.True(root.GetProperty("val_mse").GetDouble() > 0);
        Assert.Equal(3, root.GetProperty("baselines").GetArrayLength());
        // Same pairs and model as the run's last validation: eval reproduces the best epoch's accuracy.
        var best = File.ReadAllLines(Path.Combine(run, "metrics.jsonl"))
            .Select(l => JsonSerializer.Deserialize<EpochMetrics>(l)!)
            .Last(m => m.Best);
        Assert.Equal(best.PairwiseAccuracy, acc, 6);
    }
}

public static class PlotAssert
{
    /// <summary>Fails when a plot has no text: a title in the top band shows as dark pixels on the white background.</summary>
    public static void HasText(string png)
    {
        var img = ImageDecoder.Decode(png);
        int dark = 0;
        for (int y = 0; y < 30; y++)
        for (int x = img.Width / 3; x < 2 * img.Width / 3; x++)
        {
            int o = (y * img.Width + x) * 3;
            if (img.Pixels[o] < 100 && img.Pixels[o + 1] < 100 && img.Pixels[o + 2] < 100)
                dark++;
        }
        Assert.True(
            dark > 50,
            $"{png}: no title text drawn ({dark} dark pixels); the bundled font (src/BestShot.Training/Fonts) did not load?"
        );
    }
}

public class DetailCropTests(SmallSynth data) : IClassFixture<SmallSynth>
{
    [Fact]
    public void BandDecodeCropsEqualFullDecodeCrops()
    {
        // A 1200×800 JPEG: crops cut from the scanline band must equal crops cut from a full decode.
        var big = LanczosResizer.Resize(ImageDecoder.Decode(Path.Combine(TestPaths.Samples, "coffee.png")), 1200, 800);
        string path = Path.Combine(TestPaths.TempDir("band"), "big.jpg");
        ImageEncoder.SaveJpeg(big, path, 90);
        var views = PhotoViews.Load(path, 3);
        var full = ImageDecoder.Decode(path);
        Assert.Equal(3, views.Crops.Count);
        for (int i = 0; i < 3; i++)
        {
            int x0 = 1200 * (i + 1) / 4 - 112;
            var expected = full.Crop(x0, (800 - 224) / 2, 224, 224).Pixels;
            var diffs = expected.Zip(views.Crops[i].Pixels, (a, b) => Math.Abs(a - b)).ToArray();
            Assert.True(
                diffs.Max() <= 0,
                $"crop {i}: max diff {diffs.Max()}, values off: {diffs.Count(d => d > 0)} of {diffs.Length}, first at "
                    + $"{Array.FindIndex(diffs, d => d > 0)}"
            );
        }
        // Native resolution: one-pixel detail (sensor noise, fine texture) that the 224 view averages away is kept.
        var noise = new RgbImage(1200, 800);
        new Random(4).NextBytes(noise.Pixels);
        string noisy = Path.Combine(TestPaths.TempDir("band"), "noise.png");
        File.WriteAllBytes(noisy, ImageEncoder.Encode(noise, SkiaSharp.SKEncodedImageFormat.Png));
        var detail = PhotoViews.Load(noisy, 3);
        static double Gradient(RgbImage img) =>
            Enumerable.Range(0, img.Pixels.Length - 3).Average(i => Math.Abs(img.Pixels[i + 3] - img.Pixels[i]));
        Assert.True(
            Gradient(detail.Crops[1]) > 3 * Gradient(detail.Global),
            $"mean horizontal step: crop {Gradient(detail.Crops[1]):F1}, global view {Gradient(detail.Global):F1}"
        );
    }

    [Fact]
    public void SmallPhotosUseTheGlobalViewAsTheirCrops()
    {
        string path = Path.Combine(TestPaths.TempDir("small"), "small.jpg");
        ImageEncoder.SaveJpeg(LanczosResizer.Resize(ImageDecoder.Decode(Path.Combine(TestPaths.Samples, "rocket.jpg")), 200, 150), path);
        var views = PhotoViews.Load(path, 2);
        Assert.All(views.Crops, c => Assert.Equal(views.Global.Pixels, c.Pixels));
    }

    [Fact]
    public void ExportWithDetailCropsMatchesTorchSharp()
    {
        var cfg = data.Config with { Epochs = 2, DetailCrops = 2 };
        string run = TestPaths.TempDir("run-detail");
        Trainer.Run(data.Folder, run, cfg, data.Env, false, new TrainObserver());
        var folder = new RunFolder(run);

        var photos = Directory.GetFiles(TestPaths.Samples).Where(PhotoFiles.IsPhoto).OrderBy(p => p).ToArray();
        var views = photos.Select(p => PhotoViews.Load(p, 2)).ToArray();
        var images = views.SelectMany(v => Preprocessor.ToTensor(v.Global)).ToArray();
        var detail = views.SelectMany(v => v.Crops.SelectMany(Preprocessor.ToTensor)).ToArray();
        var meta = photos.SelectMany(_ => SimulatedMetadata.Seed.Features()).ToArray();

        using var scorer = new OnnxScorer(folder.Model);
        Assert.Equal(2, scorer.DetailCrops);
        var onnx = scorer.Score(images, meta, photos.Length, detail).Scores;

        var (head, _) = Exporter.LoadModel(folder.Best, cfg);
        Assert.True(head.HasDetail);
        using var model = new FineTuneModel(new ResNet18Cntk(), head);
        model.eval();
        using var __ = no_grad();
        using var statistics = new ImageStatistics.Session();
        var stats = tensor(statistics.Compute(images, photos.Length), [photos.Length, ImageStatistics.Count]);
        var torchScores = model
            .Score(
                tensor(images, [photos.Length, 3, 224, 224]),
                tensor(detail, [photos.Length, 2, 3, 224, 224]),
                stats,
                tensor(meta, [photos.Length, 8])
            )
            .data<float>()
            .ToArray();
        for (int i = 0; i < photos.Length; i++)
            Assert.True(Math.Abs(onnx[i] - torchScores[i]) <= 1e-4, $"{photos[i]}: onnx {onnx[i]} torch {torchScores[i]}");

        // Scoring through the streaming scorer (decode, crops, batches) gives the same numbers.
        var streamed = BatchScorer.Score(scorer, photos.Select(p => new ScoreRequest(p, SimulatedMetadata.Seed.Features())).ToList());
        for (int i = 0; i < photos.Length; i++)
            Assert.Equal(onnx[i], streamed[i]!.Score, 5);
    }

    [Fact]
    public void ExportWithNativeMeasuresMatchesTorchSharpAndTheHeadFile()
    {
        var cfg = data.Config with { Epochs = 2, DetailCrops = 2, NativeMeasures = true };
        string run = TestPaths.TempDir("run-measures");
        Trainer.Run(data.Folder, run, cfg, data.Env, false, new TrainObserver());
        var folder = new RunFolder(run);

        var photos = Directory.GetFiles(TestPaths.Samples).Where(PhotoFiles.IsPhoto).OrderBy(p => p).ToArray();
        var views = photos.Select(p => PhotoViews.Load(p, 2)).ToArray();
        var images = views.SelectMany(v => Preprocessor.ToTensor(v.Global)).ToArray();
        var detail = views.SelectMany(v => v.Crops.SelectMany(Preprocessor.ToTensor)).ToArray();
        var measures = views.SelectMany(v => DetailMeasures.Compute(v.Global, v.Crops)).ToArray();
        var meta = photos.SelectMany(_ => SimulatedMetadata.Seed.Features()).ToArray();

        using var scorer = new OnnxScorer(folder.Model);
        Assert.Equal(DetailMeasures.Count, scorer.MeasureCount); // a new run reads the newest set (v4)
        var onnx = scorer.Score(images, meta, photos.Length, detail, measures).Scores;
        Assert.Throws<ArgumentException>(() => scorer.Score(images, meta, photos.Length, detail));

        var saved = Checkpoint.ReadInfo(folder.Best).Config;
        Assert.Equal(DetailMeasures.Version, saved.MeasuresVersion);
        var (head, _) = Exporter.LoadModel(folder.Best, saved);
        Assert.True(head.HasMeasures);
        using var model = new FineTuneModel(new ResNet18Cntk(), head);
        model.eval();
        using var __ = no_grad();
        using var statistics = new ImageStatistics.Session();
        var stats = tensor(statistics.Compute(images, photos.Length), [photos.Length, ImageStatistics.Count]);
        var torchScores = model
            .Score(
                tensor(images, [photos.Length, 3, 224, 224]),
                tensor(detail, [photos.Length, 2, 3, 224, 224]),
                stats,
                tensor(meta, [photos.Length, 8]),
                tensor(measures, [photos.Length, DetailMeasures.Count])
            )
            .data<float>()
            .ToArray();
        for (int i = 0; i < photos.Length; i++)
            Assert.True(Math.Abs(onnx[i] - torchScores[i]) <= 1e-4, $"{photos[i]}: onnx {onnx[i]} torch {torchScores[i]}");

        // The measures matter to the head: zeroing them moves the scores.
        var zeroed = scorer.Score(images, meta, photos.Length, detail, new float[measures.Length]).Scores;
        Assert.True(onnx.Zip(zeroed).Max(p => Math.Abs(p.First - p.Second)) > 1e-3);

        // A head-only export joined to the packaged backbone, and the streaming scorer, give the same numbers.
        string headFile = Path.Combine(run, "head.onnx");
        Exporter.Export(folder.Best, headFile, headOnly: true);
        using var joined = OnnxScorer.Open(headFile, int8: false);
        Assert.True(joined.NativeMeasures);
        var streamed = BatchScorer.Score(joined, photos.Select(p => new ScoreRequest(p, SimulatedMetadata.Seed.Features())).ToList());
        for (int i = 0; i < photos.Length; i++)
            Assert.Equal(onnx[i], streamed[i]!.Score, 4);
    }

    [Fact]
    public void ARunMadeBeforeTheSecondMeasureSetResumesAndExportsWithItsEight()
    {
        // A config.json written before v2 has no measures_version: that run's head reads v1's eight measures.
        var json = (System.Text.Json.Nodes.JsonObject)
            System.Text.Json.Nodes.JsonNode.Parse((data.Config with { NativeMeasures = true }).ToJson())!;
        json.Remove("measures_version");
        var old = TrainConfig.FromJson(json.ToJsonString());
        Assert.Equal(8, old.MeasureCount);

        // Such a run (its version written out here, as a new run would set v2 in its place) trains, resumes with its own
        // config, and exports a model that reads eight.
        string run = TestPaths.TempDir("run-measures-v1");
        Trainer.Run(data.Folder, run, old with { Epochs = 1, MeasuresVersion = "v1" }, data.Env, false, new TrainObserver());
        Assert.Equal("v1", Checkpoint.ReadInfo(new RunFolder(run).Last).Config.MeasuresVersion);
        Trainer.Run(data.Folder, run, data.Config with { Epochs = 2 }, data.Env, true, new TrainObserver()); // resumed: its own config
        using var scorer = new OnnxScorer(new RunFolder(run).Model);
        Assert.Equal(8, scorer.MeasureCount);
        var photos = Directory.GetFiles(TestPaths.Samples).Where(PhotoFiles.IsPhoto).Order(StringComparer.Ordinal).ToList();
        var scored = BatchScorer.Score(scorer, photos.Select(p => new ScoreRequest(p, SimulatedMetadata.Seed.Features())).ToList());
        Assert.All(scored, s => Assert.True(s is { } x && double.IsFinite(x.Score)));
    }
}
