using BestShot.Core.Imaging;
using Onnx;

namespace BestShot.Core.Backbone;

/// <summary>
/// The CNTK ResNet18 export, rewritten into the graph BestShot runs:
/// input "image" [batch,3,224,224] ImageNet-normalised RGB → (RGB→BGR, back to 0–255, minus CNTK's mean image) →
/// ResNet18 → output "features" [batch,512]. Callers never see CNTK's BGR-minus-mean convention.
/// The export pins the batch at 1; the rewrite makes it symbolic so ONNX Runtime can score batches.
/// </summary>
public static class BackboneGraph
{
    public const string InputName = "image";
    public const string OutputName = "features";
    public const int FeatureCount = 512;
    public const string CntkInput = "Input247";
    public const string CntkOutput = "Pooling395_Output_0";

    /// <summary>CNTK's per-pixel mean image [3,224,224] in BGR order, from ResNetPreprocess.onnx.</summary>
    public static float[] LoadMeanImage()
    {
        var prep = ModelProto.Parser.ParseFrom(File.ReadAllBytes(BackboneFiles.Preprocess));
        return OnnxTensors.ToFloats(prep.Graph.Initializer.Single(t => t.Name == "MeanImage"));
    }

    /// <summary>
    /// ImageNet-normalised RGB → CNTK's input, after swapping to BGR: x_bgr · scale[c] + bias[c,y,x], i.e.
    /// x_bgr·(255·std) + 255·mean − MeanImage with the per-channel part folded into the per-pixel constant.
    /// Both engines use these numbers.
    /// </summary>
    public static (float[] Scale, float[] Bias) InputConversion(float[] meanImage)
    {
        var scale = new float[3];
        var bias = new float[meanImage.Length];
        int plane = Preprocessor.Size * Preprocessor.Size;
        for (int c = 0; c < 3; c++)
        {
            int rgb = 2 - c; // BGR channel c holds RGB channel 2-c
            scale[c] = 255f * Preprocessor.Std[rgb];
            for (int i = 0; i < plane; i++)
                bias[c * plane + i] = 255f * Preprocessor.Mean[rgb] - meanImage[c * plane + i];
        }
        return (scale, bias);
    }

    public static ModelProto LoadResNet18() => ModelProto.Parser.ParseFrom(File.ReadAllBytes(BackboneFiles.ResNet18));

    public static ModelProto Build()
    {
        var model = LoadResNet18();
        var g = model.Graph;
        var mean = LoadMeanImage();

        var (scale, bias) = InputConversion(mean);
        g.Initializer.Add(OnnxTensors.Int64("bestshot_bgr_order", [3], [2, 1, 0]));
        g.Initializer.Add(OnnxTensors.Float("bestshot_scale", [1, 3, 1, 1], scale));
        g.Initializer.Add(OnnxTensors.Float("bestshot_bias", [1, 3, Preprocessor.Size, Preprocessor.Size], bias));

        var prelude = new[]
        {
            OnnxTensors.Node(
                "Gather",
                "bestshot_to_bgr",
                [InputName, "bestshot_bgr_order"],
                ["bestshot_bgr"],
                OnnxTensors.IntAttribute("axis", 1)
            ),
            OnnxTensors.Node("Mul", "bestshot_to_255", ["bestshot_bgr", "bestshot_scale"], ["bestshot_bgr255"]),
            OnnxTensors.Node("Add", "bestshot_minus_mean", ["bestshot_bgr255", "bestshot_bias"], [CntkInput]),
        };
        for (int i = prelude.Length - 1; i >= 0; i--)
            g.Node.Insert(0, prelude[i]);
        g.Node.Add(OnnxTensors.Node("Flatten", "bestshot_flatten", [CntkOutput], [OutputName], OnnxTensors.IntAttribute("axis", 1)));

        g.Input.Clear();
        g.Input.Add(OnnxTensors.BatchedFloat(InputName, 3, Preprocessor.Size, Preprocessor.Size));
        g.Output.Clear();
        g.Output.Add(OnnxTensors.BatchedFloat(OutputName, FeatureCount));
        g.ValueInfo.Clear(); // CNTK recorded batch-1 shapes for intermediates; let ORT infer them.
        // Initializers listed as graph inputs (IR 3 style) stay valid; ORT treats them as constants.
        return model;
    }
}
