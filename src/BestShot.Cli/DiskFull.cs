namespace BestShot.Cli;

/// <summary>
/// Whether an exception is the disk (or the user's quota) being full: the machine's state, not a bug, so it is one
/// error line rather than a trace to report. On Linux .NET's IOException carries the errno as its HResult (ENOSPC 28,
/// EDQUOT 122); on Windows the HRESULT wraps ERROR_DISK_FULL (112) or ERROR_HANDLE_DISK_FULL (39).
/// </summary>
public static class DiskFull
{
    public static bool Is(Exception? e)
    {
        for (; e != null; e = e.InnerException)
            if (e is IOException io && (io.HResult is 28 or 122 || (io.HResult & 0xFFFF) is 112 or 39 && io.HResult < 0))
                return true;
        return false;
    }
}
