namespace BestShot.Core.Imaging;

/// <summary>Finds photos by extension, recursively, in a stable order.</summary>
public static class PhotoFiles
{
    public static readonly string[] Extensions = [".jpg", ".jpeg", ".jpe", ".png", ".webp", ".gif", ".bmp", ".ico", ".wbmp", ".heic", ".heif", ".avif"];

    public static bool IsPhoto(string path) => Extensions.Contains(Path.GetExtension(path).ToLowerInvariant());

    public static List<string> Find(string folder) =>
        Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
            .Where(IsPhoto).OrderBy(p => p, StringComparer.Ordinal).ToList();
}
