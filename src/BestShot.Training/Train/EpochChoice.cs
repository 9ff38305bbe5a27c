namespace BestShot.Training.Train;

/// <summary>
/// What an epoch is judged by when the best one is kept. On a few hundred validation posts the validation loss moves
/// more from one epoch to the next than the model improves (damage at 1,000 posts: 0.035–0.049 between neighbouring
/// epochs while the learning rate warms up), so the raw minimum is often one lucky epoch. With a window of N, an epoch
/// is judged by the mean validation loss of its last N epochs (itself and the N − 1 before it): a checkpoint is kept
/// only where the loss has been low for a while.
/// </summary>
public static class EpochChoice
{
    /// <summary>The criterion of the epoch whose validation loss is `loss`, after the epochs in `before`.</summary>
    public static double Criterion(IReadOnlyList<EpochMetrics> before, double loss, int window)
    {
        if (window <= 1)
            return loss;
        var recent = before.TakeLast(window - 1).Select(m => m.ValLoss).Append(loss).ToList();
        return recent.Average();
    }
}
