using Microsoft.ML.OnnxRuntime;

namespace BestShot.Core.Backbone;

/// <summary>Session settings for every ONNX Runtime model BestShot runs.</summary>
public sealed record OrtOptions
{
    /// <summary>Intra-op threads; 0 means one per core.</summary>
    public int Threads { get; init; }

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
        o.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        if (UseCuda && CudaAvailable)
            o.AppendExecutionProvider_CUDA(0);
        return o;
    }
}
