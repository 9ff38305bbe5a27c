using System.Globalization;
using System.Text;
using System.Text.Json;
using BestShot.Core.Data;
using BestShot.Lab.Eval;
using BestShot.Lab.Synth;

namespace BestShot.Training.Train;

/// <summary>
/// summary.md: what was trained on, the best epoch, the known ceiling when the data came from `synth posts`, and the
/// per-kind table when it came from `synth degradations` (validation photos, the best epoch's scores).
/// </summary>
public static class RunSummary
{
    public static void Write(
        RunFolder run,
        string dataset,
        TrainConfig cfg,
        TrainingSet set,
        IReadOnlyList<EpochMetrics> history,
        IReadOnlyDictionary<string, double>? bestScores = null
    )
    {
        var best = history.Where(m => m.Best).LastOrDefault() ?? history.Last();
        var s = new StringBuilder();
        var ci = CultureInfo.InvariantCulture;
        s.AppendLine("# BestShot training run").AppendLine();
        s.AppendLine(ci, $"- dataset: `{Path.GetFullPath(dataset)}`");
        s.AppendLine(
            ci,
            $"- backbone: {cfg.Backbone}, loss: {cfg.Loss} (cross-pair weight {cfg.CrossPairWeight}, gap {cfg.CrossPairMinGap}, MSE weight "
                + $"{cfg.MseWeight}), epochs run: {history.Count}/{cfg.Epochs}, batch {cfg.BatchSize}, lr "
                + $"{cfg.Lr}, weight decay {cfg.WeightDecay}, seed {cfg.Seed}"
        );
        s.AppendLine(ci, $"- machine: {BestShot.Core.Backbone.CpuFeatures.Describe()}");
        s.AppendLine(
            ci,
            $"- {Core.Import.Vocabulary.For(set.Train.Concat(set.Validation).ToList()).Items}: {set.Train.Count} train, "
                + $"{set.Validation.Count} validation; {set.Pairs.Count(p => !p.IsTie)} validation pairs"
        );
        s.AppendLine(
            ci,
            $"- best epoch: {best.Epoch + 1}: validation loss {best.ValLoss:F4}, validation MSE {best.ValMse:F4}, pairwise accuracy "
                + $"{best.PairwiseAccuracy:P1}"
        );
        string synth = Path.Combine(Directory.Exists(dataset) ? dataset : Path.GetDirectoryName(dataset)!, "synth.json");
        if (File.Exists(synth))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(synth));
            if (doc.RootElement.TryGetProperty("ceiling_pairwise_accuracy", out var c))
                s.AppendLine(
                    ci,
                    $"- synthetic data: a perfect model reaches {c.GetDouble():P1} on its validation pairs (split seed "
                        + $"{doc.RootElement.GetProperty("split_seed").GetInt32()})"
                );
        }
        var degradations = bestScores == null ? null : DegradationReport.Compute(set.Validation, bestScores);
        if (degradations != null)
        {
            s.AppendLine(ci, $"- degradations, validation photos, best epoch: {degradations.Headline()}");
            s.AppendLine()
                .AppendLine(
                    "Validation photos, best epoch: within, the share of (original, degraded) pairs where the original scores "
                        + "higher; across, the AUC of originals against other photos' degraded copies"
                )
                .AppendLine();
            s.AppendLine("| degradation | within low | medium | high | across low | medium | high |")
                .AppendLine("|---|---|---|---|---|---|---|");
            foreach (var kind in degradations.Rows.GroupBy(r => r.Kind))
            {
                var rows = kind.OrderBy(r => r.Severity).ToList();
                s.AppendLine(
                    ci,
                    $"| {Degradation.Name(kind.Key)} | {string.Join(" | ", rows.Select(r => r.OriginalWins.ToString("P1", ci)))} | "
                        + $"{string.Join(" | ", rows.Select(r => r.CrossPhotoAuc.ToString("F2", ci)))} |"
                );
            }
        }
        s.AppendLine()
            .AppendLine("| epoch | train loss | val loss | val MSE | pairwise acc | lr | s |")
            .AppendLine("|---|---|---|---|---|---|---|");
        foreach (var m in history)
            s.AppendLine(
                ci,
                $"| {m.Epoch + 1}{(m.Best ? " *" : "")} | {m.TrainLoss:F4} | {m.ValLoss:F4} | {m.ValMse:F4} | {m.PairwiseAccuracy:P1} | "
                    + $"{m.Lr:G3} | {m.Seconds:F1} |"
            );
        AtomicFile.WriteAllText(run.Summary, s.ToString());
    }
}
