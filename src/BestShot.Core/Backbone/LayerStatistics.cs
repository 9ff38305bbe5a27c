using Onnx;
using static BestShot.Core.Backbone.OnnxTensors;

namespace BestShot.Core.Backbone;

/// <summary>
/// Quality features from the backbone pass the score already makes: the log mean and log standard deviation of every
/// channel of the stem and of each of the four stages, over the whole frame (2,048 values). Blur empties the early
/// layers' responses and noise fills them, whatever the scene, while the pooled last stage mostly says what the photo
/// shows; MUSIQ, NIQE-like and "deep feature statistics" quality models read the same kind of signal. They cost a
/// few reductions per image, no second pass.
/// </summary>
public static class LayerStatistics
{
    public const string OutputName = "layer_stats";

    /// <summary>Model metadata saying a head reads these statistics; bump the version when a value changes meaning.</summary>
    public const string MetadataKey = "bestshot.layer_statistics",
        Version = "v1";

    /// <summary>The stem's ReLU (64 × 112²) and the last ReLU of each stage (64 × 56², 128 × 28², 256 × 14², 512 × 7²).</summary>
    static readonly (string Tensor, int Channels)[] Taps =
    [
        ("ReLU253_Output_0", 64),
        ("ReLU283_Output_0", 64),
        ("ReLU315_Output_0", 128),
        ("ReLU347_Output_0", 256),
        ("ReLU393_Output_0", 512),
    ];

    /// <summary>Keeps the logs finite on channels that never fire.</summary>
    const float Floor = 0.01f;

    public static int Count => 2 * Taps.Sum(t => t.Channels);

    /// <summary>Whether a model with this metadata reads the statistics; a version this BestShot does not know is refused.</summary>
    public static bool Used(IReadOnlyDictionary<string, string> metadata) =>
        !metadata.TryGetValue(MetadataKey, out var version) ? false
        : version == Version ? true
        : throw new InvalidDataException($"the model reads layer statistics {version}; this BestShot computes {Version}");

    /// <summary>
    /// Adds nodes computing <see cref="OutputName"/> [batch, Count] to a backbone graph, fp32 or int8. In the int8
    /// graph every consumer of a quantised ReLU reads its dequantised copy, and so do these, so ONNX Runtime still
    /// fuses the ReLU into its quantiser.
    /// </summary>
    public static void AddNodes(GraphProto g, string prefix = "")
    {
        var produced = g.Node.SelectMany(n => n.Output).ToHashSet();
        string P(string name) => prefix + "layer_stats_" + name;
        g.Initializer.Add(Float(P("floor"), [1], [Floor]));
        var parts = new List<string>();
        foreach (var (tensor, _) in Taps)
        {
            string x =
                produced.Contains(prefix + tensor + "_dq") ? prefix + tensor + "_dq"
                : produced.Contains(prefix + tensor) ? prefix + tensor
                : throw new InvalidDataException($"the backbone has no tensor {tensor}: not the CNTK ResNet18 BestShot knows");
            string t = P(tensor);
            Reduce(g, x, t + "_mean");
            g.Node.Add(Node("Mul", t + "_square", [x, x], [t + "_square"]));
            Reduce(g, t + "_square", t + "_mean_square");
            g.Node.Add(Node("Mul", t + "_mean_squared", [t + "_mean", t + "_mean"], [t + "_mean_squared"]));
            g.Node.Add(Node("Sub", t + "_variance_raw", [t + "_mean_square", t + "_mean_squared"], [t + "_variance_raw"]));
            g.Node.Add(Node("Relu", t + "_variance", [t + "_variance_raw"], [t + "_variance"])); // rounding can go below 0
            g.Node.Add(Node("Sqrt", t + "_std", [t + "_variance"], [t + "_std"]));
            foreach (var stat in new[] { "_mean", "_std" })
            {
                g.Node.Add(Node("Add", t + stat + "_floored", [t + stat, P("floor")], [t + stat + "_floored"]));
                g.Node.Add(Node("Log", t + stat + "_log", [t + stat + "_floored"], [t + stat + "_log"]));
                parts.Add(t + stat + "_log");
            }
        }
        g.Node.Add(Node("Concat", prefix + OutputName, [.. parts], [prefix + OutputName], IntAttribute("axis", 1)));
    }

    static void Reduce(GraphProto g, string input, string output)
    {
        var n = Node("ReduceMean", output, [input], [output], IntAttribute("keepdims", 0));
        n.Attribute.Add(Ints("axes", 2, 3));
        g.Node.Add(n);
    }
}
