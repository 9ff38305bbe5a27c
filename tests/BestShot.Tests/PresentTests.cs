using System.Text.Json;
using System.Text.RegularExpressions;
using BestShot.Core.Group;
using BestShot.Core.Imaging;
using BestShot.Core.Present;
using BestShot.Core.Rank;

namespace BestShot.Tests;

/// <summary>The presentation layer on its own: formatters, the two HTML sheets, decisions in sidecars. No model runs.</summary>
public class PresentTests
{
    static string Photo(string dir, string name)
    {
        string path = Path.Combine(dir, name);
        File.Copy(Path.Combine(TestPaths.Samples, "rocket.jpg"), path);
        return path;
    }

    static readonly CaptureInfo Noon = new(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero), CaptureInfo.FromExif, "Test Cam");

    static List<Moment> Shoot(string dir) =>
        [
            new(
                "g0001",
                "burst",
                [
                    new(Photo(dir, "keep <me>.jpg"), 72.5, true, false, null, Noon, Stars: 4),
                    new(Photo(dir, "blurred.jpg"), 21.0, false, true, "far below the best", Noon, Reasons: ["motion blur"], Stars: -1),
                ],
                "capture time"
            ),
            new("g0002", "single", [new(Path.Combine(dir, "gone.jpg"), 50.0, true, false, null, Noon, Stars: 3)]),
        ];

    static string Written(Action<TextWriter> write)
    {
        var w = new StringWriter();
        write(w);
        return w.ToString();
    }

    [Fact]
    public void RankJsonHasEveryDocumentedField()
    {
        var photos = new List<RankedPhoto> { new("a.jpg", 1.25, 1, Score100: 71.5, Reasons: ["face soft"]) };
        using var doc = JsonDocument.Parse(Written(w => OutputFormatters.For(OutputFormat.Json).Write(photos, w)));
        var row = doc.RootElement[0];
        Assert.Equal(["path", "score", "raw_score", "rank", "reasons"], row.EnumerateObject().Select(p => p.Name));
        Assert.Equal(71.5, row.GetProperty("score").GetDouble());
        Assert.Equal(1.25, row.GetProperty("raw_score").GetDouble());
        Assert.Equal("face soft", row.GetProperty("reasons")[0].GetString());
    }

    [Fact]
    public void RankCsvQuotesAndKeepsItsColumns()
    {
        var photos = new List<RankedPhoto> { new("a, \"b\".jpg", -0.5, 1) };
        var lines = Written(w => OutputFormatters.For(OutputFormat.Csv).Write(photos, w))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("rank,score,raw_score,path,reasons", lines[0].TrimEnd('\r'));
        Assert.Equal("1,-0.500000,-0.500000,\"a, \"\"b\"\".jpg\",", lines[1].TrimEnd('\r'));
    }

    [Fact]
    public void CullJsonWritesTheFieldsItDocuments()
    {
        string dir = TestPaths.TempDir("present-cull-json");
        using var doc = JsonDocument.Parse(Written(w => CullFormatters.Write(Shoot(dir), OutputFormat.Json, w)));
        var moment = doc.RootElement[0];
        Assert.Equal(["group", "kind", "grouped_by", "photos"], moment.EnumerateObject().Select(p => p.Name));
        var photo = moment.GetProperty("photos")[1];
        string[] documented = ["path", "score", "stars", "keeper", "reject", "why", "time", "time_source", "raw", "reasons"];
        Assert.Equal(documented, photo.EnumerateObject().Select(p => p.Name));
        Assert.True(photo.GetProperty("reject").GetBoolean());
        Assert.Equal(-1, photo.GetProperty("stars").GetInt32());
        Assert.Equal("motion blur", photo.GetProperty("reasons")[0].GetString());
    }

    [Fact]
    public void CullCsvHasOneRowPerPhoto()
    {
        string dir = TestPaths.TempDir("present-cull-csv");
        var lines = Written(w => CullFormatters.Write(Shoot(dir), OutputFormat.Csv, w))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("group,kind,path,score,keeper,reject,why,raw,reasons,stars,grouped_by", lines[0].TrimEnd('\r'));
        Assert.Equal(4, lines.Length);
        Assert.Contains(",far below the best,,motion blur,-1,capture time", lines[2]);
    }

    [Fact]
    public void CullTableNamesKeepersAndRejects()
    {
        string dir = TestPaths.TempDir("present-cull-table");
        string table = Written(w => CullFormatters.Write(Shoot(dir), OutputFormat.Table, w));
        Assert.Contains("blurred.jpg (far below the best)", table);
        Assert.Contains("g0002", table);
    }

    [Fact]
    public void CullSheetEmbedsThumbnailsAndEscapesNames()
    {
        string dir = TestPaths.TempDir("present-cull-sheet");
        string page = Path.Combine(dir, "cull.html");
        CullSheet.Write(page, Shoot(dir));
        string html = File.ReadAllText(page);
        Assert.Equal(2, Regex.Matches(html, "src=\"data:image/jpeg;base64,").Count); // the missing photo has none
        Assert.Contains("keep &lt;me&gt;.jpg", html);
        Assert.DoesNotContain("keep <me>", html);
        Assert.Contains("reject · far below the best", html);
        Assert.StartsWith(PageHead.Open("BestShot cull"), html);
    }

    [Fact]
    public void HtmlReportListsPhotosBestFirstAndWhatWasSkipped()
    {
        string dir = TestPaths.TempDir("present-html");
        var ranked = new List<RankedPhoto>
        {
            new(Photo(dir, "best.jpg"), 2.0, 1, Score100: 80),
            new(Photo(dir, "<worst>.jpg"), -1.0, 2, Score100: 20),
        };
        string page = Path.Combine(dir, "rank.html");
        HtmlReport.Write(page, ranked, "built-in", [(Path.Combine(dir, "broken.jpg"), "not a JPEG")]);
        string html = File.ReadAllText(page);
        Assert.Equal(2, Regex.Matches(html, "<img alt=\"[^\"]+\" src=\"data:image/jpeg;base64,").Count);
        Assert.True(html.IndexOf("best.jpg", StringComparison.Ordinal) < html.IndexOf("&lt;worst&gt;.jpg", StringComparison.Ordinal));
        Assert.Contains("not a JPEG", html);
        Assert.StartsWith(PageHead.Open("BestShot ranking"), html);
    }

    [Fact]
    public void DecisionsRoundTripThroughTheSidecar()
    {
        string dir = TestPaths.TempDir("present-decisions");
        string photo = Photo(dir, "a.jpg");
        var o = new XmpOptions();
        Assert.Equal(PhotoDecision.None, XmpDecisions.Read(photo, o.Name));

        var before = XmpDecisions.Apply(photo, XmpDecisions.Action.Pick, 0, o);
        Assert.Null(before);
        var picked = XmpDecisions.Read(photo, o.Name);
        Assert.True(picked.Picked && picked.Decided && !picked.Suggested);

        XmpDecisions.Apply(photo, XmpDecisions.Action.Reject, 0, o);
        var rejected = XmpDecisions.Read(photo, o.Name);
        Assert.True(rejected.Rejected);
        Assert.False(rejected.Picked);

        XmpDecisions.Apply(photo, XmpDecisions.Action.Stars, 9, o);
        var starred = XmpDecisions.Read(photo, o.Name);
        Assert.Equal(5, starred.Stars); // clamped
        Assert.False(starred.Rejected, "stars lift a reject");

        XmpDecisions.Restore(photo, o.Name, null);
        Assert.False(File.Exists(photo + ".xmp"));
        Assert.Equal(File.ReadAllBytes(Path.Combine(TestPaths.Samples, "rocket.jpg")), File.ReadAllBytes(photo));
    }

    [Fact]
    public void ADamagedSidecarReadsAsNoDecisionAndIsNotOverwritten()
    {
        string dir = TestPaths.TempDir("present-damaged");
        string photo = Photo(dir, "a.jpg");
        File.WriteAllText(photo + ".xmp", "<x:xmpmeta broken");
        Assert.Equal(PhotoDecision.None, XmpDecisions.Read(photo, SidecarName.Full));
        var e = Assert.Throws<IOException>(() => XmpDecisions.Apply(photo, XmpDecisions.Action.Pick, 0, new XmpOptions()));
        Assert.Contains("unreadable sidecar", e.Message);
        Assert.Equal("<x:xmpmeta broken", File.ReadAllText(photo + ".xmp"));
    }
}
