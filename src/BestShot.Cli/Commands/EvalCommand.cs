using System.CommandLine;
using BestShot.Core.Data;
using BestShot.Core.Filter;
using BestShot.Core.Import;
using BestShot.Core.Score;
using BestShot.Lab.Eval;

namespace BestShot.Cli.Commands;

/// <summary>`bestshot eval RUN_OR_MODEL DATASET`: pairwise accuracy and friends, with baselines.</summary>
public static class EvalCommand
{
    public static Command Create(CliConsole console)
    {
        var modelArg = new Argument<string>("run-or-model") { Description = "A run folder (its model.onnx) or an exported .onnx model" };
        var dataset = new Argument<string>("dataset")
        {
            Description = "Dataset folder; evaluated on the run's validation users (same filters, seed and split)",
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var noBaselines = new Option<bool>("--no-quality-baselines")
        {
            Description = "On a `synth degradations` dataset, skip the one-line quality measures (they decode every photo again)",
        };
        var precision = PrecisionOption.Create();
        var cmd = new Command(
            "eval",
            "Evaluate a model on the seed's validation pairs, next to metadata-only, image-only and chance baselines"
        )
        {
            modelArg,
            dataset,
            json,
            precision,
            noBaselines,
        };
        cmd.SetAction(
            (r, cancel) =>
            {
                string m = r.GetValue(modelArg)!;
                string modelPath = Directory.Exists(m) ? Path.Combine(m, "model.onnx") : m;
                try
                {
                    using var scorer = OnnxScorer.Open(modelPath, null, r.GetValue(precision) == "int8");
                    var posts = DatasetFile.Read(r.GetValue(dataset)!);
                    EvalReport? report = null;
                    var options = new EvalOptions { Split = SplitOptions.FromModel(scorer.Metadata) ?? new() };
                    console.Progress(
                        "scoring validation photos",
                        100,
                        tick =>
                            report = Evaluator.Run(
                                scorer,
                                posts,
                                options,
                                (p, why) => console.Skip(p, why),
                                (done, total) => tick(done * 100 / total),
                                cancel,
                                compareBuiltIn: Path.GetFullPath(modelPath) != Path.GetFullPath(OnnxScorer.DefaultModelPath)
                            )
                    );
                    IReadOnlyList<(string Name, DegradationReport Report)> quality = [];
                    if (report!.Degradations != null && !r.GetValue(noBaselines))
                        console.Progress(
                            "quality baselines",
                            report.Usable.Count,
                            tick => quality = QualityBaselines.Compute(report.Usable, console.Skip, (done, _) => tick(done), cancel)
                        );
                    string which = Which(modelPath, Directory.Exists(m), scorer);
                    if (r.GetValue(json))
                        console.Print(EvalOutput.Json(report, quality, which));
                    else
                    {
                        console.Note($"evaluated: {which}");
                        EvalOutput.Print(console, report, quality, Vocabulary.For(posts));
                    }
                    return Task.FromResult(ExitCodes.Ok);
                }
                catch (Exception e) when (e is FileNotFoundException or InvalidDataException or DatasetException)
                {
                    console.Error(e.Message);
                    return Task.FromResult(ExitCodes.BadInput);
                }
            }
        );
        return cmd;
    }

    /// <summary>
    /// Which model `eval` scored, in words. A run's model.onnx is what `train` kept: its own, or the built-in model when
    /// the run did not beat it on its validation pairs (then the run's own is personal.onnx beside it).
    /// </summary>
    static string Which(string modelPath, bool runFolder, OnnxScorer scorer) =>
        scorer.Metadata.TryGetValue(BestShot.Core.Model.HeadFile.KeptKey, out var kept) ? $"{modelPath}, the {kept}"
        : runFolder ? $"{modelPath}, this run's own model"
        : modelPath;
}
