namespace BestShot.Tests;

/// <summary>Commands run in-process on Spectre's TestConsole: what goes to stdout, what to stderr, and the exit code.</summary>
[Trait("Category", "Slow")]
public class CommandTests
{
    [Fact]
    public void RankPrintsOnlyTheResultOnStdout()
    {
        var r = CliRunner.InProcess("rank", TestPaths.Samples, "--csv", "--no-cache", "--top", "2");
        Assert.Equal(0, r.ExitCode);
        var lines = r.Stdout.TrimEnd().Split('\n');
        Assert.Equal("rank,score,raw_score,path,reasons", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^1,\d+\.\d{6},-?\d+\.\d{6}," + System.Text.RegularExpressions.Regex.Escape(TestPaths.Samples), lines[1]);
        Assert.Contains("4 of 4 photos ranked (0 from cache, 4 scored)", r.Stderr);
        Assert.DoesNotContain("photos ranked", r.Stdout);
    }

    [Theory]
    [InlineData("--preset", "nope", "error: --preset 'nope' is unknown; choose one of seed, person, creator, brand")]
    [InlineData("--avg-likes", "-1", "error: --avg-likes must be positive; --followers, --following and --days-ago cannot be negative")]
    [InlineData("--max-megapixels", "0", "error: --max-megapixels must be positive, not 0")]
    public void BadRankOptionsAreOneLineErrors(string option, string value, string message)
    {
        var r = CliRunner.InProcess("rank", TestPaths.Samples, "--no-cache", option, value);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal(message, r.Stderr.Trim());
        Assert.Equal("", r.Stdout);
    }

    /// <summary>A shard that is not K/N with 0 ≤ K &lt; N, or a shard without a store, is refused in one line.</summary>
    [Theory]
    [InlineData("rank", "4/4", "error: --shard takes K/N with 0 ≤ K < N (shard K of N, counted from 0), not '4/4'")]
    [InlineData("cull", "1/two", "error: --shard takes K/N with 0 ≤ K < N (shard K of N, counted from 0), not '1/two'")]
    [InlineData(
        "rank",
        "0/2 --no-cache",
        "error: --shard needs the photo-facts store (the other shards' scores are read from it), not --no-cache"
    )]
    public void BadShardsAreOneLineErrors(string command, string shard, string message)
    {
        var r = CliRunner.InProcess([command, TestPaths.Samples, "--shard", .. shard.Split(' ')]);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal(message, r.Stderr.Trim());
        Assert.Equal("", r.Stdout);
    }

    /// <summary>`serve` takes the scoring and cull options of `rank` and `cull`, declared once, with the same checks.</summary>
    [Theory]
    [InlineData("--max-megapixels", "0", "error: --max-megapixels must be positive, not 0")]
    [InlineData("--precision", "int4", "int4")]
    [InlineData("--keep", "0", "--keep")]
    [InlineData("--shard", "0/2", "serve shows the whole library: --shard is for rank and cull workers")]
    public void ServeTakesTheScoringAndCullOptions(string option, string value, string message)
    {
        var r = CliRunner.InProcess("serve", TestPaths.Samples, "--no-cache", "--port", "1", option, value);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Stderr);
        var help = CliRunner.InProcess("serve", "--help").Stdout;
        foreach (var o in new[] { "--precision", "--device", "--max-megapixels", "--batch-size", "--cache", "--keep", "--reject-gap" })
            Assert.Contains(o, help);
    }

    [Theory]
    [InlineData("--epochs", "0", "error: --epochs and --batch-size must be at least 1")]
    [InlineData("--dropout", "1", "error: --dropout and --drop-path must be in [0, 1)")]
    [InlineData("--lr", "0", "error: --lr must be above 0 and --weight-decay at least 0")]
    public void BadTrainOptionsAreOneLineErrors(string option, string value, string message)
    {
        string data = TestPaths.TempDir("bad-train-data");
        BestShot.Lab.Synth.PostsSynth.Write(
            data,
            new()
            {
                Users = 4,
                PostsPerUser = 6,
                ImageSize = 64,
            }
        );
        string run = TestPaths.TempDir("bad-train");
        var r = CliRunner.InProcess("train", data, "--out", run, option, value);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal(message, r.Stderr.Trim());
        Assert.False(File.Exists(Path.Combine(run, "config.json")), "a refused config starts no run");
    }

    [Fact]
    public void ControlCharactersInAFileNameStayOnOneLine()
    {
        string dir = TestPaths.TempDir("control-name");
        File.WriteAllBytes(Path.Combine(dir, "bad\nname\u001b[31m.jpg"), [0xFF, 0xD8, 0xFF, 0x00]);
        File.Copy(Path.Combine(TestPaths.Samples, "rocket.jpg"), Path.Combine(dir, "good.jpg"));
        var r = CliRunner.InProcess("rank", dir, "--no-cache", "--json");
        Assert.Equal(3, r.ExitCode);
        var skip = Assert.Single(r.Stderr.Split('\n'), l => l.StartsWith("skip: "));
        Assert.Contains(@"bad\x0Aname\x1B[31m.jpg: ", skip);
        Assert.DoesNotContain('\u001b', r.Stderr);
    }
}
