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
            return Stat(path) is { } st ? new FileIdentity(st.Device, st.Inode, null) : null;
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

    /// <summary>
    /// What kind of file a path finally points at, read with stat (which never opens it): opening a named pipe blocks
    /// until a writer comes, forever if none does, and a device can be endless, so only regular files are ever opened.
    /// </summary>
    public static FileKind KindOf(string path)
    {
        if (!OperatingSystem.IsLinux())
            return Directory.Exists(path) ? FileKind.Folder
                : File.Exists(path) ? FileKind.Regular
                : FileKind.Missing;
        return Stat(path) is not { } st ? FileKind.Missing : KindOfMode(st.Mode);
    }

    static FileKind KindOfMode(uint mode) =>
        (mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Folder,
            0x1000 => FileKind.Pipe,
            0xC000 => FileKind.Socket,
            0x2000 or 0x6000 => FileKind.Device,
            _ => FileKind.Other,
        };

    /// <summary>Permission bits, owner and hard-link count (Linux; elsewhere null): what a sidecar write must respect.</summary>
    public static (uint Mode, uint Owner, ulong Links)? Ownership(string path) =>
        OperatingSystem.IsLinux() && Stat(path) is { } st ? (st.Mode, st.Owner, st.Links) : null;

    /// <summary>
    /// Size and last write (UTC) as FileInfo gives them, read by the name's bytes: FileInfo cannot find a file whose
    /// name is not UTF-8 (<see cref="NativePath"/>). Null when stat fails.
    /// </summary>
    public static (long Size, DateTime WrittenUtc)? SizeAndTime(string path)
    {
        if (!OperatingSystem.IsLinux() || !NativePath.HasEscapes(path))
        {
            var info = new FileInfo(path);
            return info.Exists ? (info.Length, info.LastWriteTimeUtc) : null;
        }
        return Stat(path) is { } st
            ? (st.Size, DateTime.UnixEpoch.AddTicks(st.WrittenSeconds * TimeSpan.TicksPerSecond + st.WrittenNanos / 100))
            : null;
    }

    public static uint EffectiveUser => OperatingSystem.IsLinux() ? geteuid() : 0;

    /// <summary>The fields of struct stat these checks read (Linux, 64-bit), after every symlink; null when stat fails.</summary>
    readonly record struct StatFields(
        ulong Device,
        ulong Inode,
        uint Mode,
        uint Owner,
        ulong Links,
        long Size,
        long WrittenSeconds,
        long WrittenNanos
    );

    static StatFields? Stat(string path)
    {
        Span<byte> b = stackalloc byte[256];
        unsafe
        {
            fixed (byte* p = b)
            fixed (byte* name = NativePath.Bytes(path))
                if (stat(name, p) != 0)
                    return null;
        }
        return Fields(b);
    }

    /// <summary>The kind of an open descriptor's file (fstat): what a file opened by name turned out to be.</summary>
    internal static FileKind KindOf(int descriptor)
    {
        Span<byte> b = stackalloc byte[256];
        unsafe
        {
            fixed (byte* p = b)
                if (fstat(descriptor, p) != 0)
                    return FileKind.Missing;
        }
        return KindOfMode(Fields(b).Mode);
    }

    static StatFields Fields(ReadOnlySpan<byte> b)
    {
        // st_dev and st_ino (64-bit) come first on every 64-bit ABI; then x86-64 has st_nlink (8 bytes), st_mode,
        // st_uid, and arm64's generic layout st_mode, st_nlink (4 bytes), st_uid. st_size at 48 and st_mtim (seconds,
        // nanoseconds) at 88 and 96 are the same on both.
        ulong dev = BitConverter.ToUInt64(b),
            ino = BitConverter.ToUInt64(b[8..]);
        long size = BitConverter.ToInt64(b[48..]),
            seconds = BitConverter.ToInt64(b[88..]),
            nanos = BitConverter.ToInt64(b[96..]);
        bool x64 = RuntimeInformation.ProcessArchitecture == Architecture.X64;
        ulong links = x64 ? BitConverter.ToUInt64(b[16..]) : BitConverter.ToUInt32(b[20..]);
        uint mode = BitConverter.ToUInt32(x64 ? b[24..] : b[16..]),
            uid = BitConverter.ToUInt32(x64 ? b[28..] : b[24..]);
        return new(dev, ino, mode, uid, links, size, seconds, nanos);
    }

    [DllImport("libc")]
    static extern uint geteuid();

    [DllImport("libc", SetLastError = true)]
    static extern unsafe int stat(byte* path, byte* buffer);

    [DllImport("libc", SetLastError = true)]
    static extern unsafe int fstat(int descriptor, byte* buffer);
}

public enum FileKind
{
    Missing,
    Regular,
    Folder,
    Pipe,
    Socket,
    Device,
    Other,
}

public static class FileKinds
{
    /// <summary>The skip line's reason for a path that is not a regular file; null for a regular file.</summary>
    public static string? NotRegular(string path) => Reason(FileIdentity.KindOf(path));

    /// <summary>The skip line's reason for a kind of file; null for a regular file.</summary>
    public static string? Reason(FileKind kind) =>
        kind switch
        {
            FileKind.Regular => null,
            FileKind.Missing => "broken link or unreadable",
            FileKind.Pipe => "a named pipe (FIFO), not a photo file; not opened",
            FileKind.Socket => "a socket, not a photo file; not opened",
            FileKind.Device => "a device, not a photo file; not opened",
            FileKind.Folder => "a folder",
            _ => "not a regular file; not opened",
        };
}
