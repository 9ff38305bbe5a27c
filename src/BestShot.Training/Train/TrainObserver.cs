namespace BestShot.Training.Train;

/// <summary>One line per epoch, as the trainer prints it and metrics.jsonl records it.</summary>
public sealed record EpochMetrics(int Epoch, double TrainLoss, double ValLoss, double ValMse, double PairwiseAccuracy, double Seconds, double Lr, bool Best);

/// <summary>How the trainer talks to its caller (the CLI draws progress bars; tests stay silent).</summary>
public sealed record TrainObserver
{
    public Action<string> Info { get; init; } = _ => { };
    public Action<string, string> Skip { get; init; } = (_, _) => { };
    /// <summary>Runs `work` under a progress display of `total` steps; work reports the steps done so far.</summary>
    public Action<string, int, Action<Action<int>>> Progress { get; init; } = (_, _, work) => work(_ => { });
    public Action<EpochMetrics> EpochDone { get; init; } = _ => { };
}
