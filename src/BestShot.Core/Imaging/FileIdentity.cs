using System.Runtime.InteropServices;

namespace BestShot.Core.Imaging;

/// <summary>
/// What a path finally points at, after every symlink: device and inode on Linux, so that a file reached by two
/// names (a symlink, a hard link, a bind mount) is one file. Elsewhere the canonical path stands in for it.
/// </summary>
public readonly record struct FileIdentity(ulong Device, ulong Inode, string? CanonicalPath)
{
    public static FileIdentity? Of(string path)
    {
        if (OperatingSystem.IsLinux())
        {
            // struct stat begins with st_dev and st_ino, both 64-bit, on every 64-bit Linux ABI (x86-64, arm64).
            Span<byte> buffer = stackalloc byte[256];
            unsafe
            {
                fixed (byte* b = buffer)
                    if (stat(path, b) != 0)
                        return null;
            }
            return new FileIdentity(BitConverter.ToUInt64(buffer), BitConverter.ToUInt64(buffer[8..]), null);
        }
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists && !Directory.Exists(path))
                return null;
            var target = info.ResolveLinkTarget(returnFinalTarget: true);
            return new FileIdentity(0, 0, Path.GetFullPath(target?.FullName ?? info.FullName));
        }
        catch (IOException)
        {
            return null;
        }
    }

    [DllImport("libc", SetLastError = true)]
    static extern unsafe int stat(string path, byte* buffer);
}
