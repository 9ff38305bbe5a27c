using System.Diagnostics;
using BestShot.Core.Backbone;
using BestShot.Core.Features;
using BestShot.Core.Imaging;
using BestShot.Core.Rank;
using BestShot.Core.Score;

namespace BestShot.Lab.Bench;

/// <summary>What `bench` measures and on how much.</summary>
public sealed record ScoringBenchOptions
{
    /// <summary>Photos per end-to-end run, at each of the two sizes.</summary>
    public int Count { get; init; } = 120;
    public int BatchSize { get; init; } = new ScoreOptions().BatchSize;

    /// <summary>Seconds per model-only measurement.</summary>
    public double Seconds { get; init; } = 4.0;

    /// <summary>Source photos for the test JPEGs; null: the reference photos when present, else generated patterns.</summary>
    public string? Photos { get; init; }
}

/// <summary>Photos per second of each part of scoring, and where one photo's decode time goes.</summary>
public sealed record ScoringBenchFigures(
    double ModelOnly,
    double BackboneFp32,
    double? BackboneInt8,
    double RankHd,
    double Rank12Mp,
    ReasonsCost Reasons,
    DecodeStages.Costs HdStages,
    DecodeStages.Costs Mp12Stages,
    string Sources
);

/// <summary>
/// What the look (face and line models) costs `rank`: it runs on the photos scoring under
/// <see cref="Core.Look.Reasons.LowScore"/> only, so its share of the time depends on how many those are.
/// </summary>
/// <param name="RankWithReasons">Photos/s of rank followed by the reasons for its low scorers (the `rank` command's work).</param>
/// <param name="LookedAt">How many of the photos scored low and were looked at.</param>
/// <param name="LookOnly">Photos/s of the look alone (decode at ≤ 1536 px, both detectors, the measures), every core.</param>
public sealed record ReasonsCost(double RankWithReasons, int LookedAt, int Photos, double LookOnly);

/// <summary>
/// Throughput measured in one run, so that its ratios are comparable on a noisy machine: model only (ready
/// tensors), backbone only, and end-to-end rank of 1440×1080 and 4000×3000 JPEGs written from the same sources.
/// </summary>
public static class ScoringBench
{
    public static ScoringBenchFigures Run(OnnxScorer scorer, ScoringBenchOptions o, Action<string>? info = null)
    {
        int bs = Math.Max(1, o.BatchSize);
        string work = Path.Combine(Path.GetTempPath(), $"bestshot-bench-{Environment.ProcessId}");
        try
        {
            var (images, description) = SourcePhotos(o.Photos);
            // The same number of each size, from the same sources, so that their ratio compares like with like.
            info?.Invoke($"writing {o.Count} 1440×1080 and {o.Count} 4000×3000 test JPEGs from {description}...");
            var hd = WriteJpegs(images, Path.Combine(work, "1080"), o.Count, 1440, 1080);
            var mp12 = WriteJpegs(images, Path.Combine(work, "12mp"), o.Count, 4000, 3000);

            double modelOnly = ModelOnly(scorer, bs, o.Seconds);
            double fp32,
                int8 = double.NaN;
            using (var backbone = new OnnxBackbone())
                fp32 = BackboneOnly(backbone, bs, o.Seconds);
            if (File.Exists(Int8Backbone.RangesPath))
                using (var backbone = new OnnxBackbone(int8: true))
                    int8 = BackboneOnly(backbone, bs, o.Seconds);
            var rank = new RankOptions
            {
                Facts = new()
                {
                    StorePath = null,
                    Scoring = new ScoreOptions { BatchSize = bs },
                },
            };
            Ranker.Rank(hd.Take(bs * 2).ToList(), scorer, rank); // warm-up: thread pools, first allocations
            double e2eHd = EndToEnd(hd, scorer, rank),
                e2e12 = EndToEnd(mp12, scorer, rank);
            var reasons = Reasons(hd, scorer, rank);
            return new ScoringBenchFigures(
                modelOnly,
                fp32,
                double.IsNaN(int8) ? null : int8,
                e2eHd,
                e2e12,
                reasons,
                DecodeStages.Measure(hd, BandCrops(scorer), scorer.MeasureCount),
                DecodeStages.Measure(mp12, BandCrops(scorer), scorer.MeasureCount),
                description
            );
        }
        finally
        {
            if (Directory.Exists(work))
                Directory.Delete(work, recursive: true); // our own temporary files only
        }
    }

