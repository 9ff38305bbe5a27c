using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using BestShot.Core.Backbone;
using BestShot.Core.Features;
using BestShot.Core.Imaging;
using BestShot.Core.Rank;
using BestShot.Core.Score;
using Spectre.Console;

namespace BestShot.Cli.Commands;

/// <summary>
/// `bestshot bench`: throughput figures measured in one run, so their ratios are comparable on a noisy machine.
/// Test photos come from ../shared/data/photos when present, otherwise they are generated.
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var model = new Option<string?>("--model", "-m") { Description = "Model to measure (default: the built-in model)" };
        var photos = new Option<string?>("--photos") { Description = "Source photos for the end-to-end runs (default: ../shared/data/photos if present, else generated)" };
        var count = new Option<int>("--count") { Description = "Photos per end-to-end run", DefaultValueFactory = _ => 120 };
        var seconds = new Option<double>("--seconds") { Description = "Time per model-only measurement", DefaultValueFactory = _ => 4.0 };
        var batch = new Option<int>("--batch-size") { Description = "Inference batch size", DefaultValueFactory = _ => new ScoreOptions().BatchSize };
        var precision = PrecisionOption.Create();
        var train = new Option<bool>("--train") { Description = "Instead: time one epoch of frozen-mode head training on cached features of --posts synthetic posts" };
        var posts = new Option<int>("--posts") { Description = "Posts for --train", DefaultValueFactory = _ => 100_000 };
        var cmd = new Command("bench", "Measure model-only, backbone-only and end-to-end rank throughput (1080 px and 12 MP JPEGs)") { model, photos, count, seconds, batch, precision, train, posts };
        cmd.SetAction(r =>
        {
            Out.Std.WriteLine($"CPU: {CpuFeatures.Describe()}");
            if (r.GetValue(train))
            {
                var t = new Table().Title($"Frozen-mode head training, {r.GetValue(posts):N0} posts, batch 256, {Environment.ProcessorCount} cores").AddColumns("head input", "s/epoch", "steps");
                foreach (int crops in new[] { 0, 2 })
                {
                    var (sec, steps) = BestShot.Training.Train.HeadTrainingBenchmark.Run(r.GetValue(posts), 256, crops);
                    t.AddRow(crops == 0 ? "seed model (512 + 16 + 32)" : "with detail crops (1024 + 16 + 32)", F(sec), steps.ToString());
                }
                Out.Std.Write(t);
                return ExitCodes.Ok;
            }
            using var scorer = OnnxScorer.Open(r.GetValue(model), null, r.GetValue(precision) == "int8");
            int n = r.GetValue(count), bs = Math.Max(1, r.GetValue(batch));
            double budget = r.GetValue(seconds);
            string work = Path.Combine(Path.GetTempPath(), $"bestshot-bench-{Environment.ProcessId}");
            try
            {
                var sources = SourcePhotos(r.GetValue(photos));
                // The same number of each size, from the same sources, so that their ratio compares like with like.
                Out.Err.MarkupLineInterpolated($"[grey]writing {n} 1440×1080 and {n} 4000×3000 test JPEGs from {sources.Description}...[/]");
                var hd = WriteJpegs(sources.Images, Path.Combine(work, "1080"), n, 1440, 1080);
                var mp12 = WriteJpegs(sources.Images, Path.Combine(work, "12mp"), n, 4000, 3000);

                var table = new Table().Title($"BestShot throughput ({Environment.ProcessorCount} cores, batch {bs}, model {Path.GetFileName(scorer.ModelPath)}, {scorer.Precision} backbone, {scorer.DetailCrops} detail crops)")
                    .AddColumns("measurement", "photos/s", "note");
                double modelOnly = ModelOnly(scorer, bs, budget);
                table.AddRow("model only", F(modelOnly), $"batched ONNX Runtime on ready tensors: {1 + scorer.DetailCrops} backbone passes + head per photo");
                using (var backbone = new OnnxBackbone())
                    table.AddRow("backbone only, fp32", F(BackboneOnly(backbone, bs, budget)), "one 224×224 ResNet18 pass per image");
                if (File.Exists(Int8Backbone.RangesPath))
                    using (var backbone = new OnnxBackbone(int8: true))
                        table.AddRow("backbone only, int8", F(BackboneOnly(backbone, bs, budget)), "the same pass, QDQ int8");
                var opts = new RankOptions { CachePath = null, Scoring = new ScoreOptions { BatchSize = bs } };
                Ranker.Rank(hd.Take(bs * 2).ToList(), scorer, opts); // warm-up: thread pools, first allocations
                double e2eHd = EndToEnd(hd, scorer, opts);
                double e2e12 = EndToEnd(mp12, scorer, opts);
                table.AddRow("rank, 1440×1080 JPEG", F(e2eHd), "decode + preprocess + score, no cache");
                table.AddRow("rank, 4000×3000 JPEG", F(e2e12), "12 MP: scaled decode for the global view, band decode for crops");
                table.AddRow("end-to-end / model-only", (e2eHd / modelOnly).ToString("P0", CultureInfo.InvariantCulture), "1080 px");
                table.AddRow("12 MP slowdown vs 1080 px", (e2eHd / e2e12).ToString("F2", CultureInfo.InvariantCulture) + "×", "time per photo, 12 MP / 1080 px");
                Out.Std.Write(table);

                var stages = new Table().Title("Decode cost per photo, one thread (ms)").AddColumns("JPEG", "read", "scaled decode", "resize to 224", "detail band", "total", "KB per file");
                foreach (var (name, files) in new[] { ("1440×1080", hd), ("4000×3000", mp12) })
                {
                    var c = DecodeStages.Measure(files, scorer.DetailCrops);
                    stages.AddRow(name, F(c.ReadMs), F(c.ScaledDecodeMs), F(c.ResizeMs), F(c.BandMs), F(c.TotalMs), c.FileKB.ToString("F0", CultureInfo.InvariantCulture));
                }
                Out.Std.Write(stages);
                return ExitCodes.Ok;
            }
            finally
            {
                if (Directory.Exists(work)) Directory.Delete(work, recursive: true); // our own temporary files only
            }
        });
        return cmd;
    }

    static string F(double v) => v.ToString("F1", CultureInfo.InvariantCulture);

    static double ModelOnly(OnnxScorer scorer, int batch, double budget)
    {
        var image = Preprocessor.ToTensor(Pattern(224, 224));
        var images = Copies(image, batch);
        var meta = Enumerable.Range(0, batch).SelectMany(_ => SimulatedMetadata.Seed.Features()).ToArray();
        var detail = scorer.DetailCrops > 0 ? Copies(image, batch * scorer.DetailCrops) : null;
        return Rate(() => scorer.Score(images, meta, batch, detail), batch, budget);
    }

    static double BackboneOnly(OnnxBackbone backbone, int batch, double budget)
    {
        var input = Copies(Preprocessor.ToTensor(Pattern(224, 224)), batch);
        return Rate(() => backbone.Features(input, batch), batch, budget);
    }

    /// <summary>Items per second of `run`, which handles `batch` items: one warm-up call, then at least `budget` seconds.</summary>
    static double Rate(Action run, int batch, double budget)
    {
        run();
        var sw = Stopwatch.StartNew();
        int runs = 0;
        while (sw.Elapsed.TotalSeconds < budget || runs < 2) { run(); runs++; }
        return runs * batch / sw.Elapsed.TotalSeconds;
    }

    /// <summary>`count` copies of one CHW tensor, back to back.</summary>
    static float[] Copies(float[] one, int count)
    {
        var all = new float[count * one.Length];
        for (int i = 0; i < count; i++) one.CopyTo(all, i * one.Length);
        return all;
    }

    static double EndToEnd(List<string> files, OnnxScorer scorer, RankOptions options)
    {
        var sw = Stopwatch.StartNew();
        var result = Ranker.Rank(files, scorer, options);
        if (result.Ranked.Count != files.Count) throw new InvalidOperationException("bench photos failed to score");
        return files.Count / sw.Elapsed.TotalSeconds;
    }

    static (List<RgbImage> Images, string Description) SourcePhotos(string? folder)
    {
        string shared = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "..", "shared", "data", "photos"));
        folder ??= Directory.Exists(shared) ? shared : null;
        if (folder != null && Directory.Exists(folder))
        {
            var files = PhotoFiles.Find(folder);
            var picked = Enumerable.Range(0, Math.Min(24, files.Count)).Select(i => files[i * files.Count / Math.Min(24, files.Count)]).ToList();
            var images = picked.Select(p => { try { return ImageDecoder.Decode(p); } catch (ImageDecodeException) { return null; } }).OfType<RgbImage>().ToList();
            if (images.Count > 0) return (images, folder);
        }
        return (Enumerable.Range(0, 8).Select(i => Pattern(640 + 40 * i, 480)).ToList(), "generated patterns");
    }

    static List<string> WriteJpegs(List<RgbImage> sources, string dir, int count, int width, int height)
    {
        Directory.CreateDirectory(dir);
        var paths = new List<string>();
        for (int i = 0; i < Math.Min(count, sources.Count); i++)
        {
            string p = Path.Combine(dir, $"{i:D4}.jpg");
            ImageEncoder.SaveJpeg(LanczosResizer.Resize(sources[i], width, height), p, 90);
            paths.Add(p);
        }
        // More photos than sources: copies (the benchmark runs without the score cache, so every copy is scored).
        for (int i = paths.Count; i < count; i++)
        {
            string p = Path.Combine(dir, $"{i:D4}.jpg");
            File.Copy(paths[i % sources.Count], p);
            paths.Add(p);
        }
        return paths;
    }

    /// <summary>A deterministic picture with edges and gradients, so the benchmark needs no files.</summary>
    static RgbImage Pattern(int w, int h)
    {
        var img = new RgbImage(w, h);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                int o = (y * w + x) * 3;
                img.Pixels[o] = (byte)(x * 255 / w); img.Pixels[o + 1] = (byte)(y * 255 / h); img.Pixels[o + 2] = (byte)(((x / 16) ^ (y / 16)) % 2 * 200);
            }
        return img;
    }
}
