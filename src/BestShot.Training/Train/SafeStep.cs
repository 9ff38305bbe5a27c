using System.Runtime;
using TorchSharp.Modules;

namespace BestShot.Training.Train;

/// <summary>
/// optimizer.step() with the garbage collector held off. TorchSharp 0.107's AdamW turns doubles into temporary
/// Scalars and hands only their native handles to libtorch; a collection during the call can finalize a Scalar
/// that libtorch is still reading. We saw it as "Expected false to be true … Scalar.h toFloat" from AdamW.step at
/// random epochs, in 5 of 13 training runs of 60 epochs. With no collection inside the step, no temporary can be
/// finalized while in use.
/// </summary>
public static class SafeStep
{
    /// <summary>Managed allocation the step may make without a collection: a few hundred bytes per parameter tensor.</summary>
    const long Budget = 16 * 1024 * 1024;

    public static void Step(OptimizerHelper optimizer)
    {
        // Never a full blocking collection to open the region: with 100,000 cached posts in memory that cost more
        // than the step (head training 1.9 → 3.1 s/epoch). Should the region be refused, the step runs as before.
        bool held = GC.TryStartNoGCRegion(Budget, disallowFullBlockingGC: true);
        try
        {
            optimizer.step();
        }
        finally
        {
            // The region ends by itself if the step allocated more than the budget; only end one that is still open.
            if (held && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
                GC.EndNoGCRegion();
        }
    }
}
