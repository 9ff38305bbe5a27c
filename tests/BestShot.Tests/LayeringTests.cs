namespace BestShot.Tests;

/// <summary>The folders of src/ are layers (docs/design.md, "Layers"): each uses only those above it.</summary>
public class LayeringTests
{
    static readonly IReadOnlyList<string> Layers = LayerRules.FromDesign(
        File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "design.md"))
    );

    static readonly string Src = Path.Combine(TestPaths.RepoRoot, "src");

    static IEnumerable<(string Path, string Text)> Sources() =>
        Directory
            .EnumerateFiles(Src, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Src, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/obj/") && !f.Contains("/bin/"))
            .Select(f => (f, File.ReadAllText(Path.Combine(Src, f))));

    [Fact]
    public void TheTableListsEveryProjectAndFolder()
    {
        Assert.Contains("BestShot.Core/Data", Layers);
        Assert.Equal("BestShot.Cli", Layers[^1]);
        var unlisted = Sources().Where(s => LayerRules.LayerOf(s.Path, Layers) == null).Select(s => s.Path).ToList();
        Assert.True(unlisted.Count == 0, "in no layer of docs/design.md: " + string.Join(", ", unlisted));
    }

    [Fact]
    public void NoReferenceClimbs()
    {
        var climbs = LayerRules.Climbs(Sources(), Layers);
        Assert.True(
            climbs.Count == 0,
            "references to a lower layer:\n" + string.Join("\n", climbs.Select(c => $"{c.File}: {c.From} → {c.To} ({c.Named})"))
        );
    }

    /// <summary>The edges issue 25 found; each must be caught, whichever way it is written.</summary>
    [Theory]
    [InlineData("BestShot.Core/Data/Caches.cs", "using BestShot.Core.Rank;", "BestShot.Core/Rank")]
    [InlineData("BestShot.Core/Data/Caches.cs", "var p = Features.FeatureCache.DefaultPath;", "BestShot.Core/Features")]
    [InlineData("BestShot.Core/Data/SplitOptions.cs", "using BestShot.Core.Filter;", "BestShot.Core/Filter")]
    [InlineData("BestShot.Core/Score/ScoreScale.cs", "using BestShot.Lab.Synth;", "BestShot.Lab/Synth")]
    [InlineData("BestShot.Core/Facts/PhotoFactsStore.cs", "BestShot.Core.Rank.RankedPhoto x;", "BestShot.Core/Rank")]
    [InlineData("BestShot.Core/Look/Looks.cs", "using var c = new Facts.PhotoFactsStore(p);", "BestShot.Core/Facts")]
    [InlineData("BestShot.Lab/Synth/PostsSynth.cs", "using BestShot.Lab.Eval;", "BestShot.Lab/Eval")]
    [InlineData("BestShot.Core/Backbone/Int8Backbone.cs", "Features.ContentHash.Of(x)", "BestShot.Core/Features")]
    [InlineData("BestShot.Lab/Eval/Evaluator.cs", "var t = Training.Train.TrainConfig.Default;", "BestShot.Training/Train")]
    [InlineData("BestShot.Training/Model/Batch.cs", "using BestShot.Training.Train;", "BestShot.Training/Train")]
    [InlineData("BestShot.Web/Gallery.cs", "using BestShot.Cli.Commands;", "BestShot.Cli")]
    public void ACLimbIsCaught(string file, string line, string to)
    {
        var climbs = LayerRules.Climbs([(file, $"namespace X;\n{line}\n")], Layers);
        Assert.Contains(climbs, c => c.To == to);
    }

    [Fact]
    public void AReferenceUpwardsIsAllowed()
    {
        var ok = LayerRules.Climbs(
            [("BestShot.Core/Group/Culler.cs", "using BestShot.Core.Look;\nvar r = Look.Reasons.Of(x); Data.SafeText.OneLine(s);")],
            Layers
        );
        Assert.Empty(ok);
    }
}
