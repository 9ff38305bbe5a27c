namespace BestShot.Core.Look;

/// <summary>How far the photo is turned from level, from its straight lines; or no estimate ("no lines").</summary>
/// <param name="Degrees">Positive: the scene is turned counter-clockwise (its horizon rises to the right).</param>
/// <param name="Confidence">0–1: how much line length agrees with the estimate (within 1°), over all near-level and
/// near-plumb length.</param>
public sealed record TiltEstimate(double Degrees, double Confidence, int Lines)
{
    public bool HasLines => Lines > 0;
}

/// <summary>
/// The dominant tilt: segments within 20° of horizontal (horizons) or of vertical (buildings, poles), at least 6 % of
/// the photo's diagonal long, each voting its deviation from level weighted by its length; the estimate is the
/// weighted median. Fewer than 3 such segments, or less than half a diagonal of them in all, is "no lines": a photo
/// of foliage or a face is not guessed.
/// </summary>
public static class Tilt
{
    public const double Window = 20,
        MinLengthShare = 0.06;

    public static TiltEstimate Estimate(IReadOnlyList<Segment> segments, int width, int height)
    {
        double diagonal = Math.Sqrt((double)width * width + (double)height * height);
        var votes = new List<(double Deviation, double Weight)>();
        foreach (var s in segments)
        {
            if (s.Length < MinLengthShare * diagonal)
                continue;
            double a = s.Angle;
            double deviation =
                Math.Abs(a) <= Window ? a
                : Math.Abs(a) >= 90 - Window ? a - 90 * Math.Sign(a)
                : double.NaN;
            if (!double.IsNaN(deviation))
                votes.Add((deviation, s.Length));
        }
        double total = votes.Sum(v => v.Weight);
        if (votes.Count < 3 || total < 0.5 * diagonal)
            return new TiltEstimate(0, 0, 0);
        var sorted = votes.OrderBy(v => v.Deviation).ToList();
        double half = total / 2,
            run = 0,
            median = sorted[^1].Deviation;
        foreach (var v in sorted)
            if ((run += v.Weight) >= half)
            {
                median = v.Deviation;
                break;
            }
        double agreeing = votes.Where(v => Math.Abs(v.Deviation - median) <= 1).Sum(v => v.Weight);
        return new TiltEstimate(median, agreeing / total, votes.Count);
    }
}
