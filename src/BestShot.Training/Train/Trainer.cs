using System.Diagnostics;
using System.Text.Json;
using BestShot.Core.Data;
using BestShot.Core.Features;
using BestShot.Training.Export;
using BestShot.Training.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BestShot.Training.Train;

/// <summary>
/// The training loop, in the spirit of nanoGPT's train.py: prepare data, build the model, then one straight loop
/// of epochs — train with OneCycle stepped per batch, validate, keep the best checkpoint (the seed's early
/// stopping), save a resumable checkpoint — and finally export the best model.
/// </summary>
public static class Trainer
{
    public static EpochMetrics[] Run(string dataset, string runDir, TrainConfig cfg, bool resume, TrainObserver ui, CancellationToken cancel = default)
    {
        var run = new RunFolder(runDir);
        Directory.CreateDirectory(runDir);
        if (resume)
        {
            if (!File.Exists(run.Last)) throw new TrainException($"{runDir}: nothing to resume (no last.ckpt)");
            cfg = Checkpoint.ReadInfo(run.Last).Config; // a resumed run keeps its own hyperparameters
        }
        else if (File.Exists(run.Last)) throw new TrainException($"{runDir}: already holds a run; pass --resume to continue it or choose another --out");
        if (cfg.Threads > 0) torch.set_num_threads(cfg.Threads);

        // ---- data: filter, split by user, validation pairs ----
        var set = TrainingSet.Load(dataset, cfg);
        ui.Info($"{set.Filter.PostsIn} posts in, {set.Filter.Kept.Count} pass the filters: {set.Train.Count} train / {set.Validation.Count} validation posts, {set.Pairs.Count(p => !p.IsTie)} validation pairs");
        var userIds = set.Filter.Kept.Select(p => p.UserId).Distinct().Select((u, i) => (u, i)).ToDictionary(x => x.u, x => x.i);

        // ---- inputs: cached backbone features (frozen) or images on the fly (fine-tune) ----
        FrozenData? frozenTrain = null, frozenVal = null;
        ImageData? imageTrain = null, imageVal = null;
        if (cfg.Backbone == BackboneMode.Frozen)
        {
            var paths = set.Train.Concat(set.Validation).Select(p => p.ImagePath).Distinct().ToList();
            var bad = new HashSet<string>();
            Dictionary<string, ImageViews> views = [];
            var extract = new ExtractOptions { AugmentedViews = cfg.Views, DetailCrops = cfg.DetailCrops, Int8 = cfg.Int8Features, CachePath = cfg.CachePath ?? FeatureCache.DefaultPath, Augment = cfg.Augment };
            ui.Progress($"backbone features ({cfg.Views + 1} views per photo)", paths.Count, report =>
                views = FeatureExtractor.Extract(paths, extract, (p, why) => { lock (bad) bad.Add(p); ui.Skip(p, why); }, (d, _) => report(d), cancel).Views);
            set = set.Without(bad);
            frozenTrain = new FrozenData(set.Train, set.Train.Select(p => views[p.ImagePath]).ToList());
            frozenVal = new FrozenData(set.Validation, set.Validation.Select(p => views[p.ImagePath]).ToList());
        }
        else
        {
            var bad = set.Train.Concat(set.Validation).Select(p => p.ImagePath).Distinct()
                .Select(p => (p, why: BestShot.Core.Imaging.ImageProbe.Problem(p))).Where(x => x.why != null).ToList();
            foreach (var (p, why) in bad) ui.Skip(p, why!);
            set = set.Without(bad.Select(b => b.p).ToHashSet());
            imageTrain = new ImageData(set.Train, cfg.Augment, cfg.DetailCrops);
            imageVal = new ImageData(set.Validation, cfg.Augment, cfg.DetailCrops);
        }
        if (set.Train.Count == 0 || set.Pairs.Count(p => !p.IsTie) == 0) throw new TrainException($"{dataset}: no usable training posts or validation pairs remain after skipping unreadable images");

        // ---- model and optimizer ----
        torch.manual_seed(cfg.Seed);
        var head = new ScoreHead(cfg.Dropout, cfg.DetailCrops > 0);
        FineTuneModel? fineTune = null;
        if (cfg.Backbone == BackboneMode.Finetune)
        {
            var backbone = new ResNet18Cntk();
            backbone.ConfigureFineTuning(cfg.FrozenStages, cfg.DropPath);
            fineTune = new FineTuneModel(backbone, head);
        }
        nn.Module model = fineTune != null ? fineTune : head;
        Tensor Forward(Batch b) => fineTune != null ? fineTune.forward(b.Image!, b.Detail, b.Statistics!, b.Metadata) : head.forward(b.Features!, b.Thumbnail!, b.Metadata);

        var optimizer = optim.AdamW(model.parameters().Where(p => p.requires_grad), lr: cfg.Lr, weight_decay: cfg.WeightDecay);
        int stepsPerEpoch = (set.Train.Count + cfg.BatchSize - 1) / cfg.BatchSize;
        var scheduler = optim.lr_scheduler.OneCycleLR(optimizer, max_lr: cfg.Lr, total_steps: cfg.Epochs * stepsPerEpoch);

        int startEpoch = 0, bestEpoch = -1;
        long steps = 0;
        double best = double.PositiveInfinity;
        IReadOnlyDictionary<string, double>? bestScores = null; // the best epoch's validation scores, for the summary
        var history = new List<EpochMetrics>();
        if (resume)
        {
            var info = Checkpoint.Load(run.Last, model, optimizer);
            for (long s = 0; s < info.Steps; s++) scheduler.step(); // OneCycle's state is its step count
            (startEpoch, steps, best, bestEpoch) = (info.Epoch + 1, info.Steps, info.BestValLoss, info.BestEpoch);
            if (File.Exists(run.Metrics))
                history.AddRange(File.ReadAllLines(run.Metrics).Select(l => JsonSerializer.Deserialize<EpochMetrics>(l)!).Where(m => m.Epoch < startEpoch));
            ui.Info($"resuming after epoch {info.Epoch + 1} of {cfg.Epochs} (best validation loss {best:F4} at epoch {bestEpoch + 1})");
        }
        else AtomicFile.WriteAllText(run.Config, cfg.ToJson());

        // ---- the loop ----
        for (int epoch = startEpoch; epoch < cfg.Epochs; epoch++)
        {
            cancel.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            torch.manual_seed(cfg.Seed * 1000 + epoch); // dropout and drop-path masks, reproducible on resume
            var order = EpochOrder(set.Train, cfg, epoch);
            var batches = order.Chunk(cfg.BatchSize).ToList();
            var viewRng = new Random(cfg.Seed * 7919 + epoch);
            var epochView = set.Train.Select(_ => 1 + viewRng.Next(cfg.Views)).ToArray(); // one augmented view per post
            double trainLoss = 0;

            model.train();
            ui.Progress($"epoch {epoch + 1}/{cfg.Epochs}", batches.Count, report =>
            {
                int done = 0;
                var source = frozenTrain != null
                    ? batches.Select(b => frozenTrain.MakeBatch(b, i => cfg.Views == 0 ? 0 : epochView[i], userIds))
                    : imageTrain!.Batches(batches, cfg.Seed * 100_003 + epoch, userIds, cancel);
                foreach (var batch in source)
                {
                    using var scope = NewDisposeScope();
                    using var _ = batch;
                    optimizer.zero_grad();
                    var loss = Losses.Compute(cfg.Loss, Forward(batch), batch);
                    loss.backward();
                    SafeStep.Step(optimizer);
                    scheduler.step();
                    steps++;
                    trainLoss += loss.item<float>();
                    report(++done);
                    cancel.ThrowIfCancellationRequested();
                }
            });
            trainLoss /= batches.Count;
            if (!double.IsFinite(trainLoss)) throw new TrainException($"training diverged: the loss is {trainLoss} in epoch {epoch + 1}; lower --lr, or check the inputs for NaN");

            model.eval();
            var scores = Predict(set.Validation, frozenVal, imageVal, Forward, userIds, cfg.BatchSize, cancel);
            double valLoss = Losses.Validation(cfg.Loss, set.Validation, set.Pairs, scores);
            double valMse = set.Validation.Average(p => Math.Pow(scores[p.PostId] - p.Label, 2));
            double accuracy = BestShot.Core.Eval.EvalFigures.Accuracy(set.Pairs, scores);
            bool improved = valLoss < best;
            if (improved) { best = valLoss; bestEpoch = epoch; bestScores = scores; }

            var metrics = new EpochMetrics(epoch, trainLoss, valLoss, valMse, accuracy, clock.Elapsed.TotalSeconds, scheduler.get_last_lr().First(), improved);
            history.Add(metrics);
            // last.ckpt goes last: a run killed before it resumes from the epoch before, redoing this one, and
            // drops this epoch's metrics line (resume keeps lines of finished epochs only).
            if (improved) Checkpoint.Save(run.Best, new CheckpointInfo(cfg, epoch, steps, best, bestEpoch), model, null);
            AtomicFile.WriteAllText(run.Metrics, string.Join("\n", history.Select(m => JsonSerializer.Serialize(m))) + "\n");
            Checkpoint.Save(run.Last, new CheckpointInfo(cfg, epoch, steps, best, bestEpoch), model, optimizer);
            ui.EpochDone(metrics);
            if (cfg.Patience > 0 && epoch - bestEpoch >= cfg.Patience) { ui.Info($"validation loss has not improved for {cfg.Patience} epochs: stopping early"); break; }
        }

        // ---- outputs ----
        Curves.Save(run.Curves, history);
        RunSummary.Write(run, dataset, cfg, set, history, bestScores);
        Exporter.Export(run.Best, run.Model);
        ui.Info($"best validation loss {best:F4} at epoch {bestEpoch + 1}; wrote {run.Best}, {run.Model}, {run.Curves}, {run.Summary}");
        return history.ToArray();
    }

