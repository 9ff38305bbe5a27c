using BestShot.Core.Data;
using Google.Protobuf;
using Onnx;

namespace BestShot.Core.Backbone;

/// <summary>Quantisation parameters of one activation tensor: uint8 with a scale and zero point.</summary>
public sealed record ActivationRange(float Scale, byte ZeroPoint);

/// <summary>
/// An int8 (QDQ) copy of the backbone: about 3× faster than fp32 on CPUs with VNNI, features within ~0.1 % cosine.
/// Recipe: fold BatchNorm, raise IR to 7 and opset to 13, quantise weights per channel (symmetric, 7 bits: see
/// <see cref="WeightMax"/>), biases to int32 at input-scale × weight-scale, and activations to uint8 with clip ranges
/// calibrated on real photos by minimising the quantisation MSE. Q/DQ pairs go on the first conv's input, every
/// Relu output (zero point 0, so ORT drops the Relu into the quantiser), every Conv output that feeds a residual
/// Add, and the MaxPool output (same parameters as its input). ORT then fuses QLinearConv and QLinearAdd.
/// Activation ranges are calibrated once (`Calibrate`) and shipped as models/int8-ranges.json.
/// </summary>
public static partial class Int8Backbone
{
    /// <summary>
    /// Weights use 7 bits (−63…63), not 8, so that every x86-64 CPU computes the same exact integer sums.
    /// Without VNNI, ONNX Runtime's u8×s8 kernels multiply with AVX2's vpmaddubsw, which adds two u8×s8 products into
    /// a *saturating* int16: with 8-bit weights 2 × 255 × 127 = 64770 overflows it and features drift (cosine 0.966
    /// measured on an AMD EPYC without AVX-512). With 7-bit weights the worst case is 2 × 255 × 63 = 32130 ≤ 32767,
    /// so no pair can saturate, and the VNNI (vpdpbusd, int32) and AVX2 paths give identical accumulators by
    /// construction. The price is one bit of weight precision, measured in README's int8 table.
    /// (ORT's quantiser calls this option reduce_range.)
    /// </summary>
    public const int WeightMax = 63;

    public static string RangesPath => Path.Combine(AppContext.BaseDirectory, "models", "int8-ranges.json");

