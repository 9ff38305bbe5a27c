using BestShot.Core.Features;

namespace BestShot.Training.Train;

/// <summary>
/// Where and how a run executes on this machine. Unlike <see cref="TrainConfig"/> it is never saved with a
/// checkpoint: a run resumed on another machine, or with another --cache, uses the new values.
/// </summary>
public sealed record RunEnvironment
{
    /// <summary>The feature cache (frozen backbone); by default the user's cache folder.</summary>
    public string CachePath { get; init; } = FeatureCache.DefaultPath;

    /// <summary>Torch threads; 0 keeps libtorch's default.</summary>
    public int Threads { get; init; }
}
