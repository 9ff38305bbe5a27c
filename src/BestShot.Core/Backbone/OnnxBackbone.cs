using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;

namespace BestShot.Core.Backbone;

/// <summary>
/// The ResNet18 backbone in ONNX Runtime: batches of normalised 224×224 RGB in, 512-d features out, and, when asked,
/// the <see cref="LayerStatistics"/> of the same pass.
/// </summary>
public sealed class OnnxBackbone : IDisposable
{
    readonly InferenceSession _session;
    readonly string[] _outputs;

    public OnnxBackbone(OrtOptions? options = null, bool int8 = false, bool layerStatistics = false)
    {
        using var so = (options ?? new OrtOptions()).ToSessionOptions();
        var model = int8 ? Int8Backbone.BuildCached() : BackboneGraph.Build();
        _outputs = [BackboneGraph.OutputName];
        if (layerStatistics)
        {
            LayerStatistics.AddNodes(model.Graph);
            model.Graph.Output.Add(OnnxTensors.BatchedFloat(LayerStatistics.OutputName, LayerStatistics.Count));
            _outputs = [BackboneGraph.OutputName, LayerStatistics.OutputName];
        }
        _session = new InferenceSession(model.ToByteArray(), so);
    }

    /// <summary>Features for `count` images laid out back to back in `images` (CHW each).</summary>
    public float[] Features(float[] images, int count) => Run(images, count).Features;

    /// <summary>Features and, when the backbone was built with them, layer statistics ([count·Count], else null).</summary>
    public (float[] Features, float[]? Statistics) Run(float[] images, int count)
    {
        int per = Imaging.Preprocessor.TensorLength;
        if (images.Length < count * per)
            throw new ArgumentException("images holds fewer than count tensors");
        // ORT reads the managed array in place when it is exactly the batch; only a partial batch is copied.
        var data = images.Length == count * per ? images : images[..(count * per)];
        using var input = OrtValue.CreateTensorValueFromMemory(data, [count, 3, 224, 224]);
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, [BackboneGraph.InputName], [input], _outputs);
        var features = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        return (features, _outputs.Length > 1 ? outputs[1].GetTensorDataAsSpan<float>().ToArray() : null);
    }

    public void Dispose() => _session.Dispose();
}
