using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;

namespace BestShot.Core.Backbone;

/// <summary>The ResNet18 backbone in ONNX Runtime: batches of normalised 224×224 RGB in, 512-d features out.</summary>
public sealed class OnnxBackbone : IDisposable
{
    readonly InferenceSession _session;

    public OnnxBackbone(OrtOptions? options = null, bool int8 = false)
    {
        using var so = (options ?? new OrtOptions()).ToSessionOptions();
        _session = new InferenceSession((int8 ? Int8Backbone.BuildCached() : BackboneGraph.Build()).ToByteArray(), so);
    }

    /// <summary>Features for `count` images laid out back to back in `images` (CHW each).</summary>
    public float[] Features(float[] images, int count)
    {
        int per = Imaging.Preprocessor.TensorLength;
        if (images.Length < count * per)
            throw new ArgumentException("images holds fewer than count tensors");
        // ORT reads the managed array in place when it is exactly the batch; only a partial batch is copied.
        var data = images.Length == count * per ? images : images[..(count * per)];
        using var input = OrtValue.CreateTensorValueFromMemory(data, [count, 3, 224, 224]);
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, [BackboneGraph.InputName], [input], [BackboneGraph.OutputName]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    public void Dispose() => _session.Dispose();
}
