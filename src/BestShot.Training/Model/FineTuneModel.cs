using TorchSharp;
using static TorchSharp.torch;
using BestShot.Core.Features;

namespace BestShot.Training.Model;

/// <summary>The seed's whole network for fine-tuning: live backbone + colour pool + the shared head.</summary>
public sealed class FineTuneModel : nn.Module<Tensor, Tensor, Tensor>
{
    readonly ResNet18Cntk backbone;
    readonly ScoreHead head;

    public FineTuneModel(ResNet18Cntk backbone, ScoreHead head) : base("finetune")
    {
        this.backbone = backbone;
        this.head = head;
        RegisterComponents();
    }

    public ResNet18Cntk Backbone => backbone;
    public ScoreHead Head => head;

    /// <summary>image [N,3,224,224] ImageNet-normalised, metadata [N,8] → [N,1].</summary>
    public override Tensor forward(Tensor image, Tensor meta)
    {
        using var scope = NewDisposeScope();
        var thumbnail = nn.functional.avg_pool2d(image, ColourThumbnail.Pool, ColourThumbnail.Pool).flatten(1);
        return head.forward(backbone.forward(image), thumbnail, meta).MoveToOuterDisposeScope();
    }
}
