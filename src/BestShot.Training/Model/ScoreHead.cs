using BestShot.Core.Backbone;
using BestShot.Core.Features;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BestShot.Training.Model;

/// <summary>
/// Everything after the backbone, as in the seed:
///   colour-grading/framing net: the 3×14×14 average-pooled image and the view's ImageStatistics → Linear 32 → 32 → 16, SiLU;
///   metadata MLP: 8 → 32 → 32, SiLU;
///   final layers: concat(512 backbone features after dropout, 16, 32) → 128 → 64 → 1, SiLU.
/// With detail crops, the crops' mean backbone features (512, also after dropout) join the concatenation; with native
/// measures, the DetailMeasures come last (8 in a v1 head, 10 in a v2 one, 12 in a v3 one, 14 in a v4 one).
/// Both training modes share it: frozen mode feeds cached features, fine-tune mode the live backbone's.
/// </summary>
public sealed class ScoreHead : nn.Module<Batch, Tensor>
{
    public const int ColourFeatures = 16,
        MetadataHidden = 32;

    /// <summary>The colour/framing net's input: the pooled thumbnail, then the image statistics.</summary>
    public static readonly int ColourInputs = ColourThumbnail.Length + ImageStatistics.Count;

    readonly Dropout dropout;
    readonly Sequential colour;
    readonly Sequential metadata;
    readonly Sequential final;

    public bool HasDetail { get; }

    /// <summary>Whether the final layers also read the native measures (DetailMeasures), appended last.</summary>
    public bool HasMeasures => MeasureCount > 0;

    /// <summary>
    /// How many of them: the first <see cref="MeasureCount"/> of DetailMeasures (8 for v1, 10 for v2, 12 for v3, 14 for v4).
    /// </summary>
    public int MeasureCount { get; }

    public ScoreHead(double dropoutRate, bool detail = false, int measures = 0)
        : base("head")
    {
        HasDetail = detail;
        MeasureCount = measures;
        dropout = nn.Dropout(dropoutRate);
        colour = nn.Sequential(
            ("fc1", nn.Linear(ColourInputs, 32)),
            ("act1", nn.SiLU()),
            ("fc2", nn.Linear(32, 32)),
            ("act2", nn.SiLU()),
            ("fc3", nn.Linear(32, ColourFeatures)),
            ("act3", nn.SiLU())
        );
        metadata = nn.Sequential(
            ("fc1", nn.Linear(MetadataFeatures.Count, MetadataHidden)),
            ("act1", nn.SiLU()),
            ("fc2", nn.Linear(MetadataHidden, MetadataHidden)),
            ("act2", nn.SiLU())
        );
        final = nn.Sequential(
            ("fc1", nn.Linear(BackboneGraph.FeatureCount * (detail ? 2 : 1) + ColourFeatures + MetadataHidden + measures, 128)),
            ("act1", nn.SiLU()),
            ("fc2", nn.Linear(128, 64)),
            ("act2", nn.SiLU()),
            ("fc3", nn.Linear(64, 1))
        );
        RegisterComponents();
    }

    /// <summary>A frozen-mode batch (cached features and thumbnail) → score [N,1].</summary>
    public override Tensor forward(Batch batch) => Score(batch.Features!, batch.Thumbnail!, batch.Metadata, batch.Measures);

    /// <summary>features [N,512] (or [N,1024]: global then detail), thumbnail and statistics [N,588+38], metadata [N,8] → score
    /// [N,1].</summary>
    public Tensor Score(Tensor features, Tensor thumbnail, Tensor meta, Tensor? measures = null)
    {
        if (HasMeasures != (measures is not null))
            throw new ArgumentException(HasMeasures ? "this head needs the native measures" : "this head reads no native measures");
        using var scope = NewDisposeScope();
        var parts = new List<Tensor> { dropout.forward(features), colour.forward(thumbnail), metadata.forward(meta) };
        if (measures is not null)
            parts.Add(measures);
        var x = cat(parts, 1);
        return final.forward(x).MoveToOuterDisposeScope();
    }

    /// <summary>The Linear layers in graph order, for export: (name, weight [out,in], bias [out]).</summary>
    public IEnumerable<(string Name, Tensor Weight, Tensor Bias)> Linears()
    {
        foreach (var (prefix, seq) in new[] { ("colour", colour), ("metadata", metadata), ("final", final) })
        foreach (var (name, module) in seq.named_children())
            if (module is Linear l)
                yield return ($"{prefix}.{name}", l.weight!, l.bias!);
    }
}
