namespace BestShot.Core.Imaging;

/// <summary>Decoder limits, as options so that a caller can trade memory for resolution.</summary>
public sealed record DecodeOptions
{
    /// <summary>
    /// Decode at reduced scale (JPEG DCT scaling: 1/2, 1/4, 1/8) as long as the short side stays at least this long.
    /// Null decodes at full resolution.
    /// </summary>
    public int? MinShortSide { get; init; }

    /// <summary>
    /// Refuse images whose header claims more pixels than this, before any pixel memory is allocated: a 9 KB file
    /// can claim 65000×65000, and its "photo" would be decoder fill. 100 MP is above every consumer camera.
    /// </summary>
    public long MaxPixels { get; init; } = DefaultMaxPixels;

    public const long DefaultMaxPixels = 100_000_000;

    /// <summary>
    /// Run libjpeg's entropy check of a JPEG's data (<see cref="JpegEntropy"/>, 1.5 ms a 1080 px photo, more for a large
    /// one) before decoding. Off only for a photo that passed it already: the look of a photo that was scored.
    /// </summary>
    public bool CheckJpegData { get; init; } = true;
}
