using BestShot.Core.Features;

namespace BestShot.Core.Group;

/// <summary>How frames are joined into moments.</summary>
public sealed record GroupOptions
{
    /// <summary>A frame joins the moment of the frame before it (same camera) when taken at most this many seconds later.</summary>
    public double MaxGapSeconds { get; init; } = 2.0;

    /// <summary>
    /// ...and when its embedding's cosine to one of the moment's last frames is at least this, so a burst that turns to
    /// another scene splits. Measured on the samples: frames of one scene 0.77 (a heavily blurred one) to 0.99,
    /// different scenes 0.22–0.46. A provisional default until `bench cull` (issue 12, section 5) chooses it.
    /// </summary>
    public double MinSimilarity { get; init; } = 0.60;

    public string? Problem() =>
        MaxGapSeconds < 0 ? "--max-gap must be at least 0 seconds"
        : MinSimilarity is < -1 or > 1 ? "--min-similarity must be between -1 and 1"
        : null;
}

/// <summary>One photo as grouping sees it: capture time and camera, the backbone embedding (null: time alone decides),
/// and the score.</summary>
public sealed record Frame(string Path, CaptureInfo Capture, float[]? Embedding, double Score);

/// <summary>
/// Bursts: frames of one camera sorted by time, chained while each is close in time to the one before and looks like
/// one of the moment's last few frames. Sorting by camera and time first makes it O(n log n): each frame is compared
/// with at most 8 neighbours. Two cameras never share a moment, however close their clocks.
/// </summary>
public static class MomentGrouper
{
    public static List<List<Frame>> Group(IReadOnlyList<Frame> frames, GroupOptions options)
    {
        var moments = new List<List<Frame>>();
        foreach (var camera in frames.GroupBy(f => f.Capture.Camera).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            List<Frame>? current = null;
            foreach (var frame in camera.OrderBy(f => f.Capture.Time).ThenBy(f => f.Path, StringComparer.Ordinal))
            {
                var previous = current?[^1];
                bool joins =
                    previous != null
                    && (frame.Capture.Time - previous.Capture.Time).TotalSeconds <= options.MaxGapSeconds
                    && LooksLike(frame, current!, options.MinSimilarity);
                if (!joins)
                    moments.Add(current = []);
                current!.Add(frame);
            }
        }
        return moments;
    }

    /// <summary>
    /// Frames compared with, at most: after a spoiled frame (blurred, dark) the next clean one looks unlike it, but like
    /// the frames before it.
    /// </summary>
    const int Recent = 8;

    static bool LooksLike(Frame frame, List<Frame> moment, double minSimilarity)
    {
        if (frame.Embedding == null)
            return true;
        for (int i = moment.Count - 1; i >= Math.Max(0, moment.Count - Recent); i--)
            if (moment[i].Embedding is not { } other || Vectors.Cosine(frame.Embedding, other) >= minSimilarity)
                return true;
        return false;
    }
}
