using System.Collections.Concurrent;
using BestShot.Core.Data;
using BestShot.Core.Features;
using BestShot.Core.Imaging;
using BestShot.Core.Present;

namespace BestShot.Web;

/// <summary>
/// Thumbnails made once and kept on disk by content hash (a renamed or copied photo reuses its thumbnail, an edited
/// one gets a new one). The hash of each photo is remembered for the server's life, so a photo is read for hashing once.
/// </summary>
public sealed class ThumbnailCache(string folder)
{
    public const int Side = 480;
    readonly ConcurrentDictionary<string, string> _hashes = new(StringComparer.Ordinal);

    /// <summary>The thumbnail's file, made if needed; null when the photo cannot be read or decoded.</summary>
    public string? FileFor(string photo)
    {
        string hash;
        try
        {
            hash = _hashes.GetOrAdd(photo, p => ContentHash.OfFile(p));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        string path = Path.Combine(folder, hash[..2], $"{hash}-{Side}.jpg");
        if (File.Exists(path))
            return path;
        if (Thumbnails.Jpeg(photo, Side) is not { } jpeg)
            return null;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.WriteAllBytes(path, jpeg);
        return path;
    }
}
