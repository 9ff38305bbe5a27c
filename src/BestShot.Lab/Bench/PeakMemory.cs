namespace BestShot.Lab.Bench;

/// <summary>This process's peak resident memory (Linux's VmHWM), for benchmarks to report beside their speeds.</summary>
public static class PeakMemory
{
    /// <summary>The high-water mark of resident memory in MB; null where /proc does not say (not Linux).</summary>
    public static double? Megabytes()
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status))
            return null;
        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var parts = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts is { Length: >= 2 } && long.TryParse(parts[1], out long kb) ? kb / 1024.0 : null;
    }
}
