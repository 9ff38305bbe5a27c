namespace BestShot.Lab.Synth;

/// <summary>
/// A planted property in standard units over the whole set, once every photo is written: `scale` times how far a
/// value lies from the mean in (population) standard deviations. 1e-9 keeps a set of equal values finite.
/// </summary>
public static class ZScore
{
    public static Func<double, double> Of(IReadOnlyCollection<double> values, double scale)
    {
        double mean = values.Average(),
            sd = Math.Sqrt(values.Average(v => (v - mean) * (v - mean))) + 1e-9;
        return v => scale * (v - mean) / sd;
    }
}
