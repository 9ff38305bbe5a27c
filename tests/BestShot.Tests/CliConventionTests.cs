using System.Text.Json;
using BestShot.Core.Data;
using BestShot.Core.Import;
using BestShot.Core.Present;
using BestShot.Core.Rank;

namespace BestShot.Tests;

/// <summary>Issue 22: exit codes and help as a command-line user expects them, and a photographer's words for ratings.</summary>
[Trait("Category", "Slow")]
public class CliConventionTests
{
    [Theory]
    [InlineData("error: Required argument 'paths' missing", "rank")]
    [InlineData("error: unknown option '--xyz'", "rank", "SAMPLES", "--xyz")]
    [InlineData("error: --top must be at least 1, not -3", "rank", "SAMPLES", "--top", "-3")]
    [InlineData("error: --json and --csv both asked for; choose one output format", "rank", "SAMPLES", "--json", "--csv")]
    [InlineData("error: unknown option '--avg-likes'", "cull", "SAMPLES", "--avg-likes", "300")]
    [InlineData("error: unknown option '--no-such'", "rank", "SAMPLES", "--top", "3", "--json", "--no-such")]
    [InlineData("error: Cannot parse argument 'many' for option '--top'", "rank", "SAMPLES", "--top", "many")]
    public void BadCommandLinesAreExitTwoWithOneClearLine(string message, params string[] args)
    {
        var r = CliRunner.InProcess(args.Select(a => a == "SAMPLES" ? TestPaths.Samples : a).ToArray());
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith(message, r.Stderr);
        Assert.Equal("", r.Stdout.Trim());
    }

    [Fact]
    public void AnImportThatFindsNothingIsExitTwoWithAHint()
    {
        string empty = TestPaths.TempDir("empty-import"),
            output = TestPaths.TempDir("empty-import-out");
        var r = CliRunner.InProcess("import", empty, "--ratings", "--out", output);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("no rated photos found", r.Stderr);
        Assert.Contains("rate some photos", r.Stderr);
        Assert.False(File.Exists(Path.Combine(output, DatasetFile.PostsFileName)));
    }

    /// <summary>An Instaloader download whose posts all lack their photo: the import yields nothing and says so.</summary>
    [SkippableFact]
    public void AnInstaloaderFolderThatYieldsNoPostsIsExitTwo()
    {
        TestPaths.RequireShared();
        string profile = Directory.CreateDirectory(Path.Combine(TestPaths.TempDir("no-posts"), "spacex")).FullName,
            output = TestPaths.TempDir("no-posts-out");
        foreach (var f in Directory.GetFiles(TestPaths.Spacex, "*.json.xz"))
            File.Copy(f, Path.Combine(profile, Path.GetFileName(f)));
        var r = CliRunner.InProcess("import", profile, "--out", output, "--followers", "1000", "--following", "10");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("no posts found", r.Stderr);
        Assert.False(File.Exists(Path.Combine(output, DatasetFile.PostsFileName)));
    }

    [Fact]
    public void ATablePipedToAFileDoesNotWrapItsFileNames()
    {
        string longName = "/photos/" + new string('a', 150) + "/IMG_0001.jpg";
        var writer = new StringWriter();
        new TableFormatter().Write([new RankedPhoto(longName, 0.5, 1, Score100: 70)], writer);
        Assert.Contains(longName, writer.ToString());
        Assert.Equal(5, writer.ToString().TrimEnd().Split('\n').Length); // top, header, rule, one row, bottom
    }

    [Fact]
    public void HelpTextsNameTheFieldsTheOutputsCarry()
    {
        var help = CliRunner.InProcess("rank", "--help").Stdout;
        var json = CliRunner.InProcess("rank", TestPaths.Samples, "--json", "--no-cache");
        var fields = JsonDocument.Parse(json.Stdout).RootElement[0].EnumerateObject().Select(p => p.Name);
        Assert.All(fields, f => Assert.Contains(f, help));
        var csv = CliRunner.InProcess("rank", TestPaths.Samples, "--csv", "--no-cache").Stdout.Split('\n')[0].Trim();
        Assert.Contains($"Print CSV: {csv}", help);

        var cullHelp = CliRunner.InProcess("cull", "--help").Stdout;
        var cullCsv = CliRunner.InProcess("cull", TestPaths.Samples, "--csv", "--no-cache").Stdout.Split('\n')[0].Trim();
        Assert.Contains($"Print CSV: {cullCsv}", cullHelp);
        var moment = JsonDocument.Parse(CliRunner.InProcess("cull", TestPaths.Samples, "--json", "--no-cache").Stdout).RootElement[0];
        Assert.All(moment.EnumerateObject().Select(p => p.Name), f => Assert.Contains(f, cullHelp));
        Assert.All(moment.GetProperty("photos")[0].EnumerateObject().Select(p => p.Name), f => Assert.Contains(f, cullHelp));
        Assert.DoesNotContain("--followers", cullHelp);
    }

    /// <summary>After `import --ratings`, stats speaks of shoots, photos and stars, never of likes and followers.</summary>
    [Fact]
    public void StatsOnRatedPhotosSpeaksOfShootsPhotosAndStars()
    {
        string rated = TestPaths.TempDir("rated"),
            data = TestPaths.TempDir("rated-data");
        for (int shoot = 0; shoot < 2; shoot++)
        {
            string dir = Directory.CreateDirectory(Path.Combine(rated, $"shoot{shoot}")).FullName;
            for (int i = 0; i < 6; i++)
            {
                string photo = Path.Combine(dir, $"p{i}.png");
                File.Copy(Path.Combine(TestPaths.Samples, "coffee.png"), photo);
                File.WriteAllText(
                    photo + ".xmp",
                    $"""
                    <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                    <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:Rating="{1 + i % 5}"/>
                    </rdf:RDF></x:xmpmeta>
                    """
                );
            }
        }
        var import = CliRunner.InProcess("import", rated, "--ratings", "--out", data);
        Assert.True(import.ExitCode == 0, import.Stderr);
        Assert.Contains("photos imported", import.Stderr);
        Assert.DoesNotContain("posts imported", import.Stderr);
        Assert.DoesNotContain("users", import.Stderr);
        var stats = CliRunner.InProcess("stats", data);
        Assert.True(stats.ExitCode == 0, stats.Stderr);
        foreach (var word in new[] { "Shoots", "Photos", "Stars" })
            Assert.Contains(word, stats.Stdout);
        foreach (var word in new[] { "Likes", "Followers", "Profiles", "posts" })
            Assert.DoesNotContain(word, stats.Stdout);
        Assert.Equal(Vocabulary.Stars, Vocabulary.For(DatasetFile.Read(data)));
    }
}
