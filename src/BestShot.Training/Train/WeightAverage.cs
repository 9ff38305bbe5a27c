using BestShot.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace BestShot.Training.Train;

/// <summary>
/// An exponential moving average of the head's weights (Polyak averaging), over a horizon of about
/// `AverageEpochs` epochs. On a few hundred posts the weights of one epoch fit that epoch's batches and views, and
/// validation accuracy swings by ten points from one epoch to the next; the average moves slowly, so it is both the
/// model that validation judges (a criterion that is not noise) and the one kept as best.ckpt.
/// </summary>
public sealed class WeightAverage : IDisposable
{
    readonly ScoreHead trained;
    readonly double decay;

    public ScoreHead Model { get; }

    public WeightAverage(ScoreHead trained, TrainConfig cfg, int stepsPerEpoch)
    {
        this.trained = trained;
        decay = 1 - 1 / Math.Max(1, cfg.AverageEpochs * stepsPerEpoch);
        Model = new ScoreHead(cfg.Dropout, cfg.DetailCrops > 0, cfg.MeasureCount);
        Model.eval();
        using var _ = no_grad();
        foreach (var (average, weight) in Pairs())
        {
            average.requires_grad = false;
            average.copy_(weight);
        }
    }

    /// <summary>After each optimizer step: average ← decay · average + (1 − decay) · weights.</summary>
    public void Update()
    {
        using var _ = no_grad();
        foreach (var (average, weight) in Pairs())
            average.mul_(decay).add_(weight, alpha: 1 - decay);
    }

    // Parameters only: the head has no buffers (no batch norm) to average.
    IEnumerable<(Tensor Average, Tensor Weight)> Pairs() =>
        Model.parameters().Zip(trained.parameters(), (a, w) => ((Tensor)a, (Tensor)w));

    public void Dispose() => Model.Dispose();
}
