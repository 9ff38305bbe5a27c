using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using BestShot.Core.Data;

namespace BestShot.Tests;

/// <summary>
/// Issue 23, round two of hardening: named pipes never opened, sidecars that must be left as they are, temporary
/// names within the file-name limit, stale temporary files swept, unchanged sidecars not rewritten, and serve's token
/// and request bodies.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[Trait("Category", "Slow")]
public class HardeningTests
{
    static void MkFifo(string path)
    {
        using var p = Process.Start("mkfifo", [path])!;
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
    }

    /// <summary>
    /// Runs the CLI as a process with a deadline, so a hang fails the test instead of hanging the suite (opening a FIFO
    /// blocks in the kernel, where no cancellation reaches it).
    /// </summary>
    static CliRunner.Result RunWithin(TimeSpan limit, params string[] args)
    {
        using var p = Process.Start(CliRunner.StartInfo(args))!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(limit))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"bestshot {string.Join(' ', args)} still running after {limit.TotalSeconds} s (a hang)");
        }
        return new CliRunner.Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    [SkippableFact]
    public void ANamedPipeIsSkippedAndTheRestIsRankedAndCulled()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "named pipes as Linux makes them");
        string dir = TestPaths.TempDir("fifo");
        File.Copy(Path.Combine(TestPaths.Samples, "coffee.png"), Path.Combine(dir, "ok.png"));
        MkFifo(Path.Combine(dir, "pipe.jpg"));
        MkFifo(Path.Combine(dir, "ok.png.xmp")); // a sidecar that is a pipe
        string cache = Path.Combine(TestPaths.TempDir("fifo-cache"), "s.sqlite");

        var rank = RunWithin(TimeSpan.FromSeconds(120), "rank", dir, "--cache", cache);
        Assert.Equal(3, rank.ExitCode);
        Assert.Contains($"skip: {Path.Combine(dir, "pipe.jpg")}: a named pipe (FIFO), not a photo file; not opened", rank.Stderr);
        Assert.Contains("ok.png", rank.Stdout);

        var direct = RunWithin(TimeSpan.FromSeconds(60), "rank", Path.Combine(dir, "pipe.jpg"), "--cache", cache);
        Assert.Equal(2, direct.ExitCode); // nothing left to rank

        var cull = RunWithin(TimeSpan.FromSeconds(120), "cull", dir, "--write-xmp", "--cache", cache);
        Assert.Equal(3, cull.ExitCode);
        Assert.Contains(
            $"skip: {Path.Combine(dir, "ok.png.xmp")}: a named pipe (FIFO), not a sidecar; not opened; left as it was",
            cull.Stderr
        );
    }

    static string Cull(string dir, string cache, params string[] more) =>
        CliRunner.InProcess(["cull", dir, "--write-xmp", "--cache", cache, .. more]).Stderr;

    [Fact]
    public void ReadOnlyAndLinkedSidecarsAreLeftAsTheyAreWithOneLineEach()
    {
        string dir = TestPaths.TempDir("sidecars");
        foreach (var name in new[] { "a.png", "b.png", "c.png", "d.png" })
            File.Copy(Path.Combine(TestPaths.Samples, "coffee.png"), Path.Combine(dir, name));
        string cache = Path.Combine(TestPaths.TempDir("sidecars-cache"), "s.sqlite");
        const string Hand = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"/>";
        string readOnly = Path.Combine(dir, "a.png.xmp");
        File.WriteAllText(readOnly, Hand);
        File.SetUnixFileMode(readOnly, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        string target = Path.Combine(TestPaths.TempDir("elsewhere"), "shared.xmp");
        File.WriteAllText(target, Hand);
        File.CreateSymbolicLink(Path.Combine(dir, "b.png.xmp"), target);
        string hard = Path.Combine(dir, "c.png.xmp");
        File.WriteAllText(hard, Hand);
        using (var ln = Process.Start("ln", [hard, Path.Combine(TestPaths.TempDir("elsewhere2"), "other.xmp")])!)
            ln.WaitForExit();

        string err = Cull(dir, cache);
        Assert.Contains($"skip: {readOnly}: read-only; left as it was", err);
        Assert.Contains($"skip: {Path.Combine(dir, "b.png.xmp")}: a symbolic link (to {target}); left as it was", err);
        Assert.Contains($"skip: {hard}: has 1 other hard link(s); left as it was", err);
        Assert.Equal(Hand, File.ReadAllText(readOnly));
        Assert.Equal(Hand, File.ReadAllText(target));
        Assert.NotNull(new FileInfo(Path.Combine(dir, "b.png.xmp")).LinkTarget); // still a link
        Assert.Equal(Hand, File.ReadAllText(hard));
        Assert.True(File.Exists(Path.Combine(dir, "d.png.xmp"))); // the ordinary one is written
    }

    [SkippableFact]
    public void ASidecarOwnedByAnotherUserIsLeftAsItIs()
    {
        Skip.IfNot(Environment.UserName == "root", "giving a file to another user needs root (CI runs as root)");
        string dir = TestPaths.TempDir("owned");
        File.Copy(Path.Combine(TestPaths.Samples, "coffee.png"), Path.Combine(dir, "a.png"));
        string sidecar = Path.Combine(dir, "a.png.xmp");
        File.WriteAllText(sidecar, "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"/>");
        using (var chown = Process.Start("chown", ["65534:65534", sidecar])!)
            chown.WaitForExit();
        string err = Cull(dir, Path.Combine(TestPaths.TempDir("owned-cache"), "s.sqlite"));
        Assert.Contains($"skip: {sidecar}: owned by another user; left as it was", err);
        Assert.Equal("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"/>", File.ReadAllText(sidecar));
    }

    [Fact]
    public void ALongNameStaleTemporariesAndAnUnchangedSidecar()
    {
        string dir = TestPaths.TempDir("long");
        string longName = new string('n', 240) + ".png"; // 244 bytes: its temporary name once passed 255
        File.Copy(Path.Combine(TestPaths.Samples, "coffee.png"), Path.Combine(dir, longName));
        Assert.True(Encoding.UTF8.GetByteCount(AtomicFile.TempName(longName + ".xmp")) <= 255);
        // What a killed write leaves: our name pattern, a process id that no longer runs.
        string stale = Path.Combine(dir, ".x.png.xmp.999999999.0123456789abcdef0123456789abcdef.tmp");
        File.WriteAllText(stale, "half");
        string cache = Path.Combine(TestPaths.TempDir("long-cache"), "s.sqlite");

        string err = Cull(dir, cache);
        Assert.DoesNotContain("skip:", err);
        string sidecar = Path.Combine(dir, longName + ".xmp");
        Assert.True(File.Exists(sidecar));
        Assert.False(File.Exists(stale));

        var before = (File.ReadAllBytes(sidecar), File.GetLastWriteTimeUtc(sidecar));
        File.SetLastWriteTimeUtc(sidecar, before.Item2.AddHours(-1)); // so a rewrite would show
        var mtime = File.GetLastWriteTimeUtc(sidecar);
        Cull(dir, cache);
        Assert.Equal(before.Item1, File.ReadAllBytes(sidecar));
        Assert.Equal(mtime, File.GetLastWriteTimeUtc(sidecar)); // not rewritten: nothing changed
    }

    [Fact]
    public void AnEmptyOrShortTokenIsRefused()
    {
        foreach (var token in new[] { "", "   ", "abc123" })
        {
            var r = CliRunner.InProcess("serve", TestPaths.Samples, "--host", "0.0.0.0", "--token", token);
            Assert.Equal(2, r.ExitCode);
            Assert.StartsWith("error: --token must be at least 16 characters", r.Stderr);
        }
    }

    [Fact]
    public async Task BadBodiesAre400AndADecisionOnAnUnreadablePhotoIs409()
    {
        await using var s = await ServedGallery.Start(ServedGallery.TwelveBursts());
        using var http = new HttpClient();
        string csrf = Regex.Match(await http.GetStringAsync(s.Url + "/"), "<meta name=\"csrf\" content=\"([0-9a-f]+)\"").Groups[1].Value;
        HttpRequestMessage Post(string body, string type)
        {
            var req = new HttpRequestMessage(HttpMethod.Post, s.Url + "/api/decide")
            {
                Content = new StringContent(body, Encoding.UTF8, type),
            };
            req.Headers.Add("X-BestShot-CSRF", csrf);
            req.Headers.Add("Origin", s.Url);
            return req;
        }
        foreach (
            var (body, type) in new[]
            {
                ("{\"photo\": 1, \"action\": ", "application/json"),
                ("{\"photo\": 1, \"action\": \"pick\"}", "text/plain"),
                (new string('[', 10_000) + new string(']', 10_000), "application/json"),
                ("null", "application/json"),
            }
        )
        {
            var r = await http.SendAsync(Post(body, type));
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        }
        var broken = s.Gallery.Photos.Single(p => p.Path.EndsWith("zz_broken.jpg", StringComparison.Ordinal));
        var refused = await http.SendAsync(Post($"{{\"photo\": {broken.Id}, \"action\": \"pick\"}}", "application/json"));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.False(File.Exists(broken.Path + ".xmp"));
    }

    /// <summary>
    /// A full disk is one error line and exit 2, not "unexpected failure (a bug; please report it)" with a trace:
    /// before, `rank --json` into a full device printed the IOException's whole stack.
    /// </summary>
    [Fact]
    public void AFullDiskIsOneLineNotABugReport()
    {
        var full = Assert.ThrowsAny<IOException>(() => File.WriteAllBytes("/dev/full", new byte[4096]));
        Assert.True(BestShot.Cli.DiskFull.Is(full), $"HResult {full.HResult}");
        Assert.False(BestShot.Cli.DiskFull.Is(new FileNotFoundException("gone")));
        Assert.False(BestShot.Cli.DiskFull.Is(new IOException("other")));

        var psi = CliRunner.Through("bash", ["-c", "exec \"$0\" \"$@\" > /dev/full"], "rank", TestPaths.Samples, "--json");
        var r = CliRunner.Run(psi);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("error: the disk is full (No space left on device): free some space and try again", r.Stderr);
        Assert.DoesNotContain("a bug", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
    }
}
