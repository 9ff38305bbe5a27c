using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BestShot.Core.Backbone;
using BestShot.Core.Features;
using BestShot.Core.Imaging;
using BestShot.Core.Present;
using BestShot.Core.Rank;
using BestShot.Core.Score;
using nietras.SeparatedValues;
using Spectre.Console;

namespace BestShot.Cli.Commands;

/// <summary>`bestshot rank PATH...`: the main job. Scores every photo and prints them best first.</summary>
public static class RankCommand
{
    /// <summary>Some photos could not be read; the rest were ranked.</summary>
    public const int SomeSkipped = 3;
    public const int Interrupted = 130;

    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Photos or folders (searched recursively)", Arity = ArgumentArity.OneOrMore };
        var model = new Option<string?>("--model", "-m") { Description = "A model written by `bestshot export` (default: the built-in model)" };
        var top = new Option<int?>("--top", "-n") { Description = "Show only the best N" };
        var json = new Option<bool>("--json") { Description = "Print a JSON array of {path, score, rank}, best first" };
        var csv = new Option<bool>("--csv") { Description = "Print CSV: rank,score,path" };
        var html = new Option<string?>("--html") { Description = "Also write a self-contained HTML contact sheet to this file" };
        var preset = new Option<string>("--preset") { Description = $"Simulated account: {string.Join(", ", SimulatedMetadata.Presets.Keys)}", DefaultValueFactory = _ => "seed" };
        var avgLikes = new Option<double?>("--avg-likes") { Description = "Override the simulated average likes" };
        var followers = new Option<double?>("--followers") { Description = "Override the simulated follower count" };
        var following = new Option<double?>("--following") { Description = "Override the simulated following count" };
        var daysAgo = new Option<double?>("--days-ago") { Description = "Override the simulated post age in days" };
        var cache = new Option<string?>("--cache") { Description = $"Score cache file (default {ScoreCache.DefaultPath})" };
        var noCache = new Option<bool>("--no-cache") { Description = "Neither read nor write the score cache" };
        var device = new Option<string>("--device") { Description = "cpu, or cuda (ONNX Runtime's CUDA provider, when installed)", DefaultValueFactory = _ => "cpu" };
        device.AcceptOnlyFromAmong("cpu", "cuda");
        var precision = PrecisionOption.Create();
        var maxMp = new Option<double>("--max-megapixels") { Description = "Skip photos whose header claims more megapixels than this", DefaultValueFactory = _ => DecodeOptions.DefaultMaxPixels / 1e6 };
        var batch = new Option<int>("--batch-size") { Description = "Photos per inference batch", DefaultValueFactory = _ => new ScoreOptions().BatchSize };
        var cmd = new Command("rank", "Score photos and list them best first")
        {
            paths, model, top, json, csv, html, preset, avgLikes, followers, following, daysAgo, cache, noCache, device, precision, batch, maxMp,
        };
        cmd.SetAction((r, cancel) => Task.FromResult(Run(r, cancel, paths, model, top, json, csv, html, preset, avgLikes, followers, following, daysAgo, cache, noCache, device, precision, batch, maxMp)));
        return cmd;
    }

    static int Run(ParseResult r, CancellationToken cancel, Argument<string[]> pathsArg, Option<string?> modelOpt, Option<int?> topOpt, Option<bool> jsonOpt,
        Option<bool> csvOpt, Option<string?> htmlOpt, Option<string> presetOpt, Option<double?> avgOpt, Option<double?> folOpt, Option<double?> fingOpt,
        Option<double?> daysOpt, Option<string?> cacheOpt, Option<bool> noCacheOpt, Option<string> deviceOpt, Option<string> precisionOpt, Option<int> batchOpt,
        Option<double> maxMpOpt)
    {
        if (!SimulatedMetadata.Presets.TryGetValue(r.GetValue(presetOpt)!, out var preset))
        {
            Out.Error($"--preset '{r.GetValue(presetOpt)}' is unknown; choose one of {string.Join(", ", SimulatedMetadata.Presets.Keys)}");
            return ExitCodes.BadInput;
        }
        var metadata = preset with
        {
            AvgLikes = r.GetValue(avgOpt) ?? preset.AvgLikes,
            Followers = r.GetValue(folOpt) ?? preset.Followers,
            Following = r.GetValue(fingOpt) ?? preset.Following,
            DaysAgo = r.GetValue(daysOpt) ?? preset.DaysAgo,
        };
        if (metadata.AvgLikes <= 0 || metadata.Followers < 0 || metadata.Following < 0 || metadata.DaysAgo < 0)
        {
            Out.Error("--avg-likes must be positive; --followers, --following and --days-ago cannot be negative");
            return ExitCodes.BadInput;
        }
        if (r.GetValue(maxMpOpt) <= 0)
        {
            Out.Error($"--max-megapixels must be positive, not {r.GetValue(maxMpOpt)}");
            return ExitCodes.BadInput;
        }
        bool cuda = r.GetValue(deviceOpt) == "cuda";
        if (cuda && !OrtOptions.CudaAvailable)
            Out.Warn("--device cuda: ONNX Runtime's CUDA provider is not available in this build (it ships the CPU package); scoring on the CPU");

        var walk = PhotoFiles.Walk(r.GetValue(pathsArg)!, cancel);
        var (photos, missing) = (walk.Photos, walk.Skipped);
        foreach (var (p, why) in missing.Concat(walk.Notes)) Out.Skip($"{p}: {why}");
        if (photos.Count == 0)
        {
            Out.Error($"no photos found in {string.Join(", ", r.GetValue(pathsArg)!)}");
            return ExitCodes.BadInput;
        }

        OnnxScorer scorer;
        try { scorer = OnnxScorer.Open(r.GetValue(modelOpt), new OrtOptions { UseCuda = cuda }, r.GetValue(precisionOpt) == "int8"); }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException) { Out.Error(e.Message); return ExitCodes.BadInput; }

        var options = new RankOptions
        {
            Metadata = metadata,
            CachePath = r.GetValue(noCacheOpt) ? null : r.GetValue(cacheOpt) ?? ScoreCache.DefaultPath,
            Scoring = new ScoreOptions { BatchSize = Math.Max(1, r.GetValue(batchOpt)), MaxPixels = (long)(r.GetValue(maxMpOpt) * 1e6) },
        };
        var clock = Stopwatch.StartNew();
        RankResult? result = null;
        using (scorer)
        {
            Out.Progress($"ranking {photos.Count} photos", photos.Count, report =>
                result = Ranker.Rank(photos, scorer, options, (p, why) => Out.Skip($"{p}: {why}"), (done, _) => report(done), cancel));
        }
        var res = result!;
        var shown = r.GetValue(topOpt) is int n ? res.Ranked.Take(Math.Max(0, n)).ToList() : res.Ranked.ToList();

        if (r.GetValue(jsonOpt))
            System.Console.WriteLine(JsonSerializer.Serialize(shown.Select(x => new { path = x.Path, score = x.Score, rank = x.Rank })));
        else if (r.GetValue(csvOpt))
        {
            using var writer = Sep.New(',').Writer(o => o with { Escape = true }).To(System.Console.Out);
            foreach (var x in shown)
            {
                using var row = writer.NewRow();
                row["rank"].Format(x.Rank);
                row["score"].Set(x.Score.ToString("F6", CultureInfo.InvariantCulture));
                row["path"].Set(x.Path);
            }
        }
        else
        {
            var table = new Table().AddColumns(new TableColumn("rank").RightAligned(), new TableColumn("score").RightAligned(), new TableColumn("file"));
            foreach (var x in shown) table.AddRow(x.Rank.ToString(), x.Score.ToString("F3", CultureInfo.InvariantCulture), Markup.Escape(Display(x.Path)));
            Out.Std.Write(table);
        }
        if (r.GetValue(htmlOpt) is string htmlPath)
        {
            HtmlReport.Write(htmlPath, shown, Path.GetFileName(scorer.ModelPath), res.Skipped);
            Out.Err.MarkupLineInterpolated($"Wrote [bold]{htmlPath}[/]");
        }

        double seconds = clock.Elapsed.TotalSeconds;
        System.Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{res.Ranked.Count} of {res.Total} photos ranked ({res.FromCache} from cache, {res.Scored} scored) in {seconds:F1} s, {res.Ranked.Count / Math.Max(seconds, 1e-3):F1} photos/s; {res.Skipped.Count + missing.Count} skipped"));
        if (res.Skipped.Count + missing.Count > 0)
            System.Console.Error.WriteLine("skipped: " + string.Join(", ", res.Skipped.Concat(missing).Select(s => Display(s.Path))));
        if (res.Interrupted)
        {
            System.Console.Error.WriteLine($"interrupted: {res.Ranked.Count} of {res.Total} photos done; their scores are cached, so running the same command again continues from there");
            return Interrupted;
        }
        return res.Skipped.Count + missing.Count > 0 ? SomeSkipped : ExitCodes.Ok;
    }

    /// <summary>Paths under the current folder are shown relative to it.</summary>
    static string Display(string path)
    {
        string rel = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return rel.StartsWith("..", StringComparison.Ordinal) ? path : rel;
    }
}
