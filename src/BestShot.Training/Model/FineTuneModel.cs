using BestShot.Core.Features;
using TorchSharp;
using static TorchSharp.torch;

namespace BestShot.Training.Model;

/// <summary>The seed's whole network for fine-tuning: live backbone + colour pool + the shared head.</summary>
public sealed class FineTuneModel : nn.Module<Batch, Tensor>
{
    readonly ResNet18Cntk backbone;
    readonly ScoreHead head;

    public FineTuneModel(ResNet18Cntk backbone, ScoreHead head)
        : base("finetune")
    {
        this.backbone = backbone;
        this.head = head;
        RegisterComponents();
    }

    /// <summary>A fine-tune batch → score [N,1].</summary>
    public override Tensor forward(Batch batch) => Score(batch.Image!, batch.Detail, batch.Statistics!, batch.Metadata);

    /// <summary>
    /// image [N,3,224,224] ImageNet-normalised, detail crops [N,C,3,224,224] or null, the image's ImageStatistics
    /// [N,38] (computed by ONNX Runtime in the data loader: they need no gradient), metadata [N,8] and, for a head that reads
    /// them, the native measures [N,8] → [N,1].
    /// </summary>
    public Tensor Score(Tensor image, Tensor? detail, Tensor statistics, Tensor meta, Tensor? measures = null)
    {
        using var scope = NewDisposeScope();
        var thumbnail = cat([nn.functional.avg_pool2d(image, ColourThumbnail.Pool, ColourThumbnail.Pool).flatten(1), statistics], 1);
        var features = backbone.forward(image);
        if (head.HasDetail)
        {
            long n = detail!.shape[0],
                c = detail.shape[1];
            var crops = backbone.forward(detail.reshape(n * c, 3, 224, 224)).reshape(n, c, -1).mean([1]);
            features = cat([features, crops], 1);
        }
        return head.Score(features, thumbnail, meta, measures).MoveToOuterDisposeScope();
    }
}