    /// <summary>The fp32 backbone graph with BatchNorm folded, at IR 7 / opset 13: the graph both calibration and quantisation start
    /// from.</summary>
    public static ModelProto Prepared(ModelProto? fp32 = null)
    {
        var model = fp32 ?? BackboneGraph.Build();
        BatchNormFolding.Apply(model.Graph);
        model.IrVersion = 7;
        model.OpsetImport.Clear();
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 13 });
        return model;
    }

    /// <summary>Tensors that get a Q/DQ pair, in graph order.</summary>
    public static List<string> QuantisedTensors(GraphProto g)
    {
        var list = new List<string> { BackboneGraph.CntkInput };
        foreach (var n in g.Node)
        {
            bool feedsRelu = g.Node.Any(m => m.OpType == "Relu" && m.Input.Contains(n.Output[0]));
            if (n.OpType == "Relu" || n.OpType == "MaxPool" || (n.OpType == "Conv" && !feedsRelu))
                list.Add(n.Output[0]);
        }
        return list;
    }

    /// <summary>Rewrites a prepared graph into QDQ form with the given activation ranges.</summary>
    public static void Quantise(GraphProto g, IReadOnlyDictionary<string, ActivationRange> ranges)
    {
        var inits = g.Initializer.ToDictionary(t => t.Name);
        // Activations: x → QuantizeLinear → DequantizeLinear → every consumer of x.
        foreach (var t in QuantisedTensors(g))
        {
            if (!ranges.TryGetValue(t, out var r))
                throw new InvalidDataException($"no calibrated range for {t}");
            string scale = t + "_scale",
                zp = t + "_zp",
                q = t + "_q",
                dq = t + "_dq";
            g.Initializer.Add(OnnxTensors.Float(scale, [], [r.Scale]));
            g.Initializer.Add(Bytes(zp, [], TensorProto.Types.DataType.Uint8, [r.ZeroPoint]));
            foreach (var consumer in g.Node.Where(n => n.Input.Contains(t)).ToList())
                for (int i = 0; i < consumer.Input.Count; i++)
                    if (consumer.Input[i] == t)
                        consumer.Input[i] = dq;
            int at = g.Node.IndexOf(g.Node.First(n => n.Output.Contains(t))) + 1;
            g.Node.Insert(at, OnnxTensors.Node("QuantizeLinear", t + "_quantise", [t, scale, zp], [q]));
            g.Node.Insert(at + 1, OnnxTensors.Node("DequantizeLinear", t + "_dequantise", [q, scale, zp], [dq]));
        }
        // Weights per output channel, symmetric int8; biases int32 at input scale × weight scale.
        foreach (var conv in g.Node.Where(n => n.OpType == "Conv").ToList())
        {
            string input = conv.Input[0].EndsWith("_dq", StringComparison.Ordinal)
                ? conv.Input[0][..^3]
                : throw new InvalidDataException($"{conv.Name}: input is not quantised");
            float inScale = ranges[input].Scale;
            var w = inits[conv.Input[1]];
            float[] weights = OnnxTensors.ToFloats(w),
                bias = OnnxTensors.ToFloats(inits[conv.Input[2]]);
            int outC = (int)w.Dims[0],
                per = weights.Length / outC;
            var wq = new byte[weights.Length];
            var scales = new float[outC];
            var bq = new int[outC];
            var biasScales = new float[outC];
            // Channels are independent: on every core, the first run's build (once per machine) takes half as long.
            Parallel.For(
                0,
                outC,
                c =>
                {
                    var channel = weights.AsSpan(c * per, per);
                    scales[c] = WeightScale(channel);
                    for (int i = 0; i < per; i++)
                        wq[c * per + i] = unchecked((byte)(sbyte)QuantiseWeight(channel[i], scales[c]));
                    biasScales[c] = inScale * scales[c];
                    bq[c] = (int)Math.Clamp(Math.Round(bias[c] / biasScales[c]), int.MinValue, int.MaxValue);
                }
            );
            string n = conv.Name;
            g.Initializer.Remove(w);
            g.Initializer.Remove(inits[conv.Input[2]]);
            g.Initializer.Add(Bytes(n + "_wq", w.Dims.ToArray(), TensorProto.Types.DataType.Int8, wq));
            g.Initializer.Add(OnnxTensors.Float(n + "_wscale", [outC], scales));
            g.Initializer.Add(Bytes(n + "_wzp", [outC], TensorProto.Types.DataType.Int8, new byte[outC]));
            var bqBytes = new byte[outC * 4];
            Buffer.BlockCopy(bq, 0, bqBytes, 0, bqBytes.Length);
            g.Initializer.Add(Bytes(n + "_bq", [outC], TensorProto.Types.DataType.Int32, bqBytes));
            g.Initializer.Add(OnnxTensors.Float(n + "_bscale", [outC], biasScales));
            g.Initializer.Add(Bytes(n + "_bzp", [outC], TensorProto.Types.DataType.Int32, new byte[outC * 4]));
            int at = g.Node.IndexOf(conv);
            var axis = OnnxTensors.IntAttribute("axis", 0);
            g.Node.Insert(
                at,
                OnnxTensors.Node("DequantizeLinear", n + "_w_dequantise", [n + "_wq", n + "_wscale", n + "_wzp"], [n + "_w"], axis)
            );
            g.Node.Insert(
                at + 1,
                OnnxTensors.Node(
                    "DequantizeLinear",
                    n + "_b_dequantise",
                    [n + "_bq", n + "_bscale", n + "_bzp"],
                    [n + "_b"],
                    axis.Clone()
                )
            );
            conv.Input[1] = n + "_w";
            conv.Input[2] = n + "_b";
        }
    }

    static int QuantiseWeight(float w, float scale) => (int)Math.Clamp(MathF.Round(w / scale), -WeightMax, WeightMax);

    /// <summary>
    /// One output channel's weight scale: the clip (100 % down to 60 % of the largest |w|) with the lowest rounding
    /// MSE. With only 63 levels a single large weight would otherwise leave most weights on a handful of steps;
    /// measured on 240 views of sun_hays80 (`int8 check`): mean cosine to fp32 0.9958 clipping at max, 0.9965 here.
    /// </summary>
    static float WeightScale(ReadOnlySpan<float> channel)
    {
        float max = 0;
        foreach (var w in channel)
            max = Math.Max(max, Math.Abs(w));
        float best = Math.Max(max / WeightMax, 1e-12f);
        double bestErr = double.MaxValue;
        for (int k = 0; k <= 40; k++)
        {
            float scale = Math.Max(max * (1f - k * 0.01f) / WeightMax, 1e-12f);
            double err = 0;
            foreach (var w in channel)
            {
                float d = QuantiseWeight(w, scale) * scale - w;
                err += d * d;
            }
            if (err < bestErr)
            {
                bestErr = err;
                best = scale;
            }
        }
        return best;
    }

    /// <summary>The backbone graph (input "image", output "features") in int8.</summary>
    public static ModelProto Build(IReadOnlyDictionary<string, ActivationRange>? ranges = null)
    {
        var model = Prepared();
        Quantise(model.Graph, ranges ?? LoadRanges());
        return model;
    }

    /// <summary>Bump when the quantisation recipe changes, so that no stale cached backbone is read.</summary>
    const string RecipeVersion = "qdq-7bit-v1";

    /// <summary>
    /// The shipped int8 backbone, quantised once per machine and kept next to BestShot's other caches: choosing 11 M
    /// weights' clip scales takes about 2 s, a third of ranking 200 photos, and the result never changes for the same
    /// ResNet18 file, activation ranges and recipe, which the file name hashes. Where the cache cannot be written,
    /// it is built in memory each time.
    /// </summary>
    public static ModelProto BuildCached()
    {
        string key = Imaging.ContentHash.Of([
            .. System.Text.Encoding.UTF8.GetBytes(RecipeVersion + "\n" + File.ReadAllText(RangesPath) + "\n"),
            .. File.ReadAllBytes(BackboneFiles.ResNet18),
        ])[..16];
        string path = CacheRoot.Int8Backbone(key);
        try
        {
            if (File.Exists(path))
                return ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidProtocolBufferException)
        {
            // A damaged or unreadable cache file is rebuilt below.
        }
        var model = Build();
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            AtomicFile.WriteAllBytes(path, model.ToByteArray());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Read-only cache folder: correct, only slower next time.
        }
        return model;
    }

    static TensorProto Bytes(string name, long[] dims, TensorProto.Types.DataType type, byte[] data)
    {
        var t = new TensorProto
        {
            Name = name,
            DataType = (int)type,
            RawData = ByteString.CopyFrom(data),
        };
        t.Dims.AddRange(dims);
        return t;
    }
}
