namespace BestShot.Core.Imaging;

/// <summary>A photo's image bytes, holding their share of the <see cref="DecodeBudget"/> until disposed.</summary>
public sealed class EncodedPhoto(byte[] data, DecodeBudget.Lease lease) : IDisposable
{
    public byte[] Data { get; } = data;

    public void Dispose() => lease.Dispose();
}
