using BestShot.Core.Backbone;
using BestShot.Core.Data;
using BestShot.Core.Features;
using Google.Protobuf;
using Onnx;

namespace BestShot.Core.Model;

/// <summary>
/// A trained head without the 64 MB backbone: an ONNX file holding only the head's weights (as initializers) and
/// the model's metadata. Small enough to commit; ScoreGraph joins it to the backbone from the NuGet package at load
/// time. This is how BestShot ships its default model.
/// </summary>
public static class HeadFile
{
    /// <summary>
    /// Metadata `train` writes into a run's model.onnx when it keeps the built-in model (the run did not beat it): why,
    /// in words that `eval` shows.
    /// </summary>
    public const string KeptKey = "bestshot.kept";

    /// <summary>How <see cref="KeptKey"/> begins when `train` kept the ridge regression on the metadata alone.</summary>
    public const string KeptMetadataAlone = "metadata alone";

    const string Marker = "bestshot.head_file";

    public static void Write(string path, HeadWeights head, int detailCrops, IReadOnlyDictionary<string, string> metadata)
    {
        var model = new ModelProto
        {
            IrVersion = 3,
            ProducerName = "BestShot",
            Graph = new GraphProto { Name = "bestshot_head" },
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 8 });
        foreach (var (part, layers) in new[] { ("colour", head.Colour), ("metadata", head.Metadata), ("final", head.Final) })
            for (int i = 0; i < layers.Count; i++)
            {
                model.Graph.Initializer.Add(OnnxTensors.Float($"{part}_fc{i + 1}_w", [layers[i].Out, layers[i].In], layers[i].Weight));
                model.Graph.Initializer.Add(OnnxTensors.Float($"{part}_fc{i + 1}_b", [layers[i].Out], layers[i].Bias));
            }
        model.MetadataProps.Add(new StringStringEntryProto { Key = Marker, Value = "1" });
        ScoreGraph.AddHeadMetadata(model, head, detailCrops, metadata);
        AtomicFile.WriteAllBytes(path, model.ToByteArray());
    }

    public static bool IsHeadFile(ModelProto model) => model.MetadataProps.Any(p => p.Key == Marker);

    /// <summary>A head file's weights, its detail crops and its other metadata (what a model says about itself).</summary>
    public static (HeadWeights Head, int DetailCrops, Dictionary<string, string> Metadata) Read(ModelProto headFile)
    {
        var inits = headFile.Graph.Initializer.ToDictionary(t => t.Name);
        List<LinearWeights> Part(string part) =>
            Enumerable
                .Range(1, 10)
                .TakeWhile(i => inits.ContainsKey($"{part}_fc{i}_w"))
                .Select(i =>
                {
                    var w = inits[$"{part}_fc{i}_w"];
                    return new LinearWeights(
                        OnnxTensors.ToFloats(w),
                        OnnxTensors.ToFloats(inits[$"{part}_fc{i}_b"]),
                        (int)w.Dims[0],
                        (int)w.Dims[1]
                    );
                })
                .ToList();
        var meta = headFile
            .MetadataProps.Where(p =>
                p.Key != Marker
                && p.Key != ScoreGraph.DetailCropsKey
                && p.Key != ScoreGraph.PrecisionKey
                && p.Key != DetailMeasures.MetadataKey
                && p.Key != LayerStatistics.MetadataKey
            )
            .ToDictionary(p => p.Key, p => p.Value);
        int crops = int.Parse(headFile.MetadataProps.Single(p => p.Key == ScoreGraph.DetailCropsKey).Value);
        var all = headFile.MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        var head = new HeadWeights(
            Part("colour"),
            Part("metadata"),
            Part("final"),
            DetailMeasures.CountOf(all),
            LayerStatistics.Used(all)
        );
        return (head, crops, meta);
    }

    /// <summary>A head file read from disk; InvalidDataException when it is not one.</summary>
    public static (HeadWeights Head, int DetailCrops, Dictionary<string, string> Metadata) Read(string path)
    {
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        if (!IsHeadFile(model))
            throw new InvalidDataException($"{path}: not a head-only model (export one with `bestshot export RUN --head-only`)");
        return Read(model);
    }

    /// <summary>The full scoring model: the shipped backbone joined to this head.</summary>
    public static ModelProto Assemble(ModelProto headFile, bool int8)
    {
        var (head, crops, meta) = Read(headFile);
        return ScoreGraph.Build(head, crops, null, meta, int8);
    }
}
