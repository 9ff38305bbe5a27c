using BestShot.Core.Data;
using BestShot.Core.Features;
using BestShot.Core.Filter;
using BestShot.Core.Model;
using BestShot.Core.Score;
using BestShot.Training.Model;
using Google.Protobuf;
using TorchSharp;
using static TorchSharp.torch;

namespace BestShot.Training.Train;

/// <summary>Turns a checkpoint into the one ONNX file that every scorer uses (see ScoreGraph).</summary>
public static class Exporter
{
    public const string ConfigKey = "bestshot.train_config";
    public const string MetadataKey = "bestshot.metadata_features";

    /// <param name="headOnly">Write only the head's weights (a few hundred KB); scorers join it to the packaged backbone.
    /// Frozen-backbone runs only.</param>
    public static void Export(string checkpoint, string onnxPath, bool headOnly = false, bool int8 = false)
    {
        var info = Checkpoint.ReadInfo(checkpoint);
        if (headOnly && info.Config.Backbone != BackboneMode.Frozen)
            throw new CheckpointException($"{checkpoint}: a fine-tuned backbone cannot be left out of the export; drop --head-only");
        var (head, backbone) = LoadModel(checkpoint, info.Config);
        using (head)
        using (backbone)
        {
            var metadata = Inputs(info.Config.Split);
            metadata[ConfigKey] = info.Config.ToJson();
            metadata["bestshot.best_epoch"] = (info.BestEpoch + 1).ToString();
            // The 0–100 anchors measured when this checkpoint was the best (best.ckpt → best.scale.json).
            string scaleFile = Path.ChangeExtension(checkpoint, ".scale.json");
            if (File.Exists(scaleFile))
                metadata[ScoreScale.MetadataKey] = File.ReadAllText(scaleFile);
            if (headOnly)
            {
                HeadFile.Write(onnxPath, Weights(head), info.Config.DetailCrops, metadata);
                return;
            }
            var model = ScoreGraph.Build(
                Weights(head),
                info.Config.DetailCrops,
                backbone == null ? null : BackboneWeights(backbone),
                metadata,
                int8
            );
            AtomicFile.WriteAllBytes(onnxPath, model.ToByteArray());
        }
    }

    /// <summary>What every exported model says of its inputs, and the split that eval must reproduce.</summary>
    public static Dictionary<string, string> Inputs(SplitOptions split) =>
        new()
        {
            [SplitOptions.MetadataKey] = split.ToJson(),
            [MetadataKey] =
                "["
                + string.Join(", ", MetadataFeatures.Names)
                + "]: log(avg_likes)/15, log(days_ago+1)/10, sin/cos(2π·weekday/7) with Monday=0, sin/cos(2π·minute_of_day/1440), "
                + "log(followers+1)/15, log(following+1)/15; times in UTC",
            ["bestshot.image_input"] =
                "RGB, shortest side 224 (Lanczos3), centre crop 224×224, ImageNet mean/std normalised, NCHW float32",
        };

    /// <summary>The head (and, for fine-tuned runs, the backbone) with the checkpoint's weights, in eval mode.</summary>
    public static (ScoreHead Head, ResNet18Cntk? Backbone) LoadModel(string checkpoint, TrainConfig cfg)
    {
        var head = new ScoreHead(cfg.Dropout, cfg.DetailCrops > 0, cfg.MeasureCount);
        ResNet18Cntk? backbone = null;
        nn.Module model = head;
        if (cfg.Backbone == BackboneMode.Finetune)
        {
            backbone = new ResNet18Cntk();
            model = new FineTuneModel(backbone, head);
        }
        Checkpoint.Load(checkpoint, model, null);
        model.eval();
        return (head, backbone);
    }

    public static HeadWeights Weights(ScoreHead head)
    {
        var layers = head.Linears()
            .Select(l =>
                (
                    l.Name,
                    W: new LinearWeights(
                        l.Weight.data<float>().ToArray(),
                        l.Bias.data<float>().ToArray(),
                        (int)l.Weight.shape[0],
                        (int)l.Weight.shape[1]
                    )
                )
            )
            .ToList();
        List<LinearWeights> Part(string p) => layers.Where(l => l.Name.StartsWith(p + ".")).Select(l => l.W).ToList();
        return new HeadWeights(Part("colour"), Part("metadata"), Part("final"), head.MeasureCount);
    }

    static Dictionary<string, float[]> BackboneWeights(ResNet18Cntk backbone) =>
        backbone.OnnxInitializers().ToDictionary(x => x.OnnxName, x => x.Value.contiguous().data<float>().ToArray());
}
