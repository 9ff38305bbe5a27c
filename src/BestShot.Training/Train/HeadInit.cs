using BestShot.Core.Features;
using BestShot.Core.Model;
using BestShot.Core.Score;
using BestShot.Training.Model;
using static TorchSharp.torch;

namespace BestShot.Training.Train;

/// <summary>
/// A warm start (`train --init`): the head begins from the built-in model's weights, an earlier run's best.ckpt, or a
/// head-only ONNX file, instead of random ones. What BestShot already knows about sharpness and exposure is kept, and
/// a small personal set only has to move it. The new run takes the starting model's architecture (native measures,
/// detail crops, int8 features), since the weights fit no other; a fine-tuned run lends its head only.
/// </summary>
public static class HeadInit
{
    public const string Default = "default";

    /// <summary>
    /// The previous built-in model's MLP head, shipped beside the built-in quality head for `--init default`: the
    /// quality head is one linear layer over layer statistics, which personal training does not compute, so a warm
    /// start takes the MLP head that knew sharpness and exposure before it.
    /// </summary>
    public static string WarmStartPath => Path.Combine(AppContext.BaseDirectory, "models", "warm-start.head.onnx");

    /// <summary>What `--init default` reads: the built-in model when the trainer can hold its head, else the warm start.</summary>
    static (string Path, string From) DefaultStart() =>
        HeadFile.Read(OnnxScorer.DefaultModelPath).Head.Colour.Count > 0
            ? (OnnxScorer.DefaultModelPath, "the built-in model")
            : (WarmStartPath, "the previous built-in model (its MLP head; the built-in quality head is linear on layer statistics)");

    /// <summary>The configuration with the starting model's architecture; the message says what was taken.</summary>
    public static (TrainConfig Config, string Message) Adopt(TrainConfig cfg)
    {
        if (cfg.Init == null)
            return (cfg, "");
        var (head, crops, int8, from) = Describe(cfg.Init);
        var adopted = cfg with
        {
            NativeMeasures = head.Measures > 0,
            MeasuresVersion = head.Measures > 0 ? DetailMeasures.VersionOf(head.Measures) : null,
            DetailCrops = crops,
            Int8Features = int8,
        };
        string measures = head.Measures > 0 ? $"on ({DetailMeasures.VersionOf(head.Measures)})" : "off";
        return (
            adopted,
            $"head starts from {from}: native measures {measures}, {crops} detail crops, {(int8 ? "int8" : "fp32")} features"
        );
    }

    /// <summary>Copies the starting model's weights into the head (whose architecture <see cref="Adopt"/> matched).</summary>
    public static void Load(ScoreHead target, string init)
    {
        var source = Describe(init).Head;
        var layers = source.Colour.Concat(source.Metadata).Concat(source.Final).ToList();
        var linears = target.Linears().ToList();
        if (layers.Count != linears.Count)
            throw new TrainException($"--init {init}: its head has {layers.Count} layers, this one {linears.Count}");
        using var _ = no_grad();
        for (int i = 0; i < layers.Count; i++)
        {
            var (name, weight, bias) = linears[i];
            if (weight.shape[0] != layers[i].Out || weight.shape[1] != layers[i].In)
                throw new TrainException(
                    $"--init {init}: layer {name} is {layers[i].Out}×{layers[i].In} there and {weight.shape[0]}×{weight.shape[1]} here"
                );
            weight.copy_(tensor(layers[i].Weight).reshape(layers[i].Out, layers[i].In));
            bias.copy_(tensor(layers[i].Bias));
        }
    }

    static (HeadWeights Head, int Crops, bool Int8, string From) Describe(string init)
    {
        var (defaultPath, defaultFrom) = init == Default ? DefaultStart() : ("", "");
        string path =
            init == Default ? defaultPath
            : Directory.Exists(init) ? new RunFolder(init).Best
            : init;
        if (!File.Exists(path))
            throw new TrainException(
                $"--init {init}: {path} not found (give `default`, a run folder with best.ckpt, or a head-only .onnx)"
            );
        if (path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var (head, crops, meta) = HeadFile.Read(path);
                bool int8 = !meta.TryGetValue(Exporter.ConfigKey, out var json) || TrainConfig.FromJson(json).Int8Features;
                return (head, crops, int8, init == Default ? defaultFrom : path);
            }
            catch (Exception e) when (e is InvalidDataException or Google.Protobuf.InvalidProtocolBufferException)
            {
                throw new TrainException($"--init {init}: {e.Message}");
            }
        }
        var info = Checkpoint.ReadInfo(path);
        var (model, backbone) = Exporter.LoadModel(path, info.Config);
        using (model)
        using (backbone)
            return (Exporter.Weights(model), info.Config.DetailCrops, info.Config.Int8Features, $"{path} (epoch {info.BestEpoch + 1})");
    }
}
