namespace BestShot.Lab.Synth;

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

    /// <summary>log(likes) falls by this much from a clean photo to the most degraded one.</summary>
    public double ImageEffect { get; init; } = 1.0;

    /// <summary>log(likes) rises by this much per unit of log(days ago + 1): older posts have collected more likes.</summary>
    public double AgeEffect { get; init; } = 0.15;

    /// <summary>Standard deviation of the unexplained part of log(likes): the reason no model can reach 100%.</summary>
    public double Noise { get; init; } = 0.15;

    /// <summary>Seed for the train/validation split whose pairs define the printed ceiling (train's default is 0).</summary>
    public int SplitSeed { get; init; } = 0;
}
