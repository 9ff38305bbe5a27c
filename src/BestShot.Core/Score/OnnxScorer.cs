using BestShot.Core.Backbone;
using BestShot.Core.Features;
using BestShot.Core.Imaging;
using BestShot.Core.Model;
using Microsoft.ML.OnnxRuntime;

namespace BestShot.Core.Score;

/// <summary>Runs an exported BestShot model (see ScoreGraph) in ONNX Runtime. Never loads libtorch.</summary>
/// <summary>One batch's scores and, row by row, its photos' backbone features (the embedding grouping uses).</summary>
public sealed record ScoredBatch(float[] Scores, float[] Features)
{
    public float[]? FeaturesOf(int i) =>
        Features.Length == 0 ? null : Features.AsSpan(i * BackboneGraph.FeatureCount, BackboneGraph.FeatureCount).ToArray();
}

public sealed class OnnxScorer : IDisposable
{
    readonly InferenceSession _session;

    public string ModelPath { get; }

    /// <summary>The model file's content hash: what a score cache keys on.</summary>
    public string ModelId { get; }
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>
    /// The model `train` kept when the metadata alone ordered its validation posts best: it reads no pixels, and `rank`
    /// and `cull` give every photo the same simulated posting time, so it scores every photo alike.
    /// </summary>
    public bool ReadsNoPixels =>
        Metadata.TryGetValue(HeadFile.KeptKey, out var kept) && kept.StartsWith(HeadFile.KeptMetadataAlone, StringComparison.Ordinal);

    /// <summary>The model BestShot ships (models/default.head.onnx next to the program), used when no --model is given.</summary>
    public static string DefaultModelPath => Path.Combine(AppContext.BaseDirectory, "models", "default.head.onnx");

    /// <summary>
    /// Opens an exported model, or a head file (like the default model), which is joined to the backbone from the
    /// NuGet package in memory. Null opens the default model.
    /// </summary>
    /// <param name="int8">For head files: join the int8 backbone (about 3× faster, features within 0.1 % cosine) instead of fp32.</param>
    public static OnnxScorer Open(string? modelPath, OrtOptions? options = null, bool int8 = true)
    {
        string path = modelPath ?? DefaultModelPath;
        if (!File.Exists(path))
            throw new FileNotFoundException(
                modelPath == null ? $"{path}: the default model is missing from this build" : $"{path}: model file not found"
            );
        var bytes = File.ReadAllBytes(path);
        string id = ContentHash.Of(bytes)[..16];
        Onnx.ModelProto proto;
        try
        {
            proto = Onnx.ModelProto.Parser.ParseFrom(bytes);
        }
        catch (Google.Protobuf.InvalidProtocolBufferException)
        {
            throw new InvalidDataException($"{path}: not an ONNX model");
        }
        if (HeadFile.IsHeadFile(proto))
        {
            int8 &= File.Exists(Int8Backbone.RangesPath);
            bytes = Google.Protobuf.MessageExtensions.ToByteArray(HeadFile.Assemble(proto, int8));
            id += int8 ? "-int8" : "-fp32";
        }
        return new OnnxScorer(path, id, bytes, options);
    }

    public OnnxScorer(string modelPath, OrtOptions? options = null)
        : this(
            modelPath,
            null,
            File.Exists(modelPath) ? File.ReadAllBytes(modelPath) : throw new FileNotFoundException($"{modelPath}: model file not found"),
            options
        ) { }

