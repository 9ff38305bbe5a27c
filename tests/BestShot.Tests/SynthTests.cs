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

    [Fact]
    public void TasteFromTooFewPhotosSaysThereIsNoCeilingInsteadOfFailing()
    {
        // Before: 4 photos made one shoot and no validation pairs; the NaN ceiling failed the JSON writer (exit 2).
        string dir = TestPaths.TempDir("synth-taste-few");
        var r = CliRunner.InProcess("synth", "taste", "--photos", TestPaths.Samples, "--out", dir, "--count", "4");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("no ceiling", r.Stdout);
        using var truth = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "taste.json")));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, truth.RootElement.GetProperty("ceiling_pairwise_accuracy").ValueKind);
        Assert.Equal(4, Directory.GetFiles(dir, "*.xmp", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public void EachSignalDrivesTheLikesAndItsOraclesAreRecorded()
    {
        var o = new PostsSynthOptions
        {
            Users = 40,
            PostsPerUser = 8,
            ImageSize = 64,
            Seed = 3,
        };
        var damage = PostsSynth.Write(TestPaths.TempDir("synth-damage"), o);
        var metadata = PostsSynth.Write(TestPaths.TempDir("synth-metadata"), o with { Signal = PostsSignal.Metadata });
        var colour = PostsSynth.Write(TestPaths.TempDir("synth-colour"), o with { Signal = PostsSignal.Colour });

        // Knowing only the photo says nothing when the photos are untouched; the metadata then carries the signal.
        Assert.Equal(0.5, metadata.ImageOnlyAccuracy);
        Assert.True(metadata.MetadataOnlyAccuracy > 0.7, $"metadata-only oracle {metadata.MetadataOnlyAccuracy:P1}");
        Assert.True(
            damage.ImageOnlyAccuracy > damage.MetadataOnlyAccuracy,
            $"{damage.ImageOnlyAccuracy} vs {damage.MetadataOnlyAccuracy}"
        );
        Assert.True(
            colour.ImageOnlyAccuracy > colour.MetadataOnlyAccuracy,
            $"{colour.ImageOnlyAccuracy} vs {colour.MetadataOnlyAccuracy}"
        );
        foreach (var r in new[] { damage, metadata, colour })
        {
            using var json = JsonDocument.Parse(File.ReadAllText(r.CeilingPath));
            Assert.Equal(r.ImageOnlyAccuracy, json.RootElement.GetProperty("image_only_pairwise_accuracy").GetDouble());
            Assert.Equal(r.MetadataOnlyAccuracy, json.RootElement.GetProperty("metadata_only_pairwise_accuracy").GetDouble());
            Assert.True(r.CeilingAccuracy >= Math.Max(r.ImageOnlyAccuracy, r.MetadataOnlyAccuracy) - 0.05);
        }

        // One seed, the same draws: each signal's posts share their pictures and times; only what drives the likes differs.
        var d = damage.Posts.ToDictionary(p => p.PostId);
        Assert.All(colour.Posts, p => Assert.Equal(d[p.PostId].PostTime, p.PostTime));

        // The colour signal is in the pixels: within an account, warmer photos (mean red − blue) have more likes.
        string folder = Path.GetDirectoryName(colour.CeilingPath)!;
        double Warmth(Post p) => TasteSynth.Property(ImageDecoder.Decode(Path.Combine(folder, p.ImagePath)), TastePreference.Warm);
        int agree = 0,
            total = 0;
        foreach (var user in colour.Posts.GroupBy(p => p.UserId))
        {
            var list = user.Select(p => (p.Label, W: Warmth(p))).ToList();
            for (int i = 0; i < list.Count; i++)
            for (int j = i + 1; j < list.Count; j++)
            {
                total++;
                if ((list[i].Label > list[j].Label) == (list[i].W > list[j].W))
                    agree++;
            }
        }
        Assert.True(agree > 0.65 * total, $"warmth orders {agree}/{total} same-account pairs like the labels");
    }
}
