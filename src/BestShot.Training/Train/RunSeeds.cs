namespace BestShot.Training.Train;

/// <summary>
/// Every random stream of a run, derived from the config's seed in this one place. Each stream depends on (seed,
/// epoch) only, never on how many numbers an earlier epoch drew, so a run resumed at epoch e draws exactly what an
/// uninterrupted run draws there. The multipliers only keep the streams of one epoch apart.
/// </summary>
public static class RunSeeds
{
    /// <summary>Weight initialisation.</summary>
    public static int Init(int seed) => seed;

    /// <summary>Dropout and drop-path masks of an epoch.</summary>
    public static long Masks(int seed, int epoch) => seed * 1000L + epoch;

    /// <summary>The order of training posts in an epoch.</summary>
    public static int Order(int seed, int epoch) => seed * 31 + epoch;

    /// <summary>Frozen mode: which cached augmented view each post shows in an epoch.</summary>
    public static int Views(int seed, int epoch) => seed * 7919 + epoch;

    /// <summary>Fine-tune mode: the augmentation of one post in an epoch, the same in any process.</summary>
    public static int Augment(int seed, int epoch, int post) => (seed * 100_003 + epoch) * 1_000_003 + post;
}
