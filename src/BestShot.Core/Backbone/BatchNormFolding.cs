using Onnx;

namespace BestShot.Core.Backbone;

/// <summary>
/// Folds every BatchNormalization that directly follows a Conv into that Conv's weights and bias, so the graph is
/// Conv/Relu/Add/MaxPool only — the shape int8 quantisation needs. (In fp32 it gains nothing: ORT folds it too.)
/// </summary>
public static class BatchNormFolding
{
    public static void Apply(GraphProto g)
    {
        var inits = g.Initializer.ToDictionary(t => t.Name);
        var producer = new Dictionary<string, NodeProto>();
        foreach (var n in g.Node)
        foreach (var o in n.Output)
            producer[o] = n;
        foreach (var bn in g.Node.Where(n => n.OpType == "BatchNormalization").ToList())
        {
            if (!producer.TryGetValue(bn.Input[0], out var conv) || conv.OpType != "Conv")
                continue;
            if (g.Node.Count(n => n.Input.Contains(conv.Output[0])) != 1)
                continue;
            var w = inits[conv.Input[1]];
            float[] weights = OnnxTensors.ToFloats(w);
            float[] gamma = OnnxTensors.ToFloats(inits[bn.Input[1]]),
                beta = OnnxTensors.ToFloats(inits[bn.Input[2]]);
            float[] mean = OnnxTensors.ToFloats(inits[bn.Input[3]]),
                var = OnnxTensors.ToFloats(inits[bn.Input[4]]);
            float eps = bn.Attribute.FirstOrDefault(a => a.Name == "epsilon")?.F ?? 1e-5f;
            float[] bias = conv.Input.Count > 2 ? OnnxTensors.ToFloats(inits[conv.Input[2]]) : new float[gamma.Length];
            int outC = gamma.Length,
                per = weights.Length / outC;
            var newBias = new float[outC];
            for (int c = 0; c < outC; c++)
            {
                float k = gamma[c] / MathF.Sqrt(var[c] + eps);
                for (int i = 0; i < per; i++)
                    weights[c * per + i] *= k;
                newBias[c] = (bias[c] - mean[c]) * k + beta[c];
            }
            string wName = conv.Name + "_folded_w",
                bName = conv.Name + "_folded_b";
            g.Initializer.Add(OnnxTensors.Float(wName, w.Dims.ToArray(), weights));
            g.Initializer.Add(OnnxTensors.Float(bName, [outC], newBias));
            foreach (var unused in new[] { conv.Input[1] }.Concat(bn.Input.Skip(1)).Concat(conv.Input.Skip(2)))
                if (inits.Remove(unused, out var t))
                    g.Initializer.Remove(t);
            string x = conv.Input[0];
            conv.Input.Clear();
            conv.Input.AddRange([x, wName, bName]);
            conv.Output[0] = bn.Output[0];
            g.Node.Remove(bn);
        }
    }
}
