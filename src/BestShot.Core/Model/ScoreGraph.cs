using BestShot.Core.Backbone;
using BestShot.Core.Features;
using Onnx;
using static BestShot.Core.Backbone.OnnxTensors;

namespace BestShot.Core.Model;

/// <summary>One Linear layer's weights, row-major [Out, In].</summary>
public sealed record LinearWeights(float[] Weight, float[] Bias, int Out, int In);

/// <summary>
/// The trained head, as plain arrays, so that building the ONNX graph needs no TorchSharp. Measures: how many of the
/// <see cref="DetailMeasures"/> the final layers also read, appended to their input (0: none); LayerStatistics: whether they also read
/// the backbone's <see cref="Backbone.LayerStatistics"/>, appended last. A part with no layers passes its input through
/// (a linear quality head reads the colour net's and the metadata's inputs directly).
/// </summary>
public sealed record HeadWeights(
    IReadOnlyList<LinearWeights> Colour,
    IReadOnlyList<LinearWeights> Metadata,
    IReadOnlyList<LinearWeights> Final,
    int Measures = 0,
    bool LayerStatistics = false
);

/// <summary>
/// The single exported scoring model: image [batch,3,224,224] (ImageNet-normalised RGB), metadata [batch,8]
/// (MetadataFeatures) and, when the model uses them, detail [batch,C·3,224,224] (C native-resolution crops, see
/// PhotoViews) and measures [batch,8 or 10] (DetailMeasures, computed on the CPU while decoding) in; score [batch,1] and the
/// global view's backbone features [batch,512] out. The crops run through
/// a second copy of the backbone's nodes that shares its weights, and their features are averaged. The graph holds the
/// backbone, CNTK's input conversion, the colour pool, the image statistics and the head, so scoring needs only this
/// file and ONNX Runtime.
/// </summary>
public static class ScoreGraph
{
    public const string ImageInput = BackboneGraph.InputName,
        MetadataInput = "metadata",
        DetailInput = "detail",
        MeasuresInput = "measures",
        ScoreOutput = "score",
        FeaturesOutput = BackboneGraph.OutputName;
    public const string DetailCropsKey = "bestshot.detail_crops";
    public const string PrecisionKey = "bestshot.backbone_precision";

    /// <param name="backboneOverrides">Fine-tuned backbone initializers by ONNX name; null keeps the pretrained ones.</param>
    /// <param name="int8">Use the int8 (QDQ) backbone; needs the shipped activation ranges and the pretrained weights.</param>
    public static ModelProto Build(
        HeadWeights head,
        int detailCrops,
        IReadOnlyDictionary<string, float[]>? backboneOverrides,
        IReadOnlyDictionary<string, string> metadataProps,
        bool int8 = false
    )
    {
        if (int8 && backboneOverrides != null)
            throw new InvalidOperationException("the int8 ranges are calibrated for the pretrained backbone, not a fine-tuned one");
        var model = int8 ? Int8Backbone.BuildCached() : BackboneGraph.Build();
        var g = model.Graph;
        var backboneNodes = g.Node.ToList();
        if (backboneOverrides != null)
            foreach (var init in g.Initializer)
                if (backboneOverrides.TryGetValue(init.Name, out var values))
                {
                    if (values.Length != init.Dims.Aggregate(1L, (a, b) => a * b))
                        throw new InvalidDataException($"override for {init.Name} has the wrong size");
                    var replacement = Float(init.Name, init.Dims.ToArray(), values);
                    init.FloatData.Clear();
                    init.RawData = replacement.RawData;
                }

        g.Input.Add(BatchedFloat(MetadataInput, MetadataFeatures.Count));
        g.Node.Add(
            Node(
                "AveragePool",
                "colour_pool",
                [ImageInput],
                ["colour_pool_out"],
                Ints("kernel_shape", ColourThumbnail.Pool, ColourThumbnail.Pool),
                Ints("strides", ColourThumbnail.Pool, ColourThumbnail.Pool)
            )
        );
        g.Node.Add(Node("Flatten", "colour_flatten", ["colour_pool_out"], ["colour_thumb"], IntAttribute("axis", 1)));
        string colourInput = "colour_thumb";
        // Heads trained before ImageStatistics existed read the thumbnail alone; their width says which they are.
        int colourWidth = head.Colour.Count > 0 ? head.Colour[0].In : ColourThumbnail.Length + ImageStatistics.Count;
        if (colourWidth == ColourThumbnail.Length + ImageStatistics.Count)
        {
            ImageStatistics.AddNodes(g, ImageInput, "image_statistics");
            g.Node.Add(Node("Concat", "colour_inputs", ["colour_thumb", "image_statistics"], ["colour_in"], IntAttribute("axis", 1)));
            colourInput = "colour_in";
        }
        else if (colourWidth != ColourThumbnail.Length)
            throw new InvalidDataException(
                $"the head's colour net takes {colourWidth} inputs; this BestShot knows {ColourThumbnail.Length} (thumbnail) and "
                    + $"{ColourThumbnail.Length + ImageStatistics.Count} (thumbnail + image statistics)"
            );

        string colour = Mlp(g, "colour", colourInput, head.Colour, activateLast: true);
        string meta = Mlp(g, "metadata", MetadataInput, head.Metadata, activateLast: true);
        var headInputs = new List<string> { FeaturesOutput };
        if (detailCrops > 0)
            headInputs.Add(DetailPath(g, backboneNodes, detailCrops));
        headInputs.Add(colour);
        headInputs.Add(meta);
        if (head.Measures > 0)
        {
            g.Input.Add(BatchedFloat(MeasuresInput, head.Measures));
            headInputs.Add(MeasuresInput);
        }
        if (head.LayerStatistics)
        {
            LayerStatistics.AddNodes(g);
            headInputs.Add(LayerStatistics.OutputName);
        }
        g.Node.Add(Node("Concat", "head_concat", headInputs.ToArray(), ["head_in"], IntAttribute("axis", 1)));
        string score = Mlp(g, "final", "head_in", head.Final, activateLast: false);
        g.Node.Add(Node("Identity", "score_out", [score], [ScoreOutput]));

        g.Output.Clear();
        g.Output.Add(BatchedFloat(ScoreOutput, 1));
        g.Output.Add(BatchedFloat(FeaturesOutput, BackboneGraph.FeatureCount));
        model.ProducerName = "BestShot";
        model.MetadataProps.Add(new StringStringEntryProto { Key = PrecisionKey, Value = int8 ? "int8" : "fp32" });
        AddHeadMetadata(model, head, detailCrops, metadataProps);
        return model;
    }

