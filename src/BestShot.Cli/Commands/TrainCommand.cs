using System.CommandLine;
using System.Globalization;
using BestShot.Core.Data;
using BestShot.Core.Features;
using BestShot.Core.Filter;
using BestShot.Training.Train;
using Spectre.Console;

namespace BestShot.Cli.Commands;

/// <summary>`bestshot train DATASET --out RUN`: the seed's experiment, with every hyperparameter an option.</summary>
public static class TrainCommand
{
    public static Command Create(CliConsole console)
    {
        var d = new TrainConfig();
        var dataset = new Argument<string>("dataset") { Description = "Dataset folder written by import or synth" };
        var output = new Option<string>("--out", "-o")
        {
            Description = "Run folder: config.json, metrics.jsonl, best.ckpt, last.ckpt, curves.png, summary.md, model.onnx",
            Required = true,
        };
        var backbone = new Option<BackboneMode>("--backbone")
        {
            Description =
                "frozen: cached ONNX features, fast on CPU (default); finetune: the seed's method, trains layer3-4 (for GPUs, or small "
                + "data)",
            DefaultValueFactory = _ => d.Backbone,
        };
        var epochs = new Option<int>("--epochs") { Description = "Epochs", DefaultValueFactory = _ => d.Epochs };
        var batch = new Option<int>("--batch-size") { Description = "Batch size", DefaultValueFactory = _ => d.BatchSize };
        var lr = new Option<double>("--lr") { Description = "OneCycle max learning rate", DefaultValueFactory = _ => d.Lr };
        var wd = new Option<double>("--weight-decay") { Description = "AdamW weight decay", DefaultValueFactory = _ => d.WeightDecay };
        var seed = new Option<int>("--seed")
        {
            Description = "Seed for the split, pairs, shuffling, augmentation and initialisation",
            DefaultValueFactory = _ => d.Seed,
        };
        var loss = new Option<LossKind>("--loss")
        {
            Description = "mse (the seed's) or ranknet (pairwise, same-user pairs in a batch)",
            DefaultValueFactory = _ => d.Loss,
        };
        var crossWeight = new Option<double>("--cross-pair-weight")
        {
            Description = "ranknet: weight of pairs across users, so that all photos share one scale (0: same-user pairs only)",
            DefaultValueFactory = _ => d.CrossPairWeight,
        };
        var crossGap = new Option<double>("--cross-pair-gap")
        {
            Description = "ranknet: cross-user pairs need labels this far apart",
            DefaultValueFactory = _ => d.CrossPairMinGap,
        };
        var mseWeight = new Option<double>("--mse-weight")
        {
            Description = "ranknet: weight of an added MSE term on the label (0: none)",
            DefaultValueFactory = _ => d.MseWeight,
        };
        var dropout = new Option<double>("--dropout")
        {
            Description = "Dropout on backbone features",
            DefaultValueFactory = _ => d.Dropout,
        };
        var dropPath = new Option<double>("--drop-path")
        {
            Description = "Stochastic depth on trainable blocks (finetune)",
            DefaultValueFactory = _ => d.DropPath,
        };
        var frozenStages = new Option<int>("--frozen-stages")
        {
            Description = "Backbone stages kept frozen after the stem (finetune)",
            DefaultValueFactory = _ => d.FrozenStages,
        };
        var detail = new Option<int>("--detail-crops")
        {
            Description = "Native-resolution 224 crops per photo added to the model's input (0: the seed's global view only)",
            DefaultValueFactory = _ => d.DetailCrops,
        };
        var measures = new Option<bool>("--native-measures")
        {
            Description = "Frozen mode: the head also reads cheap native-resolution sharpness, noise, JPEG-block and clipping measures",
        };
        var int8 = new Option<bool>("--int8-features")
        {
            Description = "Frozen mode: compute features with the int8 backbone (3× faster; what the default scorer uses)",
        };
        var rotate = new Option<double>("--max-rotation")
        {
            Description = "Augmentation: largest rotation in degrees (the seed's 3; 0 keeps a tilted horizon visible to the model)",
            DefaultValueFactory = _ => new BestShot.Core.Imaging.AugmentOptions().MaxRotationDegrees,
        };
        var views = new Option<int>("--views")
        {
            Description = "Augmented views cached per photo (frozen)",
            DefaultValueFactory = _ => d.Views,
        };
        var patience = new Option<int>("--patience")
        {
            Description = "Stop after this many epochs without a better validation loss (0: never)",
            DefaultValueFactory = _ => d.Patience,
        };
        var cache = new Option<string?>("--cache") { Description = $"Feature cache file (default {FeatureCache.DefaultPath})" };
        var threads = new Option<int>("--threads") { Description = "Torch threads (0: default)", DefaultValueFactory = _ => 0 };
        var resume = new Option<bool>("--resume") { Description = "Continue the run in --out from its last completed epoch" };
        var split = SplitOption.Create();
        var preset = new Option<TrainPreset>("--preset")
        {
            Description =
                "auto: batch size, epochs and early stopping chosen from the data's size (printed, and kept in config.json); "
                + "seed: the seed's 10 epochs of 256. --epochs, --batch-size and --patience win over either",
            DefaultValueFactory = _ => TrainPreset.Auto,
        };
        var init = new Option<string?>("--init")
        {
            Description =
                "Start the head from: default (the built-in model), a run folder (its best.ckpt) or a head-only .onnx, "
                + "instead of random weights; the architecture follows that model",
        };
        var filters = new FilterOptionsBinder();
        var cmd = new Command("train", "Train the seed's model on a dataset; keeps the best checkpoint and exports model.onnx")
        {
            dataset,
            output,
            backbone,
            epochs,
            batch,
            lr,
            wd,
            seed,
            loss,
            crossWeight,
            crossGap,
            mseWeight,
            dropout,
            dropPath,
            frozenStages,
            detail,
            int8,
            measures,
            rotate,
            views,
            patience,
            cache,
            threads,
            resume,
            split,
            preset,
            init,
        };
        filters.AddTo(cmd);
        cmd.SetAction(
            (r, cancel) =>
            {
                var cfg = new TrainConfig
                {
                    Backbone = r.GetValue(backbone),
                    Epochs = r.GetValue(epochs),
                    BatchSize = r.GetValue(batch),
                    Lr = r.GetValue(lr),
                    WeightDecay = r.GetValue(wd),
                    Seed = r.GetValue(seed),
                    Loss = r.GetValue(loss),
                    CrossPairWeight = r.GetValue(crossWeight),
                    CrossPairMinGap = r.GetValue(crossGap),
                    MseWeight = r.GetValue(mseWeight),
                    Dropout = r.GetValue(dropout),
                    DropPath = r.GetValue(dropPath),
                    FrozenStages = r.GetValue(frozenStages),
                    Views = r.GetValue(views),
                    DetailCrops = r.GetValue(detail),
                    Int8Features = r.GetValue(int8),
                    NativeMeasures = r.GetValue(measures),
                    Augment = new BestShot.Core.Imaging.AugmentOptions { MaxRotationDegrees = r.GetValue(rotate) },
                    Patience = r.GetValue(patience),
                    Split = new SplitOptions
                    {
                        Seed = r.GetValue(seed),
                        Filters = filters.Get(r),
                        Mode = r.GetValue(split),
                    },
                };
                cfg = cfg with { Init = r.GetValue(init) };
                var env = new RunEnvironment { CachePath = r.GetValue(cache) ?? FeatureCache.DefaultPath, Threads = r.GetValue(threads) };
                try
                {
                    if (cfg.Problem() is string problem)
                        throw new TrainException(problem); // before the schedule is chosen and printed
                    if (r.GetValue(preset) == TrainPreset.Auto && !r.GetValue(resume))
                    {
                        bool Given(Option o) => r.GetResult(o) is { Implicit: false };
                        cfg = TrainSchedule.ChooseFor(
                            r.GetValue(dataset)!,
                            cfg,
                            (Given(epochs), Given(batch), Given(patience)),
                            Given(views)
                        );
                        console.Info(cfg.Schedule!);
                    }
                    Trainer.Run(r.GetValue(dataset)!, r.GetValue(output)!, cfg, env, r.GetValue(resume), Observer(console), cancel);
                    return Task.FromResult(ExitCodes.Ok);
                }
                catch (Exception e) when (e is TrainException or CheckpointException)
                {
                    console.Error(e.Message);
                    return Task.FromResult(ExitCodes.BadInput);
                }
                catch (OperationCanceledException)
                {
                    console.Error(
                        $"interrupted; `bestshot train {r.GetValue(dataset)} --out {r.GetValue(output)} --resume` continues from the "
                            + $"last completed epoch"
                    );
                    return Task.FromResult(ExitCodes.Interrupted);
                }
            }
        );
        return cmd;
    }

    static TrainObserver Observer(CliConsole console) =>
        new()
        {
            Info = console.Info,
            Skip = console.Skip,
            Progress = console.StartProgress,
            EpochDone = m =>
                console.Print(
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"epoch {m.Epoch + 1, 3}  train loss {m.TrainLoss:F4}  val loss {m.ValLoss:F4}  val mse {m.ValMse:F4}  pairwise "
                            + $"acc {m.PairwiseAccuracy:P1}  lr {m.Lr:G3}  {m.Seconds:F1}s{(m.Best ? "  *best" : "")}"
                    )
                ),
        };
}
