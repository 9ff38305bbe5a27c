using BestShot.Core.Backbone;
using BestShot.Core.Imaging;
using BestShot.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace BestShot.Tests;

public class BackboneParityTests
{
    [Fact]
    public void TorchSharpRunsARealOp()
    {
        using var t = torch.arange(1, 5, dtype: ScalarType.Float32);
        Assert.Equal(10f, t.sum().item<float>());
    }

    [Fact]
    public void OnnxAndTorchSharpAgreeOnRealPhotos()
    {
        var photos = Directory.GetFiles(TestPaths.Samples).Where(f => !f.EndsWith(".md")).OrderBy(f => f).ToArray();
        Assert.Equal(4, photos.Length);
        var batch = photos.SelectMany(Preprocessor.Load).ToArray();

        using var ort = new OnnxBackbone();
        float[] onnx = ort.Features(batch, photos.Length);

        using var model = new ResNet18Cntk();
        model.eval();
        using var _ = no_grad();
        using var input = tensor(batch, [photos.Length, 3, 224, 224]);
        using var output = model.forward(input);
        float[] torchFeatures = output.data<float>().ToArray();

        Assert.Equal(photos.Length * 512, onnx.Length);
        Assert.Equal(onnx.Length, torchFeatures.Length);
        double maxDiff = onnx.Zip(torchFeatures, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(maxDiff <= 1e-3, $"max abs diff {maxDiff}");
        // Real features, not zeros: ResNet features after ReLU+pool are non-negative with a healthy spread.
        Assert.True(onnx.Average() > 0.1, $"mean feature {onnx.Average()}");
        Assert.Equal([2, 2, 2, 3], model.StageBlockCounts);
    }
}