    OnnxScorer(string modelPath, string? id, byte[] bytes, OrtOptions? options)
    {
        ModelPath = modelPath;
        ModelId = id ?? ContentHash.Of(bytes)[..16];
        using var so = (options ?? new OrtOptions()).ToSessionOptions();
        try
        {
            _session = new InferenceSession(bytes, so);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"{modelPath}: not a loadable ONNX model ({e.Message.Split('\n')[0]})");
        }
        if (!_session.InputMetadata.ContainsKey(ScoreGraph.MetadataInput) || !_session.OutputMetadata.ContainsKey(ScoreGraph.ScoreOutput))
            throw new InvalidDataException(
                $"{modelPath}: not a BestShot model (needs inputs image, metadata and output score); make one with `bestshot export`"
            );
        Metadata = _session.ModelMetadata.CustomMetadataMap;
        DetailCrops = Metadata.TryGetValue(ScoreGraph.DetailCropsKey, out var c) && int.TryParse(c, out int n) ? n : 0;
        Precision = Metadata.TryGetValue(ScoreGraph.PrecisionKey, out var p) ? p : "fp32";
        Scale = ScoreScale.From(Metadata);
        MeasureCount = DetailMeasures.CountOf(Metadata);
        HasFeatures = _session.OutputMetadata.ContainsKey(ScoreGraph.FeaturesOutput);
    }

    /// <summary>The backbone's arithmetic: "fp32" or "int8".</summary>
    public string Precision { get; }

    /// <summary>Whether the model reads <see cref="DetailMeasures"/> (the measures input).</summary>
    public bool NativeMeasures => MeasureCount > 0;

    /// <summary>
    /// How many of the <see cref="DetailMeasures"/> it reads: 8 for v1 (the built-in model), 10 for v2, 12 for v3, 14 for v4.
    /// </summary>
    public int MeasureCount { get; }

    /// <summary>The model's 0–100 scale; null for models trained before scales existed.</summary>
    public ScoreScale? Scale { get; }

    /// <summary>Native-resolution crops per photo this model expects (0: global view only).</summary>
    public int DetailCrops { get; }

    /// <summary>Whether the model also returns the global view's backbone features (every model ScoreGraph builds does).</summary>
    public bool HasFeatures { get; }

    /// <summary>
    /// Scores `count` images (CHW, back to back) with their metadata rows and, if the model uses them, detail crops.
    /// Also returns each image's backbone features, [count × 512], which grouping compares (empty when the model has none).
    /// </summary>
    /// <param name="cancel">Ends a batch in flight: ONNX Runtime checks the terminate flag between nodes, so Ctrl-C does not
    /// wait for the whole batch (the first one, while the session warms up, took over a second).</param>
    public ScoredBatch Score(
        float[] images,
        float[] metadata,
        int count,
        float[]? detail = null,
        float[]? measures = null,
        CancellationToken cancel = default
    )
    {
        if ((DetailCrops > 0) != (detail != null))
            throw new ArgumentException($"this model expects {DetailCrops} detail crops per photo");
        if (NativeMeasures != (measures != null))
            throw new ArgumentException(NativeMeasures ? "this model expects native measures" : "this model reads no native measures");
        int per = 3 * 224 * 224;
        var img = images.Length == count * per ? images : images[..(count * per)];
        var meta = metadata.Length == count * MetadataFeatures.Count ? metadata : metadata[..(count * MetadataFeatures.Count)];
        using var imageValue = OrtValue.CreateTensorValueFromMemory(img, [count, 3, 224, 224]);
        using var metaValue = OrtValue.CreateTensorValueFromMemory(meta, [count, MetadataFeatures.Count]);
        using var runOptions = new RunOptions();
        var names = new List<string> { ScoreGraph.ImageInput, ScoreGraph.MetadataInput };
        var values = new List<OrtValue> { imageValue, metaValue };
        using var detailValue =
            detail == null
                ? null
                : OrtValue.CreateTensorValueFromMemory(
                    detail.Length == count * DetailCrops * per ? detail : detail[..(count * DetailCrops * per)],
                    [count, 3 * DetailCrops, 224, 224]
                );
        if (detailValue != null)
        {
            names.Add(ScoreGraph.DetailInput);
            values.Add(detailValue);
        }
        int k = MeasureCount;
        using var measuresValue =
            measures == null
                ? null
                : OrtValue.CreateTensorValueFromMemory(measures.Length == count * k ? measures : measures[..(count * k)], [count, k]);
        if (measuresValue != null)
        {
            names.Add(ScoreGraph.MeasuresInput);
            values.Add(measuresValue);
        }
        string[] outputs = HasFeatures ? [ScoreGraph.ScoreOutput, ScoreGraph.FeaturesOutput] : [ScoreGraph.ScoreOutput];
        using var stop = cancel.Register(() => runOptions.Terminate = true);
        cancel.ThrowIfCancellationRequested();
        IDisposableReadOnlyCollection<OrtValue> results;
        try
        {
            results = _session.Run(runOptions, names, values, outputs);
        }
        catch (OnnxRuntimeException) when (cancel.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancel);
        }
        using var _ = results;
        return new ScoredBatch(
            results[0].GetTensorDataAsSpan<float>().ToArray(),
            HasFeatures ? results[1].GetTensorDataAsSpan<float>().ToArray() : []
        );
    }

    public void Dispose() => _session.Dispose();
}
