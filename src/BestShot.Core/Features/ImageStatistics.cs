using BestShot.Core.Backbone;
using BestShot.Core.Imaging;
using Microsoft.ML.OnnxRuntime;
using Onnx;
using static BestShot.Core.Backbone.OnnxTensors;

namespace BestShot.Core.Features;

/// <summary>
/// Global statistics of the 224 view that feed the colour-grading/framing net next to the pooled thumbnail. The
/// frozen ImageNet features miss what a photographer checks first (measured in docs/model-card.md): clipped or
/// crushed tones, a grey veil, a colour cast, a tilted horizon. These numbers state them directly:
///   13 luma CDF points (exposure and contrast), clipped-highlight and crushed-shadow fractions, per-channel mean
///   and standard deviation (colour cast, haze), mean saturation, and 16 bins of edge orientation energy
///   (a level horizon puts its energy at exactly 0° and 90°; a tilt moves it).
/// Tones, colour and edges are read from the view averaged to 112×112, clipping at full resolution: about 1.2 ms
/// per photo on one core. They are defined once, as ONNX nodes: the scoring graph embeds them and training runs
/// the same nodes through ONNX Runtime (<see cref="Session"/>), so training and scoring cannot disagree.
/// </summary>
public static class ImageStatistics
{
    public const int OrientationBins = 16;

    /// <summary>Luma levels (of 255) for the CDF; half a level above an integer so that 8-bit input never sits on an edge.</summary>
    static readonly float[] LumaEdges = [5, 13, 26, 51, 77, 102, 128, 153, 179, 204, 230, 242, 250];
    public static readonly int Count = LumaEdges.Length + 2 + 6 + 1 + OrientationBins;

