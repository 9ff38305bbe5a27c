using System.Diagnostics;
using System.Text.Json;
using BestShot.Core.Data;
using BestShot.Core.Score;
using BestShot.Lab.Synth;
using BestShot.Training.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BestShot.Training.Train;

/// <summary>
/// The training run, in the spirit of nanoGPT's train.py: prepare the data, build the model and optimizer, then
/// one straight loop of epochs (train with OneCycle stepped per batch, validate, keep the best checkpoint as the
/// seed's early stopping does, save a resumable one), and finally export the best model.
/// </summary>
public static partial class Trainer
{
    public static EpochMetrics[] Run(
        string dataset,
        string runDir,
        TrainConfig cfg,
        RunEnvironment env,
        bool resume,
        TrainObserver ui,
        CancellationToken cancel = default
    )
    {
        // ---- the run folder: a new run, or one resumed with its own hyperparameters ----
        var run = new RunFolder(runDir);
        Directory.CreateDirectory(runDir);
        if (resume)
        {
            if (!File.Exists(run.Last))
                throw new TrainException($"{runDir}: nothing to resume (no last.ckpt)");
            cfg = Checkpoint.ReadInfo(run.Last).Config;
        }
        else if (File.Exists(run.Last))
            throw new TrainException($"{runDir}: already holds a run; pass --resume to continue it or choose another --out");
        else if (cfg.Init != null)
        {
            (cfg, var adopted) = HeadInit.Adopt(cfg);
            ui.Info(adopted);
        }
        if (!resume && cfg.NativeMeasures && cfg.MeasuresVersion == null) // a new run reads the newest set; a resumed run its own
            cfg = cfg with { MeasuresVersion = Core.Features.DetailMeasures.Version };
        if (cfg.Problem() is string problem)
            throw new TrainException(problem);
        if (env.Threads > 0)
            torch.set_num_threads(env.Threads);

        // ---- data: filter, split by user, validation pairs; then the batches ----
        var set = TrainingSet.Load(dataset, cfg.Split);
        ui.Info(cfg.Split.Describe(set.Mode));
        var words = Core.Import.Vocabulary.For(set.Train.Concat(set.Validation).ToList());
        ui.Info(
            $"{set.Filter.PostsIn} {words.Items} in, {set.Filter.Kept.Count} pass the filters: {set.Train.Count} train / "
                + $"{set.Validation.Count} validation {words.Items}, {set.ScoredPairs} validation pairs"
        );
        (set, var data) = cfg.Backbone == BackboneMode.Frozen ? FrozenData(set, cfg, env, ui, cancel) : ImageData(set, cfg, ui, cancel);
        if (set.Train.Count == 0 || set.ScoredPairs == 0)
            throw new TrainException($"{dataset}: no usable training posts or validation pairs remain after skipping unreadable images");

        // ---- model and optimizer ----
        torch.manual_seed(RunSeeds.Init(cfg.Seed));
        var head = new ScoreHead(cfg.Dropout, cfg.DetailCrops > 0, cfg.MeasureCount);
        if (cfg.Init != null && !resume)
            HeadInit.Load(head, cfg.Init);
        if (cfg.LinearProbe && !resume && data is FrozenBatches frozen)
        {
            var probe = LinearProbe.Fit(set.Train, frozen.Views);
            LinearChannel.Plant(head, probe);
            ui.Info(
                $"the head starts from a linear probe (ridge strengths by account-wise cross-validation: {probe.Alphas}; "
                    + $"MSE {probe.CvMse:F4})"
            );
        }
        nn.Module<Batch, Tensor> model = cfg.Backbone == BackboneMode.Frozen ? head : new FineTuneModel(TrainableBackbone(cfg), head);
        using var average = cfg.AverageEpochs > 0 ? new WeightAverage(head, cfg, data.TrainBatchCount) : null;
        nn.Module<Batch, Tensor> judged = average?.Model ?? model; // what validation scores and best.ckpt keeps
        var optimizer = AdamW(model, cfg);
        var scheduler = optim.lr_scheduler.OneCycleLR(optimizer, max_lr: cfg.Lr, total_steps: cfg.Epochs * data.TrainBatchCount);

        int startEpoch = 0,
            bestEpoch = -1;
        long steps = 0;
        double best = double.PositiveInfinity;
        IReadOnlyDictionary<string, double>? bestScores = null; // the best epoch's validation scores, for the summary
        var history = new List<EpochMetrics>();
        if (resume)
        {
            var info = Checkpoint.Load(run.Last, model, optimizer, average?.Model);
            for (long s = 0; s < info.Steps; s++)
                scheduler.step(); // OneCycle's state is its step count
            (startEpoch, steps, best, bestEpoch) = (info.Epoch + 1, info.Steps, info.BestValLoss, info.BestEpoch);
            if (File.Exists(run.Metrics))
                history.AddRange(
                    File.ReadAllLines(run.Metrics)
                        .Select(l => JsonSerializer.Deserialize<EpochMetrics>(l)!)
                        .Where(m => m.Epoch < startEpoch)
                );
            ui.Info($"resuming after epoch {info.Epoch + 1} of {cfg.Epochs} (best validation loss {best:F4} at epoch {bestEpoch + 1})");
        }
        else
            AtomicFile.WriteAllText(run.Config, cfg.ToJson());

        // ---- the loop ----
        for (int epoch = startEpoch; epoch < cfg.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            torch.manual_seed(RunSeeds.Masks(cfg.Seed, epoch));
            model.train();
            double trainLoss = 0;
            foreach (var batch in ui.Track(data.Train(epoch), $"epoch {epoch + 1}/{cfg.Epochs}", data.TrainBatchCount))
            {
                cancel.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                using var _ = batch;
                optimizer.zero_grad();
                var loss = Losses.Compute(cfg, model.forward(batch), batch);
                loss.backward();
                SafeStep.Step(optimizer);
                average?.Update();
                scheduler.step();
                steps++;
                trainLoss += loss.item<float>();
            }
            cancel.ThrowIfCancellationRequested();
            trainLoss /= data.TrainBatchCount;
            if (!double.IsFinite(trainLoss))
                throw new TrainException(
                    $"training diverged: the loss is {trainLoss} in epoch {epoch + 1}; lower --lr, or check the inputs for NaN"
                );

            model.eval();
            var scores = Predict(judged, data);
            double valLoss = Losses.Validation(cfg, set.Validation, set.Pairs, scores);
            double criterion = EpochChoice.Criterion(history, valLoss, cfg.SmoothEpochs);
            bool improved = criterion < best;
            if (improved)
                (best, bestEpoch, bestScores) = (criterion, epoch, scores);
            var metrics = new EpochMetrics(
                epoch,
                trainLoss,
                valLoss,
                EvalFigures.Mse(set.Validation, scores),
                EvalFigures.Accuracy(set.Pairs, scores),
                clock.Elapsed.TotalSeconds,
                scheduler.get_last_lr().First(),
                improved
            );
            history.Add(metrics);

            // last.ckpt goes last: a run killed before it resumes from the epoch before, redoing this one, and
            // drops this epoch's metrics line (resume keeps lines of finished epochs only).
            if (improved)
            {
                Checkpoint.Save(run.Best, new CheckpointInfo(cfg, epoch, steps, best, bestEpoch), judged, null);
                if (ScoreScale.Fit(set.Validation, scores, DegradationsSynth.ScaleAnchor) is { } scale)
                    AtomicFile.WriteAllText(run.BestScale, scale.ToJson());
                else
                    File.Delete(run.BestScale);
            }
            AtomicFile.WriteAllText(run.Metrics, string.Join("\n", history.Select(m => JsonSerializer.Serialize(m))) + "\n");
            Checkpoint.Save(run.Last, new CheckpointInfo(cfg, epoch, steps, best, bestEpoch), model, optimizer, average?.Model);
            ui.EpochDone(metrics);
            if (cfg.Patience > 0 && epoch - bestEpoch >= cfg.Patience)
            {
                ui.Info(
                    $"{(cfg.SmoothEpochs > 1 ? "the mean " : "")}validation loss has not improved for {cfg.Patience} epochs: stopping early"
                );
                break;
            }
        }

        // ---- outputs ----
        Curves.Save(run.Curves, history);
        RunSummary.Write(run, dataset, cfg, set, history, bestScores);
        Exporter.Export(run.Best, run.Model);
        ModelChoice.KeepTheBest(run, cfg, set, bestScores, words, ui, cancel);
        string judgedBy = cfg.SmoothEpochs > 1 ? $"best mean validation loss of {cfg.SmoothEpochs} epochs" : "best validation loss";
        ui.Info($"{judgedBy} {best:F4} at epoch {bestEpoch + 1}; wrote {run.Best}, {run.Model}, {run.Curves}, {run.Summary}");
        return history.ToArray();
    }