    /// <summary>
    /// What a scorer must know of the head beside its weights (detail crops, which measures it reads), then the
    /// caller's own entries: the same for a whole model and a head file, so that either loads the same way.
    /// </summary>
    public static void AddHeadMetadata(
        ModelProto model,
        HeadWeights head,
        int detailCrops,
        IEnumerable<KeyValuePair<string, string>> metadata
    )
    {
        model.MetadataProps.Add(new StringStringEntryProto { Key = DetailCropsKey, Value = detailCrops.ToString() });
        if (head.Measures > 0)
            model.MetadataProps.Add(
                new StringStringEntryProto { Key = DetailMeasures.MetadataKey, Value = DetailMeasures.VersionOf(head.Measures) }
            );
        if (head.LayerStatistics)
            model.MetadataProps.Add(new StringStringEntryProto { Key = LayerStatistics.MetadataKey, Value = LayerStatistics.Version });
        foreach (var (key, value) in metadata)
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
    }

    /// <summary>detail [N, C·3, 224, 224] → [N·C, 3, 224, 224] → the backbone's nodes again (same weights) → mean over C.</summary>
    static string DetailPath(GraphProto g, List<NodeProto> backboneNodes, int crops)
    {
        var initializers = g.Initializer.Select(t => t.Name).ToHashSet();
        string Rename(string name) =>
            initializers.Contains(name) ? name
            : name == ImageInput ? "detail_images"
            : "detail/" + name;
        g.Input.Add(BatchedFloat(DetailInput, 3 * crops, 224, 224));
        g.Initializer.Add(Int64("detail_shape_in", [4], [-1, 3, 224, 224]));
        g.Initializer.Add(Int64("detail_shape_out", [3], [-1, crops, BackboneGraph.FeatureCount]));
        g.Node.Add(Node("Reshape", "detail_split", [DetailInput, "detail_shape_in"], ["detail_images"]));
        foreach (var n in backboneNodes)
        {
            var copy = n.Clone();
            copy.Name = "detail/" + n.Name;
            copy.Input.Clear();
            copy.Input.AddRange(n.Input.Select(Rename));
            copy.Output.Clear();
            copy.Output.AddRange(n.Output.Select(Rename));
            g.Node.Add(copy);
        }
        g.Node.Add(Node("Reshape", "detail_group", [Rename(FeaturesOutput), "detail_shape_out"], ["detail_grouped"]));
        var mean = Node("ReduceMean", "detail_mean", ["detail_grouped"], ["detail_features"], IntAttribute("keepdims", 0));
        mean.Attribute.Add(Ints("axes", 1));
        g.Node.Add(mean);
        return "detail_features";
    }

    /// <summary>Gemm (+ SiLU as x·sigmoid(x), which opset 8 lacks as one op) per layer; returns the last output's name.</summary>
    static string Mlp(GraphProto g, string prefix, string input, IReadOnlyList<LinearWeights> layers, bool activateLast)
    {
        string x = input;
        for (int i = 0; i < layers.Count; i++)
        {
            var l = layers[i];
            string n = $"{prefix}_fc{i + 1}";
            g.Initializer.Add(Float(n + "_w", [l.Out, l.In], l.Weight));
            g.Initializer.Add(Float(n + "_b", [l.Out], l.Bias));
            g.Node.Add(Node("Gemm", n, [x, n + "_w", n + "_b"], [n + "_out"], IntAttribute("transB", 1)));
            x = n + "_out";
            if (i < layers.Count - 1 || activateLast)
            {
                g.Node.Add(Node("Sigmoid", n + "_sigmoid", [x], [n + "_sig"]));
                g.Node.Add(Node("Mul", n + "_silu", [x, n + "_sig"], [n + "_act"]));
                x = n + "_act";
            }
        }
        return x;
    }
}
