using BestShot.Core.Features;
using BestShot.Core.Imaging;
using BestShot.Training.Model;

namespace BestShot.Training.Train;

// Data: what an epoch iterates, from cached features (frozen backbone) or decoded images (fine-tuning).
public static partial class Trainer
{
    /// <summary>Frozen backbone: every view's features computed once (or read from the cache), then held in memory.</summary>
    static (TrainingSet, IBatchSource) FrozenData(
        TrainingSet set,
        TrainConfig cfg,
        RunEnvironment env,
        TrainObserver ui,
        CancellationToken cancel
    )
    {
        var paths = set.Train.Concat(set.Validation).Select(p => p.ImagePath).Distinct().ToList();
        var bad = new HashSet<string>();
        var extract = new ExtractOptions
        {
            AugmentedViews = cfg.Views,
            DetailCrops = cfg.DetailCrops,
            Int8 = cfg.Int8Features,
            NativeMeasures = cfg.NativeMeasures,
            CachePath = env.CachePath,
            Augment = cfg.Augment,
        };
        Dictionary<string, ImageViews> views;
        using (var bar = ui.Progress($"backbone features ({cfg.Views + 1} views per photo)", paths.Count))
            views = FeatureExtractor
                .Extract(
                    paths,
                    extract,
                    (p, why) =>
                    {
                        lock (bad)
                            bad.Add(p);
                        ui.Skip(p, why);
                    },
                    (d, _) => bar.Report(d),
                    cancel
                )
                .Views;
        if (cfg.NativeMeasures) // the cache holds the newest set; a run made before it reads its first ones
            views = views.ToDictionary(v => v.Key, v => v.Value with { Measures = v.Value.Measures?[..cfg.MeasureCount] });
        set = set.Without(bad);
        return (set, new FrozenBatches(set, views, cfg));
    }

    /// <summary>Fine-tuning: images decoded every epoch, so unreadable ones are found up front from their headers.</summary>
    static (TrainingSet, IBatchSource) ImageData(TrainingSet set, TrainConfig cfg, TrainObserver ui, CancellationToken cancel)
    {
        var bad = set
            .Train.Concat(set.Validation)
            .Select(p => p.ImagePath)
            .Distinct()
            .Select(p => (Path: p, Why: ImageProbe.Problem(p)))
            .Where(x => x.Why != null)
            .ToList();
        foreach (var (path, why) in bad)
            ui.Skip(path, why!);
        set = set.Without(bad.Select(b => b.Path).ToHashSet());
        return (set, new ImageBatches(set, cfg, cancel));
    }

    static ResNet18Cntk TrainableBackbone(TrainConfig cfg)
    {
        var backbone = new ResNet18Cntk();
        backbone.ConfigureFineTuning(cfg.FrozenStages, cfg.DropPath);
        return backbone;
    }
}
