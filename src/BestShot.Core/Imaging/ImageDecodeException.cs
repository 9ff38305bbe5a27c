namespace BestShot.Core.Imaging;

/// <summary>A file that is not a decodable image, with a one-line reason that names the file.</summary>
public sealed class ImageDecodeException(string path, string reason) : Exception($"{path}: {reason}")
{
    public string Path { get; } = path;
    public string Reason { get; } = reason;
}
