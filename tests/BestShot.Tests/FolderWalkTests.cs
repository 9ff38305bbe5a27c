using System.Text.Json;
using BestShot.Core.Imaging;

namespace BestShot.Tests;

/// <summary>What real disks hold: symlink loops, links to one file, hidden tool caches and unreadable folders.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[Trait("Category", "Slow")]
public class FolderWalkTests
{
    /// <summary>
    /// walk/a/rocket.jpg, walk/a/nested/coffee.png and a loop walk/a/nested/parent -> ..; a hard link and a symlink to
    /// rocket.jpg; a broken link; and photos inside .git, @eaDir, .Trash-1000 and a Lightroom preview store.
    /// </summary>
    static string Build()
    {
        string root = TestPaths.TempDir("walk");
        Directory.CreateDirectory(Path.Combine(root, "a", "nested"));
        File.Copy(Path.Combine(TestPaths.Samples, "rocket.jpg"), Path.Combine(root, "a", "rocket.jpg"));
        File.Copy(Path.Combine(TestPaths.Samples, "coffee.png"), Path.Combine(root, "a", "nested", "coffee.png"));
        File.CreateSymbolicLink(Path.Combine(root, "a", "nested", "parent"), "..");
        File.CreateSymbolicLink(Path.Combine(root, "soft.jpg"), Path.Combine("a", "rocket.jpg"));
        File.CreateSymbolicLink(Path.Combine(root, "broken.jpg"), "nowhere.jpg");
        Assert.Equal(0, Link(Path.Combine(root, "a", "rocket.jpg"), Path.Combine(root, "hard.jpg")));
        foreach (var hidden in new[] { ".git", "@eaDir", ".Trash-1000", "Lightroom Catalog Previews.lrdata", ".thumbnails", ".dtrash" })
        {
            Directory.CreateDirectory(Path.Combine(root, hidden));
            File.Copy(Path.Combine(TestPaths.Samples, "chelsea.png"), Path.Combine(root, hidden, "chelsea.png"));
        }
        return root;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "link")]
    static extern int Link(string existing, string created);

    static List<string> Ranked(CliRunner.Result r) =>
        JsonDocument
            .Parse(r.Stdout)
            .RootElement.EnumerateArray()
            .Select(e => e.GetProperty("path").GetString()!)
            .Order(StringComparer.Ordinal)
            .ToList();

    [Fact]
    public void EveryFileOnceLoopsNamedOnceHiddenCachesLeftAlone()
    {
        string root = Build();
        var r = CliRunner.Run("rank", root, "--json", "--no-cache");
        // rocket.jpg is reached four ways (its name, the hard link, the symlink, the loop): ranked once, by the first name in order.
        Assert.Equal([Path.Combine(root, "a", "nested", "coffee.png"), Path.Combine(root, "a", "rocket.jpg")], Ranked(r));
        var lines = r.Stderr.Split('\n');
        string loop = Path.Combine(root, "a", "nested", "parent");
        Assert.Single(lines, l => l == $"skip: {loop}: symlink loop (leads back to {Path.Combine(root, "a")}); not followed");
        Assert.Single(lines, l => l.StartsWith($"skip: {Path.Combine(root, "broken.jpg")}: broken link"));
        Assert.DoesNotContain("chelsea", r.Stdout + r.Stderr);
        Assert.Equal(3, r.ExitCode); // the broken link is a photo that could not be read
    }

    [Fact]
    public void AHiddenFolderNamedOnTheCommandLineIsEntered()
    {
        string root = Build();
        var r = CliRunner.Run("rank", Path.Combine(root, ".git"), "--json", "--no-cache");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal([Path.Combine(root, ".git", "chelsea.png")], Ranked(r));
    }

    [SkippableFact]
    public void AnUnreadableFolderGetsOneLineAndTheWalkGoesOn()
    {
        string root = Build();
        string locked = Path.Combine(root, "locked");
        Directory.CreateDirectory(locked);
        File.Copy(Path.Combine(TestPaths.Samples, "chelsea.png"), Path.Combine(locked, "chelsea.png"));
        File.SetUnixFileMode(locked, UnixFileMode.None);
        try
        {
            // Root reads every folder, so as root the CLI runs as nobody (setpriv), the way a user meets this.
            bool root0 = Environment.UserName == "root";
            string[] args = ["rank", root, "--json", "--no-cache"];
            var psi = CliRunner.StartInfo(args);
            if (root0)
            {
                Skip.IfNot(File.Exists("/usr/bin/setpriv"), "running as root without setpriv: cannot make a folder unreadable");
                psi = CliRunner.Through("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups"], args);
                psi.Environment["HOME"] = root;
                psi.Environment["DOTNET_CLI_HOME"] = root;
            }
            var r = CliRunner.Run(psi);
            Assert.Single(r.Stderr.Split('\n'), l => l == $"skip: {locked}: permission denied (folder not read)");
            Assert.Contains(Path.Combine(root, "a", "rocket.jpg"), Ranked(r));
            Assert.Equal(3, r.ExitCode);
        }
        finally
        {
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
