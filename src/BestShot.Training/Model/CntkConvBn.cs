using BestShot.Core.Backbone;
using Onnx;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BestShot.Training.Model;

/// <summary>
/// A Conv (no bias) followed by BatchNorm, with CNTK's padding reproduced exactly: CNTK pads stride-2 layers only at
/// the top and left ([1,1,0,0]; [3,3,2,2] on conv1), which torch's symmetric padding cannot express.
/// </summary>
public sealed class CntkConvBn : nn.Module<Tensor, Tensor>
{
    readonly Conv2d conv;
    readonly BatchNorm2d bn;
    readonly long[]? explicitPad; // torch order: left, right, top, bottom

    public long OutChannels { get; }

    // ONNX initializer names, so a fine-tuned backbone can be written back into the exported graph.
    readonly string[] onnxNames;

    public CntkConvBn(NodeProto convNode, NodeProto bnNode, IReadOnlyDictionary<string, TensorProto> inits, string name)
        : base(name)
    {
        var w = inits[convNode.Input[1]];
        long outC = w.Dims[0],
            inC = w.Dims[1],
            k = w.Dims[2];
        OutChannels = outC;
        long stride = Ints(convNode, "strides")[0];
        long[] pads = Ints(convNode, "pads"); // ONNX: top, left, bottom, right
        bool symmetric = pads.Length == 0 || (pads[0] == pads[2] && pads[1] == pads[3] && pads[0] == pads[1]);
        conv = nn.Conv2d(
            inC,
            outC,
            k,
            stride: stride,
            padding: symmetric && pads.Length > 0 ? pads[0] : 0,
            bias: convNode.Input.Count > 2
        );
        if (!symmetric)
            explicitPad = [pads[1], pads[3], pads[0], pads[2]];
        float eps = bnNode.Attribute.FirstOrDefault(a => a.Name == "epsilon")?.F ?? 1e-5f;
        bn = nn.BatchNorm2d(outC, eps: eps);

        using (no_grad())
        {
            conv.weight!.copy_(tensor(OnnxTensors.ToFloats(w), w.Dims.ToArray()));
            if (convNode.Input.Count > 2)
                conv.bias!.copy_(tensor(OnnxTensors.ToFloats(inits[convNode.Input[2]])));
            bn.weight!.copy_(tensor(OnnxTensors.ToFloats(inits[bnNode.Input[1]])));
            bn.bias!.copy_(tensor(OnnxTensors.ToFloats(inits[bnNode.Input[2]])));
            bn.running_mean!.copy_(tensor(OnnxTensors.ToFloats(inits[bnNode.Input[3]])));
            bn.running_var!.copy_(tensor(OnnxTensors.ToFloats(inits[bnNode.Input[4]])));
        }
        onnxNames =
        [
            convNode.Input[1],
            convNode.Input.Count > 2 ? convNode.Input[2] : "",
            bnNode.Input[1],
            bnNode.Input[2],
            bnNode.Input[3],
            bnNode.Input[4],
        ];
        RegisterComponents();
    }

    /// <summary>The current weights under their ONNX initializer names.</summary>
    public IEnumerable<(string OnnxName, Tensor Value)> OnnxInitializers()
    {
        yield return (onnxNames[0], conv.weight!);
        if (onnxNames[1].Length > 0)
            yield return (onnxNames[1], conv.bias!);
        yield return (onnxNames[2], bn.weight!);
        yield return (onnxNames[3], bn.bias!);
        yield return (onnxNames[4], bn.running_mean!);
        yield return (onnxNames[5], bn.running_var!);
    }

    public override Tensor forward(Tensor x)
    {
        if (explicitPad != null)
        {
            using var padded = nn.functional.pad(x, explicitPad);
            return bn.forward(conv.forward(padded));
        }
        return bn.forward(conv.forward(x));
    }

    static long[] Ints(NodeProto n, string attr) => n.Attribute.FirstOrDefault(a => a.Name == attr)?.Ints.ToArray() ?? [];
}
