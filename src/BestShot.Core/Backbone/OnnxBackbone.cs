using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;

namespace BestShot.Core.Backbone;

/// <summary>Session settings for every ONNX Runtime model BestShot runs.</summary>
public sealed record OrtOptions
{
    /// <summary>Intra-op threads; 0 means one per core.</summary>
    public int Threads { get; init; }

    /// <summary>Let ORT's worker threads spin while waiting: faster for back-to-back inference, slower when decoding shares the cores.</summary>
    public bool SpinThreads { get; init; }

    /// <summary>Run on CUDA when ONNX Runtime's CUDA provider is present (see <see cref="CudaAvailable"/>).</summary>
    public bool UseCuda { get; init; }

    /// <summary>Whether this ONNX Runtime build has the CUDA provider (the CPU package BestShot ships does not).</summary>
    public static bool CudaAvailable => OrtEnv.Instance().GetAvailableProviders().Contains("CUDAExecutionProvider");

    public SessionOptions ToSessionOptions()
    {
        var o = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = Threads > 0 ? Threads : Environment.ProcessorCount,
            InterOpNumThreads = 1,
        };
        // Idle ORT threads would otherwise spin between batches, taking the cores the decoders need.
        if (!SpinThreads) o.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        if (UseCuda && CudaAvailable) o.AppendExecutionProvider_CUDA(0);
        return o;
    }
}

/// <summary>The ResNet18 backbone in ONNX Runtime: batches of normalised 224×224 RGB in, 512-d features out.</summary>
public sealed class OnnxBackbone : IDisposable
{
    readonly InferenceSession _session;

    public OnnxBackbone(OrtOptions? options = null, bool int8 = false)
    {
        using var so = (options ?? new OrtOptions()).ToSessionOptions();
        _session = new InferenceSession((int8 ? Int8Backbone.Build() : BackboneGraph.Build()).ToByteArray(), so);
    }

    /// <summary>Features for `count` images laid out back to back in `images` (CHW each).</summary>
    public float[] Features(float[] images, int count)
    {
        int per = 3 * 224 * 224;
        if (images.Length < count * per) throw new ArgumentException("images holds fewer than count tensors");
        // ORT reads the managed array in place when it is exactly the batch; only a partial batch is copied.
        var data = images.Length == count * per ? images : images[..(count * per)];
        using var input = OrtValue.CreateTensorValueFromMemory(data, [count, 3, 224, 224]);
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, [BackboneGraph.InputName], [input], [BackboneGraph.OutputName]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    public void Dispose() => _session.Dispose();
}
