namespace BestShot.Tests;

/// <summary>Where test inputs live: the repository's samples/ (always there) and ../shared (CI and dev machines only).</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Samples => Path.Combine(RepoRoot, "samples");
    public static string Fixtures => Path.Combine(AppContext.BaseDirectory, "Fixtures");
    public static string Shared => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));
    public static string SharedPhotos => Path.Combine(Shared, "data", "photos");
    public static string Spacex => Path.Combine(Shared, "data", "instaloader", "spacex");

    /// <summary>Skips the calling test, with a message, when ../shared is missing (a user's fresh clone).</summary>
    public static void RequireShared() =>
        Skip.IfNot(
            Directory.Exists(Path.Combine(Shared, "data")),
            $"../shared/data is missing at {Shared}; this test runs where it exists (CI, dev machines)"
        );

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "BestShot.slnx")))
                return dir.FullName;
        throw new InvalidOperationException("cannot find the repository root (BestShot.slnx) above " + AppContext.BaseDirectory);
    }

    /// <summary>
    /// This test process's scratch root, deleted when the process exits. Roots left by killed runs are deleted at the
    /// next start: never cleaning them once filled a 250 GB disk and killed a CI run.
    /// </summary>
    static readonly Lazy<string> RunRoot = new(() =>
    {
        string parent = Path.Combine(Path.GetTempPath(), "bestshot-tests");
        Directory.CreateDirectory(parent);
        foreach (var stale in Directory.GetDirectories(parent, "run-*"))
            if (int.TryParse(Path.GetFileName(stale)[4..], out int pid) && !IsAlive(pid))
                TryDelete(stale);
        string root = Path.Combine(parent, $"run-{Environment.ProcessId}");
        Directory.CreateDirectory(root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(root);
        return root;
    });

    public static string TempDir(string name)
    {
        string dir = Path.Combine(RunRoot.Value, name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    static bool IsAlive(int pid)
    {
        try
        {
            using var p = System.Diagnostics.Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    static void TryDelete(string dir)
    {
        try
        {
            // Tests make read-only folders on purpose; give write access back so a non-root user can delete them.
            foreach (var d in Directory.EnumerateDirectories(dir, "*", new EnumerationOptions { RecurseSubdirectories = true }))
                if (!OperatingSystem.IsWindows() && !new DirectoryInfo(d).Attributes.HasFlag(FileAttributes.ReparsePoint))
                    File.SetUnixFileMode(d, File.GetUnixFileMode(d) | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Directory.Delete(dir, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"could not delete test scratch {dir}: {e.Message}");
        }
    }
}
