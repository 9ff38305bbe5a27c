using System.Globalization;

namespace BestShot.Core.Facts;

/// <summary>
/// Shard <see cref="Index"/> of <see cref="Count"/> (from 0, as a Kubernetes Indexed Job numbers its pods): the photos
/// whose content hash falls in it. By content, not by path, so every machine agrees on a photo's shard wherever its
/// library is mounted, and a copy of a photo is the same photo.
/// </summary>
public sealed record Shard(int Index, int Count)
{
    public bool Holds(string contentHash) =>
        uint.Parse(contentHash.AsSpan(0, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture) % (uint)Count == Index;

    public override string ToString() => $"{Index}/{Count}";

    /// <summary>"K/N" with 0 ≤ K &lt; N, or the problem in one line.</summary>
    public static (Shard? Shard, string? Problem) Parse(string text)
    {
        var parts = text.Split('/');
        if (
            parts.Length == 2
            && int.TryParse(parts[0], CultureInfo.InvariantCulture, out int k)
            && int.TryParse(parts[1], CultureInfo.InvariantCulture, out int n)
            && n >= 1
            && k >= 0
            && k < n
        )
            return (new Shard(k, n), null);
        return (null, $"--shard takes K/N with 0 ≤ K < N (shard K of N, counted from 0), not '{text}'");
    }
}
