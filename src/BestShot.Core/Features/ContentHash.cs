using System.Security.Cryptography;

namespace BestShot.Core.Features;

/// <summary>A file's identity for caches: SHA-256 of its bytes, hex.</summary>
public static class ContentHash
{
    public static string Of(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static string OfFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
