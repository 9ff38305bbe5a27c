using System.Text.Json;
using BestShot.Core.Data;
using BestShot.Core.Import;

namespace BestShot.Tests;

[Trait("Category", "Slow")]
public class ImportTests
{
    const string Header = "post_id,user_id,image_path,likes,followers,following,post_time,scrap_time";

    static (List<Post> Posts, ImportReport Report) ImportCsv(string dir, params string[] rows)
    {
        string table = Path.Combine(dir, "posts.csv");
        File.WriteAllLines(table, [Header, .. rows]);
        var report = new ImportReport();
        return (PostImporter.Import(table, new InstaloaderOptions(), report), report);
    }

    [Fact]
    public void CsvRowsBecomePostsWithUserMeanAsAverage()
    {
        string dir = TestPaths.TempDir("import");
        BadFiles.Good(dir, "a.jpg");
        BadFiles.Good(dir, "b.jpg");
        var (posts, report) = ImportCsv(
            dir,
            "p1,u1,a.jpg,100,5000,300,1600000000,1600864000",
            "p2,u1,b.jpg,300,5000,300,2020-09-13T12:26:40Z,2020-09-23T12:26:40Z"
        );
        Assert.Empty(report.Skipped);
        Assert.Equal(2, posts.Count);
        Assert.All(posts, p => Assert.Equal(200, p.AvgLikes));
        Assert.Equal(Path.Combine(dir, "a.jpg"), posts[0].ImagePath);
        Assert.Equal(1600000000, posts[1].PostTime); // the ISO time is the same instant
        Assert.Equal(Math.Log(0.5), posts[0].Label, 12);
    }

    [Fact]
    public void SuppliedAverageLikesWin()
    {
        string dir = TestPaths.TempDir("import");
        BadFiles.Good(dir, "a.jpg");
        File.WriteAllLines(Path.Combine(dir, "posts.csv"), [Header + ",avg_likes", "p1,u1,a.jpg,100,5000,300,1600000000,1600864000,250"]);
        var posts = PostImporter.Import(Path.Combine(dir, "posts.csv"), new InstaloaderOptions(), new ImportReport());
        Assert.Equal(250, Assert.Single(posts).AvgLikes);
    }

    [Fact]
    public void EveryBadRowIsSkippedWithItsLineAndReason()
    {
        string dir = TestPaths.TempDir("import-bad");
        BadFiles.Good(dir, "a.jpg");
        BadFiles.Truncated(dir);
        BadFiles.NotAnImage(dir);
        BadFiles.Empty(dir);
        var (posts, report) = ImportCsv(
            dir,
            "p1,u1,a.jpg,100,5000,300,1600000000,1600864000", // line 2: good
            "p2,u1,missing.jpg,100,5000,300,1600000000,1600864000", // 3: missing image
            "p3,u1,a.jpg,0,5000,300,1600000000,1600864000", // 4: zero likes
            "p4,u1,a.jpg,-5,5000,300,1600000000,1600864000", // 5: negative likes
            "p5,u1,a.jpg,,5000,300,1600000000,1600864000", // 6: missing field
            "p1,u1,a.jpg,100,5000,300,1600000000,1600864000", // 7: duplicate id
            "p7,u1,a.jpg,100,5000,300,yesterday,1600864000", // 8: bad time
            "p8,u1,truncated.jpg,100,5000,300,1600000000,1600864000", // 9: truncated
            "p9,u1,notes.jpg,100,5000,300,1600000000,1600864000", // 10: not an image
            "p10,u1,empty.jpg,100,5000,300,1600000000,1600864000", // 11: zero bytes
            "p11,u1,a.jpg,many,5000,300,1600000000,1600864000"
        ); // 12: not a number
        Assert.Equal(["p1"], posts.Select(p => p.PostId));
        Assert.Equal(11, report.RowsRead);
        var reasons = report.Skipped.ToDictionary(s => s.Where, s => s.Reason);
        Assert.Contains("image not found", reasons["posts.csv:3"]);
        Assert.Contains("likes must be positive", reasons["posts.csv:4"]);
        Assert.Contains("likes must be positive", reasons["posts.csv:5"]);
        Assert.Contains("missing field: likes", reasons["posts.csv:6"]);
        Assert.Contains("duplicate post_id 'p1'", reasons["posts.csv:7"]);
        Assert.Contains("post_time 'yesterday'", reasons["posts.csv:8"]);
        Assert.Contains("truncated", reasons["posts.csv:9"]);
        Assert.Contains("not an image", reasons["posts.csv:10"]);
        Assert.Contains("0 bytes", reasons["posts.csv:11"]);
        Assert.Contains("likes 'many' is not a number", reasons["posts.csv:12"]);
    }

