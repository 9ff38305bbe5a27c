using System.Diagnostics;

namespace BestShot.Tests;

/// <summary>
/// BestShot installed as a .NET tool, as a user with only the .NET SDK would: `dotnet pack` makes the package (with
/// the built-in model inside), `dotnet tool install` from that folder gives a `bestshot` command, and it ranks the
/// samples with no repository around it.
/// </summary>
[Trait("Category", "Slow")]
public class ToolPackageTests
{
    static (int Exit, string Out) Run(string program, string workingDirectory, Dictionary<string, string>? env, params string[] args)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        foreach (var (k, v) in env ?? [])
            psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(900_000), $"{program} {string.Join(' ', args)} did not finish in 15 minutes");
        return (p.ExitCode, stdout + stderr.Result);
    }

    [Fact]
    public void ThePackedToolInstallsAndRanksTheSamples()
    {
        string work = TestPaths.TempDir("tool"),
            artifacts = Path.Combine(work, "artifacts"),
            tools = Path.Combine(work, "tools"),
            elsewhere = TestPaths.TempDir("tool-cwd"); // not the repository: the tool must carry everything it needs
        var (packed, packOut) = Run(
            "dotnet",
            TestPaths.RepoRoot,
            null,
            "pack",
            "src/BestShot.Cli",
            "-c",
            "Release",
            "-o",
            artifacts,
            "-p:RuntimeIdentifiers=linux-x64",
            "-nologo"
        );
        Assert.True(packed == 0, packOut);
        Assert.Contains("BestShot.linux-x64.0.26.0.nupkg", Directory.GetFiles(artifacts).Select(Path.GetFileName));

        var (installed, installOut) = Run(
            "dotnet",
            elsewhere,
            null,
            "tool",
            "install",
            "--tool-path",
            tools,
            "--add-source",
            artifacts,
            "BestShot"
        );
        Assert.True(installed == 0, installOut);

        string samples = Path.Combine(elsewhere, "samples");
        Directory.CreateDirectory(samples);
        foreach (var f in Directory.GetFiles(TestPaths.Samples, "*.*").Where(f => !f.EndsWith(".md")))
            File.Copy(f, Path.Combine(samples, Path.GetFileName(f)));
        var env = new Dictionary<string, string> { ["XDG_CACHE_HOME"] = Path.Combine(work, "cache") };
        var (ranked, rankOut) = Run(Path.Combine(tools, "bestshot"), elsewhere, env, "rank", "samples");
        Assert.True(ranked == 0, rankOut);
        Assert.Contains("4 of 4 photos ranked", rankOut);
        foreach (var photo in new[] { "coffee.png", "astronaut.png", "rocket.jpg", "chelsea.png" })
            Assert.Contains(photo, rankOut);
    }
}
