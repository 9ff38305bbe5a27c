using BestShot.Lab.Eval;
using BestShot.Lab.Synth;
using static BestShot.Tests.PostBuilder;

namespace BestShot.Tests;

/// <summary>The per-kind table that `eval` and the training summary print for `synth degradations` data.</summary>
public class DegradationReportTests
{
    [Fact]
    public void CountsOriginalWinsAndScoreDropsPerKindAndSeverity()
    {
        var posts = new[] { "a", "b" }
            .SelectMany(u => new[] { P(u, 1000, $"{u}__original"), P(u, 700, $"{u}__Jpeg_1"), P(u, 500, $"{u}__Jpeg_2") })
            .ToList();
        var scores = new Dictionary<string, double>
        {
            ["a__original"] = 3,
            ["a__Jpeg_1"] = 2,
            ["a__Jpeg_2"] = 1, // a: both copies below the original
            ["b__original"] = 3,
            ["b__Jpeg_1"] = 4,
            ["b__Jpeg_2"] = 0, // b: the mild copy outscores it
        };
        var report = DegradationReport.Compute(posts, scores)!;
        Assert.Equal(2, report.Rows.Count);
        var mild = report.Rows.Single(r => r.Severity == 1);
        Assert.Equal((DegradationKind.Jpeg, 2, 0.5), (mild.Kind, mild.Pairs, mild.OriginalWins));
        Assert.Equal(0.0, mild.MeanScoreDrop, 9); // (1 + −1) / 2
        var strong = report.Rows.Single(r => r.Severity == 2);
        Assert.Equal((1.0, 2.5), (strong.OriginalWins, strong.MeanScoreDrop)); // (2 + 3) / 2
        Assert.Equal([DegradationKind.Jpeg], report.NotMonotonic()); // the mild step's mean drop is not above zero
    }

    [Fact]
    public void OtherDatasetsHaveNoReport()
    {
        var posts = new[] { P("u", 10, "u-1"), P("u", 20, "u-2") };
        Assert.Null(DegradationReport.Compute(posts, new Dictionary<string, double> { ["u-1"] = 1, ["u-2"] = 2 }));
    }
}
