using System.Diagnostics;
using Spectre.Console.Testing;

namespace BestShot.Tests;

/// <summary>Runs the real bestshot CLI (the build next to the tests) in a child process.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static ProcessStartInfo StartInfo(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = TestPaths.RepoRoot,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "bestshot.dll"));
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        return psi;
    }

    /// <summary>
    /// As <see cref="StartInfo"/>, with SIGINT back at its default: a shell that starts a job in the background
    /// (`.ci/run &amp;`) makes it ignore SIGINT, the child inherits that, and .NET then never sees Ctrl-C.
    /// </summary>
    public static ProcessStartInfo InterruptibleStartInfo(params string[] args) => Through("env", ["--default-signal=INT"], args);

    /// <summary>As <see cref="StartInfo"/>, started through a wrapper program (env, setpriv) given its own arguments.</summary>
    public static ProcessStartInfo Through(string wrapper, string[] wrapperArgs, params string[] args)
    {
        var psi = StartInfo(args);
        var inner = wrapperArgs.Append(psi.FileName).Concat(psi.ArgumentList).ToList();
        psi.FileName = wrapper;
        psi.ArgumentList.Clear();
        foreach (var a in inner)
            psi.ArgumentList.Add(a);
        return psi;
    }

    public static Result Run(params string[] args) => RunWithEnv([], args);

    /// <summary>
    /// Runs a command in this process on Spectre's TestConsole (stdout and stderr apart, 200 columns, no colour): the
    /// same commands as the real CLI, without a process start, for output checks that need no signals or exit maps.
    /// </summary>
    public static Result InProcess(params string[] args)
    {
        var std = new TestConsole().Width(200);
        var err = new TestConsole().Width(200);
        // System.CommandLine's own messages (help) go to the same two consoles.
        int exit = BestShot.Cli.BestShotCli.Run(
            new BestShot.Cli.CliConsole(std, err, liveProgress: false),
            args,
            new System.CommandLine.InvocationConfiguration { Output = std.Profile.Out.Writer, Error = err.Profile.Out.Writer }
        );
        return new Result(exit, std.Output, err.Output);
    }

    public static Result RunWithEnv(Dictionary<string, string> env, params string[] args)
    {
        var psi = StartInfo(args);
        foreach (var (k, v) in env)
            psi.Environment[k] = v;
        return Run(psi);
    }

    public static Result Run(ProcessStartInfo psi)
    {
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            p.Kill(true);
            throw new TimeoutException($"{psi.FileName} {string.Join(' ', psi.ArgumentList)}");
        }
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>The process maps a command wrote (BESTSHOT_WRITE_MAPS): ONNX Runtime loaded, libtorch never.</summary>
    public static void AssertScoredWithoutLibtorch(string mapsFile)
    {
        string libs = File.ReadAllText(mapsFile);
        Assert.Contains("libonnxruntime", libs); // it did score
        Assert.DoesNotContain("libtorch", libs);
        Assert.DoesNotContain("LibTorchSharp", libs);
    }
}
