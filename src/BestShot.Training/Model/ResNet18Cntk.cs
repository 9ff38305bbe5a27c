using BestShot.Core.Backbone;
using BestShot.Core.Imaging;
using Onnx;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BestShot.Training.Model;

/// <summary>
/// The CNTK ResNet18 from Microsoft.ML.DnnImageFeaturizer.ResNet18, rebuilt in TorchSharp with its ONNX weights.
/// It is not torchvision's resnet18: its stages hold 2, 2, 2 and 3 blocks, and CNTK pads asymmetrically.
/// Blocks are found by following the graph's edges from each residual Add, because in downsampling blocks the
/// graph lists the shortcut conv before the block's first conv, so taking initializers in order goes wrong.
/// Input: ImageNet-normalised RGB [N,3,224,224], like every BestShot model; CNTK's BGR-minus-mean-image conversion
/// happens inside. Output: [N,512].
/// </summary>
public sealed class ResNet18Cntk : nn.Module<Tensor, Tensor>
{
    readonly CntkConvBn stem;
    readonly ModuleList<CntkBasicBlock> layer1,
        layer2,
        layer3,
        layer4;
    readonly Tensor channelOrder;

    public ResNet18Cntk()
        : this(BackboneGraph.LoadResNet18(), BackboneGraph.LoadMeanImage()) { }

    public ResNet18Cntk(ModelProto onnx, float[] meanImage)
        : base("resnet18_cntk")
    {
        var g = onnx.Graph;
        var inits = g.Initializer.ToDictionary(t => t.Name);
        var producer = new Dictionary<string, NodeProto>();
        foreach (var n in g.Node)
        foreach (var o in n.Output)
            producer[o] = n;
        NodeProto ConsumerOf(string output, string op) => g.Node.First(n => n.OpType == op && n.Input.Contains(output));

        var stemConv = g.Node.First(n => n.OpType == "Conv");
        stem = new CntkConvBn(stemConv, ConsumerOf(stemConv.Output[0], "BatchNormalization"), inits, "stem");

        var stages = new SortedDictionary<long, List<CntkBasicBlock>>();
        foreach (var add in g.Node.Where(n => n.OpType == "Add"))
        {
            CntkConvBn? conv1 = null,
                conv2 = null,
                shortcut = null;
            foreach (var input in add.Input)
            {
                if (!producer.TryGetValue(input, out var bn) || bn.OpType != "BatchNormalization")
                    continue; // identity shortcut
                var conv = producer[bn.Input[0]];
                var before = producer[conv.Input[0]];
                bool mainPath = before.OpType == "Relu" && producer[before.Input[0]].OpType == "BatchNormalization";
                if (mainPath)
                {
                    var bn1 = producer[before.Input[0]];
                    conv1 = new CntkConvBn(producer[bn1.Input[0]], bn1, inits, "conv1");
                    conv2 = new CntkConvBn(conv, bn, inits, "conv2");
                }
                else
                    shortcut = new CntkConvBn(conv, bn, inits, "shortcut");
            }
            if (conv1 == null || conv2 == null)
                throw new InvalidDataException($"residual {add.Name} has no conv-bn-relu-conv-bn main path");
            var block = new CntkBasicBlock(conv1, conv2, shortcut, $"block_{add.Name}");
            if (!stages.TryGetValue(block.OutChannels, out var list))
                stages[block.OutChannels] = list = [];
            list.Add(block);
        }
        var s = stages.Values.ToList();
        if (s.Count != 4)
            throw new InvalidDataException($"expected 4 stages, found {s.Count}");
        layer1 = new ModuleList<CntkBasicBlock>(s[0].ToArray());
        layer2 = new ModuleList<CntkBasicBlock>(s[1].ToArray());
        layer3 = new ModuleList<CntkBasicBlock>(s[2].ToArray());
        layer4 = new ModuleList<CntkBasicBlock>(s[3].ToArray());

        // ImageNet-normalised RGB → CNTK's BGR 0–255 minus mean image, with the same constants as the ONNX graph.
        int size = Preprocessor.Size;
        var (scale, bias) = BackboneGraph.InputConversion(meanImage);
        channelOrder = tensor(new long[] { 2, 1, 0 });
        register_buffer("input_scale", tensor(scale, [1, 3, 1, 1]));
        register_buffer("input_bias", tensor(bias, [1, 3, size, size]));
        RegisterComponents();
    }

    public IReadOnlyList<int> StageBlockCounts => [layer1.Count, layer2.Count, layer3.Count, layer4.Count];

    /// <summary>The stem and the first `stages` stages, which the seed's recipe keeps frozen while fine-tuning.</summary>
    public IEnumerable<nn.Module> EarlyModules(int stages) => new nn.Module[] { stem, layer1, layer2, layer3, layer4 }.Take(1 + stages);

    /// <summary>All conv/bn weights under their ONNX initializer names (for exporting a fine-tuned backbone).</summary>
    public IEnumerable<(string OnnxName, Tensor Value)> OnnxInitializers() =>
        modules().OfType<CntkConvBn>().SelectMany(m => m.OnnxInitializers());

    /// <summary>
    /// Freezes the stem and the first `stages` stages (no gradients, BatchNorm statistics fixed) and spreads
    /// stochastic depth over the remaining blocks, rising linearly to `dropPath` as timm does.
    /// </summary>
    public void ConfigureFineTuning(int stages, double dropPath)
    {
        foreach (var m in EarlyModules(stages))
        foreach (var p in m.parameters())
            p.requires_grad = false;
        var trainable = new[] { layer1, layer2, layer3, layer4 }.Skip(stages).SelectMany(l => l).ToList();
        for (int i = 0; i < trainable.Count; i++)
            trainable[i].DropPath = trainable.Count == 1 ? dropPath : dropPath * i / (trainable.Count - 1);
        frozenStages = stages;
    }

    int frozenStages = -1;

    /// <summary>Frozen modules stay in eval mode even while the model trains, so their BatchNorm statistics do not move.</summary>
    public override void train(bool on = true)
    {
        base.train(on);
        if (on && frozenStages >= 0)
            foreach (var m in EarlyModules(frozenStages))
                m.eval();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var bgr = x.index_select(1, channelOrder.to(x.device)) * get_buffer("input_scale")! + get_buffer("input_bias")!;
        var h = nn.functional.relu(stem.forward(bgr));
        // CNTK's maxpool pads [1,1,0,0]: top and left only; -inf so padding never wins the max.
        h = nn.functional.max_pool2d(nn.functional.pad(h, [1, 0, 1, 0], PaddingModes.Constant, float.NegativeInfinity), 3, 2);
        foreach (var layer in new[] { layer1, layer2, layer3, layer4 })
        foreach (var block in layer)
            h = block.forward(h);
        return h.mean([2, 3]).MoveToOuterDisposeScope(); // the export's 7×7 AveragePool over a 7×7 map
    }
}
