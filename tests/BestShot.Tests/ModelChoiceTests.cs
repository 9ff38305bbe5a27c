using BestShot.Training.Train;
using static BestShot.Training.Train.ModelChoice;

namespace BestShot.Tests;

/// <summary>
/// Issue 27: what model.onnx becomes after training, from the three accuracies on every validation pair. The metadata
/// ridge must beat both the run and the built-in model; star ratings never consider it (null).
/// </summary>
public class ModelChoiceTests
{
    [Theory]
    [InlineData(0.80, 0.70, 0.85, Kept.MetadataAlone)] // the planted metadata signal at 300 posts: the ridge orders best
    [InlineData(0.80, 0.70, 0.60, Kept.Run)]
    [InlineData(0.70, 0.80, 0.60, Kept.BuiltIn)]
    [InlineData(0.80, 0.80, 0.60, Kept.BuiltIn)] // a tie with the built-in model keeps the built-in model, as before
    [InlineData(0.80, 0.70, 0.80, Kept.Run)] // a tie with the ridge keeps the run
    [InlineData(0.70, 0.80, 0.80, Kept.BuiltIn)]
    public void KeepsTheBestOnEveryPair(double run, double builtIn, double metadataAlone, Kept expected) =>
        Assert.Equal(expected, Choose(run, builtIn, metadataAlone));

    [Fact]
    public void StarRatingsNeverGetTheMetadataAlone()
    {
        Assert.Equal(Kept.Run, Choose(0.80, 0.70, null));
        Assert.Equal(Kept.BuiltIn, Choose(0.60, 0.70, null));
    }
}
