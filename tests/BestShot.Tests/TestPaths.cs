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

    public static string TempDir(string name)
    {
        string dir = Path.Combine(Path.GetTempPath(), "bestshot-tests", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
