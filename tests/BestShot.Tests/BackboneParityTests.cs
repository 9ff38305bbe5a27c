using BestShot.Core.Backbone;
using BestShot.Core.Data;
using BestShot.Core.Features;
using BestShot.Core.Imaging;
using BestShot.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace BestShot.Tests;

public class BackboneParityTests
{
    [Fact]
    public void TorchSharpComputesGradientsLikeTheFormula()
    {
        // loss = Σ (W x)²: libtorch's autograd must give dloss/dW = 2 (W x) xᵀ, computed here by hand in doubles.
        var rng = new Random(3);
        float[] w = Enumerable.Range(0, 12).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray(),
            x = [0.5f, -1.5f, 2f, 0.25f];
        using var weight = tensor(w, [3, 4]).requires_grad_(true);
        using var input = tensor(x, [4, 1]);
        using var loss = weight.matmul(input).pow(2).sum();
        loss.backward();
        var grad = weight.grad!.data<float>().ToArray();
        for (int r = 0; r < 3; r++)
        {
            double y = Enumerable.Range(0, 4).Sum(c => (double)w[r * 4 + c] * x[c]);
            for (int c = 0; c < 4; c++)
                Assert.Equal(2 * y * x[c], grad[r * 4 + c], 5);
        }
        Assert.Equal(
            Enumerable.Range(0, 3).Sum(r => Math.Pow(Enumerable.Range(0, 4).Sum(c => (double)w[r * 4 + c] * x[c]), 2)),
            loss.item<float>(),
            4
        );
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

public class Int8BackboneTests
{
    [Fact]
    public void Int8FeaturesStayCloseToFp32OnRealPhotos()
    {
        // Holds on CPUs with and without VNNI alike: the 7-bit weights make both compute the same integer sums
        // (Int8SumsCannotSaturateWithoutVnni), so this machine's drift is every machine's.
        var photos = Directory.GetFiles(TestPaths.Samples).Where(PhotoFiles.IsPhoto).OrderBy(f => f).ToArray();
        var views = photos.Select(p => PhotoViews.Load(p, 2)).ToArray();
        var batch = views.SelectMany(v => new[] { v.Global }.Concat(v.Crops)).SelectMany(Preprocessor.ToTensor).ToArray();
        int n = photos.Length * 3;
        using var fp32 = new OnnxBackbone();
        using var int8 = new OnnxBackbone(int8: true);
        var a = fp32.Features(batch, n);
        var b = int8.Features(batch, n);
        for (int i = 0; i < n; i++)
        {
            double cosine = Vectors.Cosine(a.AsSpan(i * 512, 512), b.AsSpan(i * 512, 512));
            Assert.True(cosine > 0.99, $"view {i}: cosine {cosine:F4}");
        }
        Assert.NotEqual(a, b); // it really is another computation
    }

    [Fact]
    public void Int8GraphIsQdqWithInt8Weights()
    {
        var g = Int8Backbone.Build().Graph;
        Assert.Equal(22, g.Node.Count(x => x.OpType == "Conv"));
        Assert.DoesNotContain(g.Node, x => x.OpType == "BatchNormalization");
        Assert.Equal(22, g.Initializer.Count(t => t.Name.EndsWith("_wq") && t.DataType == (int)Onnx.TensorProto.Types.DataType.Int8));
        Assert.True(g.Node.Count(x => x.OpType == "QuantizeLinear") >= 20);
    }

    [Fact]
    public void Int8SumsCannotSaturateWithoutVnni()
    {
        // The int8 test holds on every x86-64 CPU by construction: AVX2's vpmaddubsw adds two u8×s8 products into a
        // saturating int16, and with activations ≤ 255 and |weights| ≤ 63 no pair can exceed 32767. So the AVX2 and
        // VNNI kernels compute the same integers, and the drift measured here is the drift everywhere.
        var g = Int8Backbone.Build().Graph;
        var weights = g.Initializer.Where(t => t.Name.EndsWith("_wq")).ToList();
        Assert.Equal(22, weights.Count);
        int largest = weights.SelectMany(t => t.RawData.ToByteArray()).Max(b => Math.Abs((int)(sbyte)b));
        Assert.True(2 * 255 * largest <= short.MaxValue, $"a weight of {largest} lets vpmaddubsw saturate");
        Assert.Equal(Int8Backbone.WeightMax, largest); // the full 7-bit range is used, not a needlessly coarse one
        Assert.All(g.Node.Where(n => n.OpType == "QuantizeLinear"), n => Assert.Equal("Uint8", ZeroPointType(g, n)));
    }

    [Fact]
    public void TheCachedInt8BackboneIsTheOneBuiltFresh()
    {
        // Quantising takes ~2 s per start, so scorers read a copy kept in BestShot's cache folder; it must be the same graph.
        var fresh = Google.Protobuf.MessageExtensions.ToByteArray(Int8Backbone.Build());
        var first = Google.Protobuf.MessageExtensions.ToByteArray(Int8Backbone.BuildCached());
        string folder = Path.GetDirectoryName(BestShot.Core.Features.FeatureCache.DefaultPath)!;
        var cached = Directory.GetFiles(folder, "int8-backbone-*.onnx");
        Assert.NotEmpty(cached);
        var second = Google.Protobuf.MessageExtensions.ToByteArray(Int8Backbone.BuildCached());
        Assert.Equal(fresh, first);
        Assert.Equal(fresh, second);
    }

    static string ZeroPointType(Onnx.GraphProto g, Onnx.NodeProto quantise) =>
        ((Onnx.TensorProto.Types.DataType)g.Initializer.First(t => t.Name == quantise.Input[2]).DataType).ToString();
}
