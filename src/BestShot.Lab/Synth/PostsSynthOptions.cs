namespace BestShot.Lab.Synth;

/// <summary>What drives a `synth posts` dataset's likes, beside the post's age (always there).</summary>
public enum PostsSignal
{
    /// <summary>Technical damage (blur with under-exposure), as the seed's posts would show: the default.</summary>
    Damage,

    /// <summary>Metadata alone: the post's age, hour of day and weekday; the photos are untouched.</summary>
    Metadata,

    /// <summary>A colour taste: each photo's white balance shifted warm or cool, likes following its measured warmth.</summary>
    Colour,
}

/// <summary>How `synth posts` plants its signal. Every number here is written into synth.json next to the data.</summary>
public sealed record PostsSynthOptions
{
    /// <summary>Folder of real photos; null generates abstract pictures instead.</summary>
    public string? Photos { get; init; }
    public int Users { get; init; } = 60;
    public int PostsPerUser { get; init; } = 8;
    public int Seed { get; init; } = 0;

    /// <summary>Short side of the written images, in pixels.</summary>
    public int ImageSize { get; init; } = 256;

    public PostsSignal Signal { get; init; } = PostsSignal.Damage;

    /// <summary>
    /// log(likes) falls by this much from a clean photo to the most degraded one (damage); for a colour taste the
    /// warmth term has the same spread (standard deviation 0.29 × this).
    /// </summary>
    public double ImageEffect { get; init; } = 1.0;

    /// <summary>log(likes) rises by this much per unit of log(days ago + 1): older posts have collected more likes.</summary>
    public double AgeEffect { get; init; } = 0.15;

    /// <summary>
    /// Metadata signal only: log(likes) rises by this much times cos(2π(hour − 19)/24) (evening posts do best) and by
    /// half of it on weekends. Kept out of the damage signal so that its datasets stay the ones docs/training.md measured.
    /// </summary>
    public double TimeEffect { get; init; } = 0.3;

    /// <summary>Standard deviation of the unexplained part of log(likes): the reason no model can reach 100%.</summary>
    public double Noise { get; init; } = 0.15;

    /// <summary>Seed for the train/validation split whose pairs define the printed ceiling (train's default is 0).</summary>
    public int SplitSeed { get; init; } = 0;
}
