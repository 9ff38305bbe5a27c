using System.Text.Json;
using BestShot.Core.Data;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace BestShot.Core.Backbone;

// Calibration: each activation's clip range, chosen once on real photos and shipped as models/int8-ranges.json.
public static partial class Int8Backbone
{
    /// <summary>Runs the prepared fp32 graph on calibration images and picks each activation's clip range by minimising MSE.</summary>
    public static Dictionary<string, ActivationRange> Calibrate(IReadOnlyList<float[]> images, int threads = 0)
    {
        var model = Prepared();
        var targets = QuantisedTensors(model.Graph);
        foreach (var t in targets.Where(t => model.Graph.Output.All(o => o.Name != t)))
            model.Graph.Output.Add(
                new ValueInfoProto
                {
                    Name = t,
                    Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float } },
                }
            );
        using var so = new OrtOptions { Threads = threads }.ToSessionOptions();
        using var session = new InferenceSession(model.ToByteArray(), so);
        var samples = targets.ToDictionary(t => t, _ => new List<float>());
        var extremes = targets.ToDictionary(t => t, _ => (Min: float.MaxValue, Max: float.MinValue));
        var rng = new Random(0);
        const int batch = 8,
            perImage = 4000;
        for (int start = 0; start < images.Count; start += batch)
        {
            int n = Math.Min(batch, images.Count - start);
            var input = images.Skip(start).Take(n).SelectMany(x => x).ToArray();
            using var value = OrtValue.CreateTensorValueFromMemory(input, [n, 3, 224, 224]);
            using var ro = new RunOptions();
            using var outputs = session.Run(ro, [BackboneGraph.InputName], [value], targets);
            for (int k = 0; k < targets.Count; k++)
            {
                var data = outputs[k].GetTensorDataAsSpan<float>();
                var (lo, hi) = extremes[targets[k]];
                foreach (var v in data)
                {
                    if (v < lo)
                        lo = v;
                    if (v > hi)
                        hi = v;
                }
                extremes[targets[k]] = (lo, hi);
                var list = samples[targets[k]];
                for (int i = 0; i < perImage * n; i++)
                    list.Add(data[rng.Next(data.Length)]);
            }
        }
        var ranges = new Dictionary<string, ActivationRange>();
        foreach (var t in targets)
            ranges[t] = BestRange(samples[t], extremes[t].Min, extremes[t].Max);
        // MaxPool needs identical quantisation on its input and output.
        foreach (var mp in model.Graph.Node.Where(n => n.OpType == "MaxPool"))
            ranges[mp.Output[0]] = ranges[mp.Input[0]];
        return ranges;
    }

    /// <summary>The clip range, shrinking the observed [min, max] by a common factor, with the lowest quantise-dequantise MSE.</summary>
    static ActivationRange BestRange(List<float> sample, float min, float max)
    {
        min = Math.Min(min, 0);
        max = Math.Max(max, 0);
        ActivationRange best = Range(min, max);
        double bestErr = double.MaxValue;
        for (int k = 0; k <= 60; k++)
        {
            float f = (float)Math.Pow(0.05, k / 60.0); // 1 down to 0.05, geometrically
            var r = Range(min * f, max * f);
            double err = 0;
            foreach (var v in sample)
            {
                float q = Math.Clamp(MathF.Round(v / r.Scale) + r.ZeroPoint, 0, 255);
                float d = (q - r.ZeroPoint) * r.Scale - v;
                err += d * d;
            }
            if (err < bestErr)
            {
                bestErr = err;
                best = r;
            }
        }
        return best;
    }

    static ActivationRange Range(float lo, float hi)
    {
        float scale = Math.Max((hi - lo) / 255f, 1e-8f);
        return new ActivationRange(scale, (byte)Math.Clamp(MathF.Round(-lo / scale), 0, 255));
    }

    public static void SaveRanges(string path, Dictionary<string, ActivationRange> ranges) =>
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(ranges, new JsonSerializerOptions { WriteIndented = true }));

    public static Dictionary<string, ActivationRange> LoadRanges(string? path = null) =>
        JsonSerializer.Deserialize<Dictionary<string, ActivationRange>>(File.ReadAllText(path ?? RangesPath))
        ?? throw new InvalidDataException($"{path ?? RangesPath}: empty");
}
