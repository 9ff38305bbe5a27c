namespace BestShot.Training.Train;

/// <summary>One line per epoch, as the trainer prints it and metrics.jsonl records it.</summary>
public sealed record EpochMetrics(
    int Epoch,
    double TrainLoss,
    double ValLoss,
    double ValMse,
    double PairwiseAccuracy,
    double Seconds,
    double Lr,
    bool Best
);

/// <summary>A progress display that its owner advances; disposing it ends the display.</summary>
public interface IProgressBar : IDisposable
{
    void Report(int done);
}

/// <summary>How the trainer talks to its caller (the CLI draws progress bars; tests stay silent).</summary>
public sealed record TrainObserver
{
    public Action<string> Info { get; init; } = _ => { };
    public Action<string, string> Skip { get; init; } = (_, _) => { };

    /// <summary>Starts a progress display of `total` steps under a label.</summary>
    public Func<string, int, IProgressBar> Progress { get; init; } = (_, _) => new Silent();
    public Action<EpochMetrics> EpochDone { get; init; } = _ => { };

    /// <summary>The items, advancing a progress display by one as each is taken.</summary>
    public IEnumerable<T> Track<T>(IEnumerable<T> items, string label, int total)
    {
        using var bar = Progress(label, total);
        int done = 0;
        foreach (var item in items)
        {
            yield return item;
            bar.Report(++done);
        }
    }

    sealed class Silent : IProgressBar
    {
        public void Report(int done) { }

        public void Dispose() { }
    }
}
