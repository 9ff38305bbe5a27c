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
        // st_mode follows st_dev, st_ino (and st_nlink on x86-64): offset 24 there, 16 on arm64's generic layout.
        int offset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 24 : 16;
        Span<byte> buffer = stackalloc byte[256];
        unsafe
        {
            fixed (byte* b = buffer)
                if (stat(path, b) != 0)
                    return FileKind.Missing;
        }
        return (BitConverter.ToUInt32(buffer[offset..]) & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Folder,
            0x1000 => FileKind.Pipe,
            0xC000 => FileKind.Socket,
            0x2000 or 0x6000 => FileKind.Device,
            _ => FileKind.Other,
        };
    }

    /// <summary>Permission bits, owner and hard-link count (Linux; elsewhere null): what a sidecar write must respect.</summary>
    public static (uint Mode, uint Owner, ulong Links)? Ownership(string path)
    {
        if (!OperatingSystem.IsLinux())
            return null;
        bool x64 = RuntimeInformation.ProcessArchitecture == Architecture.X64;
        Span<byte> buffer = stackalloc byte[256];
        unsafe
        {
            fixed (byte* b = buffer)
                if (stat(path, b) != 0)
                    return null;
        }
        // x86-64: st_nlink 16 (8 bytes), st_mode 24, st_uid 28; arm64: st_mode 16, st_nlink 20 (4 bytes), st_uid 24.
        return x64
            ? (BitConverter.ToUInt32(buffer[24..]), BitConverter.ToUInt32(buffer[28..]), BitConverter.ToUInt64(buffer[16..]))
            : (BitConverter.ToUInt32(buffer[16..]), BitConverter.ToUInt32(buffer[24..]), BitConverter.ToUInt32(buffer[20..]));
    }

    public static uint EffectiveUser => OperatingSystem.IsLinux() ? geteuid() : 0;

    [DllImport("libc")]
    static extern uint geteuid();

    [DllImport("libc", SetLastError = true)]
    static extern unsafe int stat(string path, byte* buffer);
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
    public static string? NotRegular(string path) =>
        FileIdentity.KindOf(path) switch
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
