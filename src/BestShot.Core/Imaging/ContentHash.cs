using System.Security.Cryptography;

namespace BestShot.Core.Imaging;

/// <summary>A file's identity for caches: SHA-256 of its bytes, hex.</summary>
public static class ContentHash
{
    public static string Of(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>
    /// The file's hash, read a megabyte at a time so that Ctrl-C stops even a multi-gigabyte file within moments; only
    /// a regular file is opened (<see cref="RegularFile"/>).
    /// </summary>
    public static string OfFile(string path, CancellationToken cancel = default)
    {
        using var stream = RegularFile.OpenRead(path);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        int got;
        while ((got = stream.Read(buffer)) > 0)
        {
            cancel.ThrowIfCancellationRequested();
            hash.AppendData(buffer, 0, got);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
