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
    /// <summary>Every hyperparameter of <see cref="TrainConfig"/>, declared once: name, help, default and binding.</summary>
    static RecordOptions<TrainConfig> Hyperparameters()
    {
        var o = new RecordOptions<TrainConfig>(new TrainConfig());
        o.Add(
            "--backbone",
            "frozen: cached ONNX features, fast on CPU (default); finetune: the seed's method, trains layer3-4 (for GPUs, or small data)",
            c => c.Backbone,
            (c, v) => c with { Backbone = v }
        );
        o.Add("--epochs", "Epochs", c => c.Epochs, (c, v) => c with { Epochs = v });
        o.Add("--batch-size", "Batch size", c => c.BatchSize, (c, v) => c with { BatchSize = v });
        o.Add("--lr", "OneCycle max learning rate", c => c.Lr, (c, v) => c with { Lr = v });
        o.Add("--weight-decay", "AdamW weight decay", c => c.WeightDecay, (c, v) => c with { WeightDecay = v });
        o.Add(
            "--seed",
            "Seed for the split, pairs, shuffling, augmentation and initialisation",
            c => c.Seed,
            (c, v) => c with { Seed = v, Split = c.Split with { Seed = v } }
        );
        o.Add("--loss", "mse (the seed's) or ranknet (pairwise, same-user pairs in a batch)", c => c.Loss, (c, v) => c with { Loss = v });
        o.Add(
            "--cross-pair-weight",
            "ranknet: weight of pairs across users, so that all photos share one scale (0: same-user pairs only)",
            c => c.CrossPairWeight,
            (c, v) => c with { CrossPairWeight = v }
        );
        o.Add(
            "--cross-pair-gap",
            "ranknet: cross-user pairs need labels this far apart",
            c => c.CrossPairMinGap,
            (c, v) => c with { CrossPairMinGap = v }
        );
        o.Add(
            "--mse-weight",
            "ranknet: weight of an added MSE term on the label (0: none)",
            c => c.MseWeight,
            (c, v) => c with { MseWeight = v }
        );
        o.Add("--dropout", "Dropout on backbone features", c => c.Dropout, (c, v) => c with { Dropout = v });
        o.Add("--drop-path", "Stochastic depth on trainable blocks (finetune)", c => c.DropPath, (c, v) => c with { DropPath = v });
        o.Add(
            "--frozen-stages",
            "Backbone stages kept frozen after the stem (finetune)",
            c => c.FrozenStages,
            (c, v) => c with { FrozenStages = v }
        );
        o.Add(
            "--detail-crops",
            "Native-resolution 224 crops per photo added to the model's input (0: the seed's global view only)",
            c => c.DetailCrops,
            (c, v) => c with { DetailCrops = v }
        );
        o.Switch(
            "--int8-features",
            "Frozen mode: compute features with the int8 backbone (3× faster; what the default scorer uses)",
            (c, v) => c with { Int8Features = v }
        );
        o.Switch(
            "--native-measures",
            "Frozen mode: the head also reads cheap native-resolution sharpness, noise, JPEG-block and clipping measures "
                + "(on unless --init or --preset seed)",
            (c, v) => c with { NativeMeasures = v }
        );
        o.Add(
            "--max-rotation",
            "Augmentation: largest rotation in degrees (the seed's 3; 0 keeps a tilted horizon visible to the model)",
            c => c.Augment.MaxRotationDegrees,
            (c, v) => c with { Augment = c.Augment with { MaxRotationDegrees = v } }
        );
        o.Add("--views", "Augmented views cached per photo (frozen)", c => c.Views, (c, v) => c with { Views = v });
        o.Add(
            "--linear-probe",
            "Start the head from a ridge regression on its inputs, cross-validated by account (frozen)",
            c => c.LinearProbe,
            (c, v) => c with { LinearProbe = v }
        );
        o.Add(
            "--average-epochs",
            "Validate and keep a moving average of the head's weights over about this many epochs (frozen; 0: the last step's)",
            c => c.AverageEpochs,
            (c, v) => c with { AverageEpochs = v }
        );
        o.Add(
            "--smooth-epochs",
            "Keep the epoch whose last N epochs' mean validation loss is lowest (0: the epoch's own loss)",
            c => c.SmoothEpochs,
            (c, v) => c with { SmoothEpochs = v }
        );
        o.Add(
            "--patience",
            "Stop after this many epochs without a better validation loss (0: never)",
            c => c.Patience,
            (c, v) => c with { Patience = v }
        );
        o.Use(DatasetChoices.Split(), (c, v) => c with { Split = c.Split with { Mode = v } });
        o.Include(DatasetChoices.Filters(), c => c.Split.Filters, (c, f) => c with { Split = c.Split with { Filters = f } });
        o.Add(
            "--init",
            "Start the head from: default (the built-in model), a run folder (its best.ckpt) or a head-only .onnx, "
                + "instead of random weights; the architecture follows that model",
            c => c.Init,
            (c, v) => c with { Init = v }
        );
        return o;
    }

    public static Command Create(CliConsole console)
    {
        var dataset = new Argument<string>("dataset") { Description = "Dataset folder written by import or synth" };
        var output = new Option<string>("--out", "-o")
        {
            Description = "Run folder: config.json, metrics.jsonl, best.ckpt, last.ckpt, curves.png, summary.md, model.onnx",
            Required = true,
        };
        var hyper = Hyperparameters();
        // Machine settings and how the run starts: kept apart from the hyperparameters (not saved in the checkpoint).
        var cache = new Option<string?>("--cache") { Description = $"Feature cache file (default {FeatureCache.DefaultPath})" };
        var threads = new Option<int>("--threads") { Description = "Torch threads (0: default)", DefaultValueFactory = _ => 0 };
        var resume = new Option<bool>("--resume") { Description = "Continue the run in --out from its last completed epoch" };
        var preset = new Option<TrainPreset>("--preset")
        {
            Description =
                "auto: batch size, epochs and early stopping chosen from the data's size (printed, and kept in config.json); "
                + "seed: the seed's 10 epochs of 256. --epochs, --batch-size and --patience win over either",
            DefaultValueFactory = _ => TrainPreset.Auto,
        };
        var cmd = new Command("train", "Train the seed's model on a dataset; keeps the best checkpoint and exports model.onnx")
        {
            dataset,
            output,
        };
        hyper.AddTo(cmd);
        foreach (var o in new Option[] { cache, threads, resume, preset })
            cmd.Options.Add(o);
        cmd.SetAction(
            (r, cancel) =>
            {
                var cfg = hyper.Bind(r);
                var env = new RunEnvironment { CachePath = r.GetValue(cache) ?? FeatureCache.DefaultPath, Threads = r.GetValue(threads) };
                try
                {
                    if (cfg.Problem() is string problem)
                        throw new TrainException(problem); // before the schedule is chosen and printed
                    if (r.GetValue(preset) == TrainPreset.Auto && !r.GetValue(resume))
                    {
                        bool Given(string name) => r.GetResult(hyper.All.First(o => o.Name == name)) is { Implicit: false };
                        cfg = TrainSchedule.ChooseFor(r.GetValue(dataset)!, cfg, Given);
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
