using BestShot.Training.Train;

namespace BestShot.Tests;

public class EpochChoiceTests
{
    static int Best(double[] losses, int window)
    {
        var history = new List<EpochMetrics>();
        double best = double.PositiveInfinity;
        int bestEpoch = -1;
        for (int e = 0; e < losses.Length; e++)
        {
            double c = EpochChoice.Criterion(history, losses[e], window);
            if (c < best)
                (best, bestEpoch) = (c, e);
            history.Add(new EpochMetrics(e, 0, losses[e], losses[e], 0, 0, 0, c < best));
        }
        return bestEpoch;
    }

    [Fact]
    public void AWindowOfOneJudgesEachEpochByItsOwnLoss()
    {
        double[] losses = [0.40, 0.41, 0.30, 0.42, 0.35, 0.35, 0.35];
        Assert.Equal(2, Best(losses, 0));
        Assert.Equal(2, Best(losses, 1));
    }

    [Fact]
    public void AWindowPassesOverALoneDipForALowStretch()
    {
        // Epoch 2 is one lucky dip between worse epochs; epochs 4–6 are steadily lower than its neighbours.
        double[] losses = [0.40, 0.41, 0.30, 0.42, 0.35, 0.35, 0.35];
        Assert.Equal(6, Best(losses, 3));
        Assert.Equal(0.35, EpochChoice.Criterion([], 0.35, 3), 12); // the first epochs average what there is
        var before = new[] { 0.5, 0.1, 0.2 }.Select((l, e) => new EpochMetrics(e, 0, l, l, 0, 0, 0, false)).ToList();
        Assert.Equal(0.2, EpochChoice.Criterion(before, 0.3, 3), 12);
    }
}