    [Fact]
    public void JsonLinesWithMalformedLines()
    {
        string dir = TestPaths.TempDir("import-jsonl");
        BadFiles.Good(dir, "a.jpg");
        string table = Path.Combine(dir, "posts.jsonl");
        File.WriteAllLines(
            table,
            [
                """{"post_id": "1", "user_id": 7, "image_path": "a.jpg", "likes": 40, "followers": 10, "following": 5, """
                    + """ "post_time": 1600000000, "scrap_time": "2020-10-01T00:00:00+02:00"}""",
                """{"post_id": "2", "user_id": 7, "image_path": "a.jpg", "likes": 40""",
                """[1, 2, 3]""",
            ]
        );
        var report = new ImportReport();
        var posts = PostImporter.Import(table, new InstaloaderOptions(), report);
        var post = Assert.Single(posts);
        Assert.Equal("7", post.UserId);
        Assert.Equal(new DateTimeOffset(2020, 9, 30, 22, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), post.ScrapTime);
        Assert.Contains(report.Skipped, s => s.Where == "posts.jsonl:2" && s.Reason.Contains("invalid JSON"));
        Assert.Contains(report.Skipped, s => s.Where == "posts.jsonl:3" && s.Reason.Contains("not a JSON object"));
    }

    [SkippableFact]
    public void InstaloaderSpacexSample()
    {
        TestPaths.RequireShared();
        var report = new ImportReport();
        var posts = PostImporter.Import(
            TestPaths.Spacex,
            new InstaloaderOptions
            {
                Followers = 1_000_000,
                Following = 10,
                ScrapeTime = DateTimeOffset.FromUnixTimeSeconds(1_650_000_000),
            },
            report
        );
        Assert.Equal(9, report.RowsRead);
        Assert.Equal(4, report.Skipped.Count(s => s.Reason.StartsWith("video")));
        Assert.Equal(5, posts.Count);
        Assert.All(posts, p => Assert.Equal("20311520", p.UserId));
        Assert.All(posts, p => Assert.True(File.Exists(p.ImagePath)));
        var first = posts.Single(p => p.PostTime == 1623967962);
        Assert.Equal(193601, first.Likes);
        Assert.Equal(posts.Average(p => p.Likes), first.AvgLikes, 6);
        // The carousel is imported once, as its first photo.
        var carousel = Assert.Single(posts, p => p.ImagePath.Contains("2021-09-15_23-10-17_UTC"));
        Assert.EndsWith("_1.jpg", carousel.ImagePath);
        Assert.All(posts, p => Assert.Equal(1_650_000_000, p.ScrapTime));
    }

    [SkippableFact]
    public void InstaloaderWithoutFollowerCountsSaysSo()
    {
        TestPaths.RequireShared();
        var report = new ImportReport();
        var posts = PostImporter.Import(TestPaths.Spacex, new InstaloaderOptions(), report);
        Assert.Empty(posts);
        Assert.Equal(5, report.Skipped.Count(s => s.Reason.Contains("--followers")));
    }

    [SkippableFact]
    public void ImportAndStatsThroughTheCli()
    {
        TestPaths.RequireShared();
        string outDir = TestPaths.TempDir("cli-import");
        var import = CliRunner.Run("import", TestPaths.Spacex, "--out", outDir, "--followers", "1000000", "--following", "10");
        Assert.Equal(0, import.ExitCode);
        Assert.Contains("video post, skipped", import.Stderr);
        Assert.Equal(5, DatasetFile.Read(outDir).Count);

        var stats = CliRunner.Run("stats", outDir, "--json", "--min-posts", "5");
        Assert.Equal(0, stats.ExitCode);
        using var doc = JsonDocument.Parse(stats.Stdout);
        var root = doc.RootElement;
        Assert.Equal(5, root.GetProperty("posts_in").GetInt32());
        Assert.Equal(1, root.GetProperty("users_in").GetInt32());
        // Max/min likes in this sample is far below 25 and all posts are old: everything passes with min-posts 5.
        Assert.Equal(5, root.GetProperty("posts_kept").GetInt32());
        Assert.Equal(1, root.GetProperty("users_kept").GetInt32());

        var strict = JsonDocument.Parse(CliRunner.Run("stats", outDir, "--json").Stdout).RootElement;
        Assert.Equal(0, strict.GetProperty("posts_kept").GetInt32());
        Assert.Equal(5, strict.GetProperty("rejected").GetProperty("min_posts").GetProperty("posts").GetInt32());
    }

    [Fact]
    public void MissingSourceIsOneLineErrorNotACrash()
    {
        var r = CliRunner.Run("import", "/nonexistent/posts.csv", "--out", TestPaths.TempDir("missing"));
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("error: /nonexistent/posts.csv: no such file or folder", r.Stderr.Trim());
    }

    [Fact]
    public void StatsOnAFolderThatIsNotADataset()
    {
        var r = CliRunner.Run("stats", TestPaths.TempDir("nodata"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("not a BestShot dataset", r.Stderr);
        Assert.Single(r.Stderr.Trim().Split('\n'));
    }
}
