using System.Globalization;

namespace BestShot.Training.Train;

/// <summary>The seed's fixed schedule, or one chosen from the data's size.</summary>
public enum TrainPreset
{
    /// <summary>Batch size, epochs and patience chosen from the number of training posts (see <see cref="TrainSchedule"/>).</summary>
    Auto,

    /// <summary>The seed's values: 10 epochs of batch 256, no early stop (the best epoch is kept).</summary>
    Seed,
}

/// <summary>
/// A schedule that fits the data: the seed's 10 epochs of 256 are 20 optimizer steps on 400 posts, which leaves a
/// small set far below what it can reach (docs/training.md). The rule aims at a number of steps rather than epochs:
/// batches of about a sixteenth of the training posts (16–256), enough epochs for about <see cref="FrozenSteps"/>
/// steps (10–300; frozen steps cost milliseconds on cached features) or <see cref="FinetuneSteps"/> when the
/// backbone trains (each step runs it, about a second on 2 cores), early stopping once the validation loss has not
/// improved for a quarter of them (at least 10 epochs; 3 fine-tuning), and 4 / 1 / 0 augmented views per photo up to
/// 2,000 / 8,000 / more training posts, and in frozen mode the head starts from a linear probe, reads the native
/// measures and is kept at the epoch whose last 5 have the lowest mean validation loss. Options given on the command line win.
/// </summary>
public static class TrainSchedule
{
    public const int FrozenSteps = 3000,
        FinetuneSteps = 300;

    /// <summary>The schedule for a dataset: its training posts after the filters and the configuration's split.</summary>
    public static TrainConfig ChooseFor(string dataset, TrainConfig cfg, Func<string, bool>? given = null) =>
        Choose(cfg, TrainingSet.Load(dataset, cfg.Split).Train.Count, given);

    /// <summary>The configuration with its schedule chosen; `given` says which options (by name) the user set.</summary>
    public static TrainConfig Choose(TrainConfig cfg, int trainPosts, Func<string, bool>? given = null)
    {
        given ??= _ => false;
        bool viewsGiven = given("--views");
        var (epochsGiven, batchGiven, patienceGiven) = (given("--epochs"), given("--batch-size"), given("--patience"));
        // Augmented views cost a backbone pass each: worth it on a small set, which they enlarge; on a large one the
        // photos themselves vary enough, and 4 extra passes would make 30,000 posts an hour of feature extraction.
        int views =
            viewsGiven ? cfg.Views
            : trainPosts <= 2000 ? 4
            : trainPosts <= 8000 ? 1
            : 0;
        bool frozen = cfg.Backbone == BackboneMode.Frozen;
        int batch = batchGiven ? cfg.BatchSize : Math.Clamp(PowerOfTwo(trainPosts / 16.0), 16, frozen ? 256 : 32);
        int perEpoch = Math.Max(1, (trainPosts + batch - 1) / batch);
        int target = frozen ? FrozenSteps : FinetuneSteps;
        int epochs = epochsGiven ? cfg.Epochs : Math.Clamp((target + perEpoch - 1) / perEpoch, frozen ? 10 : 3, frozen ? 300 : 30);
        int patience = patienceGiven ? cfg.Patience : Math.Max(frozen ? 10 : 3, epochs / 4);
        // The best epoch judged by its last 5 epochs' mean validation loss (EpochChoice): on damage at 1,000 posts the
        // raw minimum was a lucky epoch (docs/training.md). Fine-tuning runs too few epochs to average over.
        int smooth =
            given("--smooth-epochs") ? cfg.SmoothEpochs
            : frozen ? 5
            : 0;
        // A linear probe to start from (issue 27): on a few hundred posts the MLP alone learned neither a metadata
        // signal nor a damage signal that a ridge regression sees at once. Not with --init, which also sets the start.
        bool probe = given("--linear-probe") ? cfg.LinearProbe : frozen && cfg.Init == null;
        // The native measures (sharpness, noise, clipping) as well: on the planted damage signal the backbone's pooled
        // features left the validation MSE at 0.048 / 0.041 (1,000 / 3,000 posts); with the measures in the probe,
        // 0.039 / 0.037 (docs/training.md). They cost one decode per photo, cached; with --init the start decides.
        bool measures = given("--native-measures") ? cfg.NativeMeasures : frozen && cfg.Init == null;
        string why = string.Create(
            CultureInfo.InvariantCulture,
            $"schedule for {trainPosts} training photos: {(frozen ? $"{views} augmented views per photo, " : "")}batch {batch}"
                + $"{(batchGiven ? " (given)" : "")}, {epochs} epochs{(epochsGiven ? " (given)" : "")} = {epochs * perEpoch} steps "
                + $"(aim: about {target}), {(probe ? "starting from a linear probe, " : "")}"
                + $"{(measures ? "reading the native measures, " : "")}"
                + $"{(smooth > 1 ? $"each epoch judged by the mean validation loss of its last {smooth}, " : "")}"
                + $"stop after {patience} epochs without a better validation loss"
                + $"{(patienceGiven ? " (given)" : "")}; `--preset seed` runs the seed's 10 × 256"
        );
        return cfg with
        {
            Views = frozen ? views : cfg.Views,
            BatchSize = batch,
            Epochs = epochs,
            Patience = patience,
            SmoothEpochs = smooth,
            LinearProbe = probe,
            NativeMeasures = measures,
            Schedule = why,
        };
    }

    static int PowerOfTwo(double x) => x < 1 ? 1 : 1 << (int)Math.Round(Math.Log2(x));
}