    /// <summary>The crops the scorer decodes from the band: its CNN crops, or the native measures' own.</summary>
    static int BandCrops(OnnxScorer scorer) => scorer.NativeMeasures ? DetailMeasures.CropsFor(scorer.DetailCrops) : scorer.DetailCrops;

    static double ModelOnly(OnnxScorer scorer, int batch, double budget)
    {
        var image = Preprocessor.ToTensor(Pattern(224, 224));
        var images = Copies(image, batch);
        var meta = Enumerable.Range(0, batch).SelectMany(_ => SimulatedMetadata.Seed.Features()).ToArray();
        var detail = scorer.DetailCrops > 0 ? Copies(image, batch * scorer.DetailCrops) : null;
        var measures = scorer.NativeMeasures ? new float[batch * scorer.MeasureCount] : null; // computed while decoding
        return Rate(() => scorer.Score(images, meta, batch, detail, measures), batch, budget);
    }

    static double BackboneOnly(OnnxBackbone backbone, int batch, double budget)
    {
        var input = Copies(Preprocessor.ToTensor(Pattern(224, 224)), batch);
        return Rate(() => backbone.Features(input, batch), batch, budget);
    }

    /// <summary>Items per second of `run`, which handles `batch` items: one warm-up call, then at least `budget` seconds.</summary>
    public static double Rate(Action run, int batch, double budget)
    {
        run();
        var sw = Stopwatch.StartNew();
        int runs = 0;
        while (sw.Elapsed.TotalSeconds < budget || runs < 2)
        {
            run();
            runs++;
        }
        return runs * batch / sw.Elapsed.TotalSeconds;
    }

    /// <summary>`count` copies of one CHW tensor, back to back.</summary>
    static float[] Copies(float[] one, int count)
    {
        var all = new float[count * one.Length];
        for (int i = 0; i < count; i++)
            one.CopyTo(all, i * one.Length);
        return all;
    }

    static double EndToEnd(List<string> files, OnnxScorer scorer, RankOptions options)
    {
        var sw = Stopwatch.StartNew();
        var result = Ranker.Rank(files, scorer, options);
        if (result.Ranked.Count != files.Count)
            throw new InvalidOperationException("bench photos failed to score");
        return files.Count / sw.Elapsed.TotalSeconds;
    }

    static ReasonsCost Reasons(List<string> files, OnnxScorer scorer, RankOptions options)
    {
        var sw = Stopwatch.StartNew();
        var ranked = LowScoreReasons.For(Ranker.Rank(files, scorer, options).Ranked, cachePath: null);
        double withReasons = files.Count / sw.Elapsed.TotalSeconds;
        sw.Restart();
        Core.Facts.Looks.For(files, cachePath: null);
        double lookOnly = files.Count / sw.Elapsed.TotalSeconds;
        return new ReasonsCost(withReasons, ranked.Count(p => p.Score100 < Core.Look.Reasons.LowScore), files.Count, lookOnly);
    }

    /// <summary>Up to 24 photos spread over the folder (default: the reference photos next to a source checkout).</summary>
    static (List<RgbImage> Images, string Description) SourcePhotos(string? folder)
    {
        folder ??= CullBench.SharedPhotos();
        if (folder != null && Directory.Exists(folder))
        {
            var files = PhotoFiles.Find(folder);
            var picked = Enumerable
                .Range(0, Math.Min(24, files.Count))
                .Select(i => files[i * files.Count / Math.Min(24, files.Count)])
                .ToList();
            var images = picked
                .Select(p =>
                {
                    try
                    {
                        return ImageDecoder.Decode(p);
                    }
                    catch (ImageDecodeException)
                    {
                        return null;
                    }
                })
                .OfType<RgbImage>()
                .ToList();
            if (images.Count > 0)
                return (images, folder);
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
            img.Pixels[o] = (byte)(x * 255 / w);
            img.Pixels[o + 1] = (byte)(y * 255 / h);
            img.Pixels[o + 2] = (byte)(((x / 16) ^ (y / 16)) % 2 * 200);
        }
        return img;
    }
}
