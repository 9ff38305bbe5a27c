using Microsoft.ML.OnnxRuntime;
using BestShot.Core.Backbone;
using BestShot.Core.Export;
using BestShot.Core.Features;

namespace BestShot.Core.Score;

/// <summary>Runs an exported BestShot model (see ScoreGraph) in ONNX Runtime. Never loads libtorch.</summary>
public sealed class OnnxScorer : IDisposable
{
    readonly InferenceSession _session;

    public string ModelPath { get; }
    /// <summary>The model file's content hash: what a score cache keys on.</summary>
    public string ModelId { get; }
    public IReadOnlyDictionary<string, string> Metadata { get; }

    public OnnxScorer(string modelPath, OrtOptions? options = null)
    {
        if (!File.Exists(modelPath)) throw new FileNotFoundException($"{modelPath}: model file not found");
        ModelPath = modelPath;
        var bytes = File.ReadAllBytes(modelPath);
        ModelId = ContentHash.Of(bytes)[..16];
        using var so = (options ?? new OrtOptions()).ToSessionOptions();
        try { _session = new InferenceSession(bytes, so); }
        catch (OnnxRuntimeException e) { throw new InvalidDataException($"{modelPath}: not a loadable ONNX model ({e.Message.Split('\n')[0]})"); }
        if (!_session.InputMetadata.ContainsKey(ScoreGraph.MetadataInput) || !_session.OutputMetadata.ContainsKey(ScoreGraph.ScoreOutput))
            throw new InvalidDataException($"{modelPath}: not a BestShot model (needs inputs image, metadata and output score); make one with `bestshot export`");
        Metadata = _session.ModelMetadata.CustomMetadataMap;
    }

    /// <summary>Scores `count` images (CHW, back to back) with their metadata feature rows.</summary>
    public float[] Score(float[] images, float[] metadata, int count)
    {
        int per = 3 * 224 * 224;
        var img = images.Length == count * per ? images : images[..(count * per)];
        var meta = metadata.Length == count * MetadataFeatures.Count ? metadata : metadata[..(count * MetadataFeatures.Count)];
        using var imageValue = OrtValue.CreateTensorValueFromMemory(img, [count, 3, 224, 224]);
        using var metaValue = OrtValue.CreateTensorValueFromMemory(meta, [count, MetadataFeatures.Count]);
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, [ScoreGraph.ImageInput, ScoreGraph.MetadataInput], [imageValue, metaValue], [ScoreGraph.ScoreOutput]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    public void Dispose() => _session.Dispose();
}