    /// <summary>MSE: posts shuffled. RankNet: users shuffled and kept together, so batches hold same-user pairs.</summary>
    static int[] EpochOrder(IReadOnlyList<Post> train, TrainConfig cfg, int epoch)
    {
        var rng = new Random(cfg.Seed * 31 + epoch);
        if (cfg.Loss == LossKind.Mse)
        {
            var order = Enumerable.Range(0, train.Count).ToArray();
            rng.Shuffle(order);
            return order;
        }
        var groups = Enumerable.Range(0, train.Count).GroupBy(i => train[i].UserId).Select(g => g.ToArray()).ToArray();
        rng.Shuffle(groups);
        foreach (var g in groups) rng.Shuffle(g);
        return groups.SelectMany(g => g).ToArray();
    }

    static Dictionary<string, double> Predict(IReadOnlyList<Post> posts, FrozenData? frozen, ImageData? images, Func<Batch, Tensor> forward,
        IReadOnlyDictionary<string, int> userIds, int batchSize, CancellationToken cancel)
    {
        using var _ = no_grad();
        var scores = new Dictionary<string, double>();
        var batches = Enumerable.Range(0, posts.Count).Chunk(batchSize).ToList();
        var source = frozen != null ? batches.Select(b => frozen.MakeBatch(b, _ => 0, userIds)) : images!.Batches(batches, null, userIds, cancel);
        foreach (var batch in source)
        {
            using var scope = NewDisposeScope();
            using var b = batch;
            var output = forward(b).squeeze(1).data<float>().ToArray();
            for (int i = 0; i < output.Length; i++) scores[posts[b.PostIndex[i]].PostId] = output[i];
        }
        return scores;
    }
}