    /// <summary>Adds the nodes that turn `input` (ImageNet-normalised [N,3,224,224]) into `output` [N, Count].</summary>
    public static void AddNodes(GraphProto g, string input, string output)
    {
        string P(string name) => "stats_" + name;
        void Add(string op, string name, string[] inputs, params AttributeProto[] attributes) =>
            g.Node.Add(Node(op, P(name), inputs, [P(name)], attributes));
        void Reduce(string op, string name, string x, long[] axes, bool keep)
        {
            var n = Node(op, P(name), [x], [P(name)], IntAttribute("keepdims", keep ? 1 : 0));
            n.Attribute.Add(Ints("axes", axes));
            g.Node.Add(n);
        }
        void Constant(string name, long[] dims, float[] values) => g.Initializer.Add(Float(P(name), dims, values));

        // Back to RGB in [0, 1], then luma (Rec. 601, as JPEG uses).
        Constant("std", [1, 3, 1, 1], Preprocessor.Std);
        Constant("mean", [1, 3, 1, 1], Preprocessor.Mean);
        Add("Mul", "scaled", [input, P("std")]);
        Add("Add", "rgb_full", [P("scaled"), P("mean")]);
        // Everything but clipping is read at 112×112 (2×2 means): a quarter of the work, and a tone curve, a colour
        // balance or a horizon needs no more. Clipping is read at full resolution, where one blown pixel counts.
        g.Node.Add(Node("AveragePool", P("rgb"), [P("rgb_full")], [P("rgb")], Ints("kernel_shape", [2, 2]), Ints("strides", [2, 2])));
        Constant("luma_w", [1, 3, 1, 1], [0.299f, 0.587f, 0.114f]);
        Add("Conv", "luma", [P("rgb"), P("luma_w")]);

        // Tones: CDF of luma, clipped highlights (any channel ≥ 250) and crushed shadows (every channel ≤ 5).
        Constant("edges", [1, LumaEdges.Length, 1, 1], LumaEdges.Select(e => (e + 0.5f) / 255f).ToArray());
        Add("Less", "below", [P("luma"), P("edges")]);
        Add("Cast", "below_f", [P("below")], IntAttribute("to", (long)TensorProto.Types.DataType.Float));
        Reduce("ReduceMean", "cdf", P("below_f"), [2, 3], keep: false);
        Reduce("ReduceMax", "cmax_full", P("rgb_full"), [1], keep: true);
        Reduce("ReduceMax", "cmax", P("rgb"), [1], keep: true);
        Reduce("ReduceMin", "cmin", P("rgb"), [1], keep: true);
        Constant("hi", [1], [249.5f / 255f]);
        Constant("lo", [1], [5.5f / 255f]);
        Add("Greater", "clipped", [P("cmax_full"), P("hi")]);
        Add("Cast", "clipped_f", [P("clipped")], IntAttribute("to", (long)TensorProto.Types.DataType.Float));
        Reduce("ReduceMean", "clipped_frac", P("clipped_f"), [2, 3], keep: false);
        Add("Less", "crushed", [P("cmax_full"), P("lo")]);
        Add("Cast", "crushed_f", [P("crushed")], IntAttribute("to", (long)TensorProto.Types.DataType.Float));
        Reduce("ReduceMean", "crushed_frac", P("crushed_f"), [2, 3], keep: false);

        // Colour: per-channel mean and standard deviation, and mean saturation (max − min of the channels).
        Reduce("ReduceMean", "ch_mean", P("rgb"), [2, 3], keep: false);
        Add("Mul", "rgb_sq", [P("rgb"), P("rgb")]);
        Reduce("ReduceMean", "ch_sq_mean", P("rgb_sq"), [2, 3], keep: false);
        Add("Mul", "ch_mean_sq", [P("ch_mean"), P("ch_mean")]);
        Add("Sub", "ch_var_raw", [P("ch_sq_mean"), P("ch_mean_sq")]);
        Add("Relu", "ch_var", [P("ch_var_raw")]); // a flat channel's E[x²] − E[x]² can round below zero
        Constant("eps", [1], [1e-6f]);
        Add("Add", "ch_var_eps", [P("ch_var"), P("eps")]);
        Add("Sqrt", "ch_std", [P("ch_var_eps")]);
        Add("Sub", "chroma", [P("cmax"), P("cmin")]);
        Reduce("ReduceMean", "saturation", P("chroma"), [2, 3], keep: false);

        // Orientation: Sobel gradients of luma; in the doubled-angle form (gx² − gy², 2·gx·gy) = m²·(cos 2θ, sin 2θ)
        // an edge and its opposite agree, so projecting on bin k's direction φk gives m²·cos(2θ − φk) without atan2.
        Constant("sobel_x", [1, 1, 3, 3], [-1, 0, 1, -2, 0, 2, -1, 0, 1]);
        Constant("sobel_y", [1, 1, 3, 3], [-1, -2, -1, 0, 0, 0, 1, 2, 1]);
        Add("Conv", "gx", [P("luma"), P("sobel_x")]);
        Add("Conv", "gy", [P("luma"), P("sobel_y")]);
        Add("Mul", "gx2", [P("gx"), P("gx")]);
        Add("Mul", "gy2", [P("gy"), P("gy")]);
        Add("Mul", "gxgy", [P("gx"), P("gy")]);
        Add("Add", "energy", [P("gx2"), P("gy2")]); // m²
        Add("Sub", "c2", [P("gx2"), P("gy2")]); // m²·cos 2θ
        Constant("two", [1], [2f]);
        Add("Mul", "s2", [P("gxgy"), P("two")]); // m²·sin 2θ
        Add("Concat", "doubled", [P("c2"), P("s2")], IntAttribute("axis", 1));
        var dirs = new float[OrientationBins * 2];
        for (int k = 0; k < OrientationBins; k++)
        {
            double phi = 2 * Math.PI * k / OrientationBins; // bin k: gradients at orientation 180°·k/16
            dirs[2 * k] = (float)Math.Cos(phi);
            dirs[2 * k + 1] = (float)Math.Sin(phi);
        }
        Constant("dirs", [OrientationBins, 2, 1, 1], dirs);
        Add("Conv", "proj", [P("doubled"), P("dirs")]); // m²·cos(2θ − φk)
        Add("Add", "energy_eps", [P("energy"), P("eps")]);
        Add("Div", "cos", [P("proj"), P("energy_eps")]);
        Constant("one", [1], [1f]);
        Constant("half", [1], [0.5f]);
        Add("Add", "cos1", [P("cos"), P("one")]);
        Add("Mul", "cos_half", [P("cos1"), P("half")]); // cos²(θ − φk/2) in [0, 1]
        // Tuning cos²(Δ)^16 halves at Δ ≈ 12° from a bin's centre. Four squarings: ONNX Runtime's Pow with a float
        // exponent cost more than all the other statistics together.
        Add("Mul", "tuned2", [P("cos_half"), P("cos_half")]);
        Add("Mul", "tuned4", [P("tuned2"), P("tuned2")]);
        Add("Mul", "tuned8", [P("tuned4"), P("tuned4")]);
        Add("Mul", "tuned", [P("tuned8"), P("tuned8")]);
        Add("Mul", "weighted", [P("tuned"), P("energy")]);
        Reduce("ReduceMean", "bins", P("weighted"), [2, 3], keep: false);
        Reduce("ReduceMean", "total", P("energy"), [2, 3], keep: false);
        Add("Add", "total_eps", [P("total"), P("eps")]);
        Add("Div", "orientation", [P("bins"), P("total_eps")]);

        g.Node.Add(
            Node(
                "Concat",
                P("concat"),
                [P("cdf"), P("clipped_frac"), P("crushed_frac"), P("ch_mean"), P("ch_std"), P("saturation"), P("orientation")],
                [output],
                IntAttribute("axis", 1)
            )
        );
    }

    /// <summary>The statistics alone, for training: the same nodes in a small graph of their own.</summary>
    public sealed class Session : IDisposable
    {
        const string Input = "image",
            Output = "statistics";
        readonly InferenceSession _session;

        public Session()
        {
            var model = new ModelProto
            {
                IrVersion = 7,
                ProducerName = "BestShot",
                Graph = new GraphProto { Name = "bestshot_image_statistics" },
            };
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 13 });
            model.Graph.Input.Add(BatchedFloat(Input, 3, Preprocessor.Size, Preprocessor.Size));
            AddNodes(model.Graph, Input, Output);
            model.Graph.Output.Add(BatchedFloat(Output, Count));
            using var options = new SessionOptions { IntraOpNumThreads = 1 };
            _session = new InferenceSession(Google.Protobuf.MessageExtensions.ToByteArray(model), options);
        }

        /// <summary>Statistics of `count` ImageNet-normalised 224×224 images laid out back to back: [count·Count].</summary>
        public float[] Compute(float[] images, int count)
        {
            int per = 3 * Preprocessor.Size * Preprocessor.Size;
            var data = images.Length == count * per ? images : images[..(count * per)];
            using var input = OrtValue.CreateTensorValueFromMemory(data, [count, 3, Preprocessor.Size, Preprocessor.Size]);
            using var run = new RunOptions();
            using var outputs = _session.Run(run, [Input], [input], [Output]);
            return outputs[0].GetTensorDataAsSpan<float>().ToArray();
        }

        public void Dispose() => _session.Dispose();
    }
}