    /// <summary>
    /// As nanoGPT's configure_optimizers: weight decay only on weights of 2 or more dimensions (linear and conv).
    /// Decaying biases and batch-norm scales pulls offsets and gains towards zero without limiting what the model fits.
    /// </summary>
    public static AdamW AdamW(nn.Module model, TrainConfig cfg)
    {
        var trainable = model.parameters().Where(p => p.requires_grad).ToList();
        return optim.AdamW(
            [
                new AdamW.ParamGroup(trainable.Where(p => p.dim() >= 2).ToList(), lr: cfg.Lr, weight_decay: cfg.WeightDecay),
                new AdamW.ParamGroup(trainable.Where(p => p.dim() < 2).ToList(), lr: cfg.Lr, weight_decay: 0),
            ],
            lr: cfg.Lr
        );
    }

    /// <summary>Every validation post's score, the model in eval mode.</summary>
    static Dictionary<string, double> Predict(nn.Module<Batch, Tensor> model, IBatchSource data)
    {
        using var _ = no_grad();
        var scores = new Dictionary<string, double>();
        foreach (var batch in data.Validation())
        {
            using var scope = NewDisposeScope();
            using var b = batch;
            var output = model.forward(b).squeeze(1).data<float>().ToArray();
            for (int i = 0; i < output.Length; i++)
                scores[b.Posts[i].PostId] = output[i];
        }
        return scores;
    }
}
