using System.Runtime.InteropServices;

namespace BestShot.Web;

/// <summary>
/// Where a path really is, every symlink followed (libc realpath on Linux and macOS): the served-root check must see
/// through links, or a symlink inside a root would serve any file on the machine.
/// </summary>
public static class RealPath
{
    public static string? Of(string path)
    {
        if (OperatingSystem.IsWindows())
            return File.Exists(path) || Directory.Exists(path) ? Path.GetFullPath(path) : null;
        IntPtr resolved = realpath(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero)
            return null;
        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            free(resolved);
        }
    }

    /// <summary>Whether a real path is the root itself or inside it (by whole path segments).</summary>
    public static bool IsUnder(string real, string root) =>
        real == root || real.StartsWith(root.EndsWith('/') ? root : root + "/", StringComparison.Ordinal);

    [DllImport("libc", SetLastError = true)]
    static extern IntPtr realpath(string path, IntPtr resolved);

    [DllImport("libc")]
    static extern void free(IntPtr pointer);
}
