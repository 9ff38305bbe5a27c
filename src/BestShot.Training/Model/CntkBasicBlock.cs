using TorchSharp;
using static TorchSharp.torch;

namespace BestShot.Training.Model;

/// <summary>ResNet BasicBlock: relu(bn2(conv2(relu(bn1(conv1 x)))) + shortcut x), the shortcut a 1×1 conv when downsampling.</summary>
public sealed class CntkBasicBlock : nn.Module<Tensor, Tensor>
{
    readonly CntkConvBn conv1;
    readonly CntkConvBn conv2;
    readonly CntkConvBn? shortcut;

    public CntkBasicBlock(CntkConvBn conv1, CntkConvBn conv2, CntkConvBn? shortcut, string name)
        : base(name)
    {
        this.conv1 = conv1;
        this.conv2 = conv2;
        this.shortcut = shortcut;
        RegisterComponents();
    }

    public long OutChannels => conv2.OutChannels;

    /// <summary>Stochastic depth: in training, the residual branch is dropped for a whole sample with this probability.</summary>
    public double DropPath { get; set; }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = nn.functional.relu(conv1.forward(x));
        h = conv2.forward(h);
        if (training && DropPath > 0)
        {
            var keep = torch.empty([h.shape[0], 1, 1, 1], device: h.device).bernoulli_(1 - DropPath);
            h = h * keep / (1 - DropPath);
        }
        var skip = shortcut?.forward(x) ?? x;
        return nn.functional.relu(h + skip).MoveToOuterDisposeScope();
    }
}
