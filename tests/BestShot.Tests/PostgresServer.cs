using System.Diagnostics;

namespace BestShot.Tests;

/// <summary>
/// A throwaway PostgreSQL server for tests, from Debian's `postgresql` package (.ci/run installs it): a cluster made
/// by initdb in a temporary folder, listening on a Unix socket only, trust authentication. PostgreSQL refuses to run
/// as root, so under root (as CI runs) its programs run as the package's `postgres` user.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    readonly string _bin,
        _dir,
        _data;
    readonly int _port;

    /// <summary>The newest installed server's programs, or null when PostgreSQL is not installed.</summary>
    public static string? BinDir =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory
                .GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => d)
                .Select(d => Path.Combine(d, "bin"))
                .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            : null;

    public const string Missing = "PostgreSQL is not installed (Debian's postgresql package; .ci/run installs it)";

    /// <summary>The store's URL, as a user passes it to --store.</summary>
    public string Url => $"postgresql:///postgres?host={_dir}&port={_port}&user=bestshot";

    public PostgresServer()
    {
        _bin = BinDir ?? throw new InvalidOperationException(Missing);
        _dir = TestPaths.TempDir("postgres");
        _data = Path.Combine(_dir, "data");
        _port = 20000 + Random.Shared.Next(20000);
        if (Environment.UserName == "root")
            Run("chown", "-R", "postgres", _dir);
        Run(Path.Combine(_bin, "initdb"), "-D", _data, "-U", "bestshot", "--auth=trust", "-E", "UTF8", "--no-sync");
        Start();
    }

    public void Start() =>
        Run(
            Path.Combine(_bin, "pg_ctl"),
            "-D",
            _data,
            "-l",
            Path.Combine(_dir, "log"),
            "-w",
            "-o",
            $"-k {_dir} -p {_port} -c listen_addresses='' -c fsync=off",
            "start"
        );

    public void Stop() => Run(Path.Combine(_bin, "pg_ctl"), "-D", _data, "-w", "-m", "fast", "stop");

    /// <summary>Runs SQL through psql and returns what it prints, unaligned and without headers.</summary>
    public string Query(string sql, string database = "postgres") =>
        Run(Path.Combine(_bin, "psql"), "-h", _dir, "-p", $"{_port}", "-U", "bestshot", "-d", database, "-At", "-F", "|", "-c", sql)
            .Trim();

    /// <summary>Runs a program (as `postgres` under root) and returns its output; throws with its output on failure.</summary>
    string Run(string program, params string[] args)
    {
        bool drop = Environment.UserName == "root" && program != "chown";
        var psi = new ProcessStartInfo(drop ? "runuser" : program) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (drop)
            foreach (var a in new[] { "-u", "postgres", "--", program })
                psi.ArgumentList.Add(a);
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(120_000))
            p.Kill();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)}: {stdout}{stderr.Result}");
        return stdout;
    }

    public void Dispose()
    {
        try
        {
            Stop();
        }
        catch (InvalidOperationException) { } // already stopped
    }
}
