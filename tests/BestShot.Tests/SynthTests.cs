using System.Text.Json;
using BestShot.Core.Data;
using BestShot.Core.Imaging;
using BestShot.Lab.Synth;

namespace BestShot.Tests;

[Trait("Category", "Slow")]
public class SynthTests
{
    [Fact]
    public void PostsSynthPlantsAVisibleSignalAndRecordsTheCeiling()
    {
        string dir = TestPaths.TempDir("synth");
        var result = PostsSynth.Write(
            dir,
            new PostsSynthOptions
            {
                Users = 10,
                PostsPerUser = 6,
                ImageSize = 96,
            }
        );
        var posts = DatasetFile.Read(dir);
        Assert.Equal(60, posts.Count);
        Assert.All(posts, p => Assert.True(File.Exists(p.ImagePath)));
        Assert.Equal(posts.Count, posts.Select(p => p.PostId).Distinct().Count());

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "synth.json")));
        double ceiling = json.RootElement.GetProperty("ceiling_pairwise_accuracy").GetDouble();
        Assert.Equal(result.CeilingAccuracy, ceiling);
        Assert.InRange(ceiling, 0.6, 1.0);
        Assert.True(result.ValidationPairs >= 3);

        // The signal is in the pixels: within a user, darker (more degraded) photos have lower labels.
        double Brightness(Post p) => ImageDecoder.Decode(p.ImagePath).Pixels.Average(b => (double)b);
        int agree = 0,
            total = 0;
        foreach (var user in posts.GroupBy(p => p.UserId))
        {
            var list = user.ToList();
            for (int i = 0; i < list.Count; i++)
            for (int j = i + 1; j < list.Count; j++)
            {
                total++;
                if ((list[i].Label > list[j].Label) == (Brightness(list[i]) > Brightness(list[j])))
                    agree++;
            }
        }
        Assert.True(agree > 0.7 * total, $"brightness orders {agree}/{total} same-user pairs like the labels");
    }

    [Fact]
    public void SynthCliPrintsTheCeiling()
    {
        string dir = TestPaths.TempDir("synth-cli");
        var r = CliRunner.Run("synth", "posts", "--out", dir, "--users", "5", "--posts-per-user", "4");
        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@"Ceiling: a perfect model reaches pairwise accuracy \d+(\.\d)? % on the \d+ validation pairs", r.Stdout);
        Assert.True(File.Exists(Path.Combine(dir, "posts.csv")));
    }
}
