using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace BestShot.Core.Imaging;

/// <summary>
/// Opens a photo for reading without ever blocking. The walk skips pipes and devices by their stat, but a file can be
/// swapped for a FIFO after that: opening a FIFO blocks until a writer comes. So on Linux the file is opened with
/// O_NONBLOCK (which returns at once whatever it is) and its kind is read from the open descriptor before one byte is
/// read. Names that are not UTF-8 (<see cref="NativePath"/>) open by their bytes.
/// </summary>
public static class RegularFile
{
    const int ReadOnly = 0,
        NonBlocking = 0x800,
        CloseOnExec = 0x80000;

    /// <summary>A stream over the regular file at `path`; an <see cref="IOException"/> saying what it is otherwise.</summary>
    public static FileStream OpenRead(string path)
    {
        if (!OperatingSystem.IsLinux())
            return FileKinds.NotRegular(path) is string kind ? throw new IOException(kind) : File.OpenRead(path);
        int fd;
        unsafe
        {
            fixed (byte* name = NativePath.Bytes(path))
                fd = open(name, ReadOnly | NonBlocking | CloseOnExec);
        }
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw errno == 2 ? new FileNotFoundException("file not found", path) : new IOException(Marshal.GetPInvokeErrorMessage(errno));
        }
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        var opened = FileIdentity.KindOf(fd);
        if (opened != FileKind.Regular)
        {
            handle.Dispose();
            throw new IOException(FileKinds.Reason(opened)!);
        }
        return new FileStream(handle, FileAccess.Read, bufferSize: 0);
    }

    [DllImport("libc", SetLastError = true)]
    static extern unsafe int open(byte* path, int flags);
}
