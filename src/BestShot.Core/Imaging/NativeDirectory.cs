using System.Runtime.InteropServices;

namespace BestShot.Core.Imaging;

/// <summary>
/// A folder's entries read with the C library (opendir/readdir), names kept byte for byte (<see cref="NativePath"/>).
/// .NET's own listing turns a name that is not UTF-8 into U+FFFD, after which the file cannot be opened; the walk
/// uses this listing for such folders only.
/// </summary>
public static class NativeDirectory
{
    /// <summary>Full paths of the folder's entries (not . and ..); null where it cannot be read (or off Linux).</summary>
    public static List<string>? Entries(string folder)
    {
        if (!OperatingSystem.IsLinux())
            return null;
        IntPtr dir;
        unsafe
        {
            fixed (byte* name = NativePath.Bytes(folder))
                dir = opendir(name);
        }
        if (dir == IntPtr.Zero)
            return null;
        var entries = new List<string>();
        try
        {
            IntPtr entry;
            while ((entry = readdir(dir)) != IntPtr.Zero)
            {
                // struct dirent (64-bit glibc): d_ino 8, d_off 8, d_reclen 2, d_type 1, then d_name.
                unsafe
                {
                    var name = MemoryMarshal.CreateReadOnlySpanFromNullTerminated((byte*)entry + 19);
                    if (name.SequenceEqual("."u8) || name.SequenceEqual(".."u8))
                        continue;
                    entries.Add(Path.Combine(folder, NativePath.FromBytes(name)));
                }
            }
        }
        finally
        {
            closedir(dir);
        }
        return entries;
    }

    [DllImport("libc", SetLastError = true)]
    static extern unsafe IntPtr opendir(byte* name);

    [DllImport("libc")]
    static extern IntPtr readdir(IntPtr dir);

    [DllImport("libc")]
    static extern int closedir(IntPtr dir);
}
