using BestShot.Core.Backbone;
using TorchSharp;
using static TorchSharp.torch;

namespace BestShot.Training.Model;

/// <summary>
/// A linear model of the label: weights on the raw backbone features, colour-net input, metadata and native measures
/// (none when the run reads none), and a bias; with the mean and standard deviation of each part's output (backbone
/// with the measures, which enter the same layer; colour; metadata; the spread also of the whole) on the data it was
/// fitted on, and the ridge strengths cross-validation chose (in words, in stage order) with the whole fit's error on
/// held-out accounts.
/// </summary>
public sealed record LinearModel(
    double[] Backbone,
    double[] Colour,
    double[] Metadata,
    double Bias,
    double[] Centre,
    double[] Spread,
    string Alphas,
    double CvMse,
    double[]? Measures = null
);

/// <summary>
/// Writes a linear model into a <see cref="ScoreHead"/> without changing its architecture (so export, checkpoints and
/// every scorer stay as they are): unit 0 of each hidden layer becomes a channel that carries a·(linear − centre) + K.
/// With K = 12 the channel stays where SiLU(z) = z·σ(z) is the identity to within 1e-4 of K, so the head's output is the
/// linear model's to that precision. The other units keep their random weights but start with no say in the output
/// (their weights into the last layer are zero) and no input from the channel, so training adds to the linear model.
/// </summary>
public static class LinearChannel
{
    const double K = 12;

    public static void Plant(ScoreHead head, LinearModel probe)
    {
        var l = head.Linears().ToDictionary(x => x.Name);
        var (cb, cc, cm) = (probe.Centre[0], probe.Centre[1], probe.Centre[2]);
        // Each channel's scale keeps it within about K ± 3 on the training data (three standard deviations).
        double Scale(double s) => 1 / (3 * Math.Max(s, 1e-3));
        double ac = Scale(probe.Spread[1]),
            am = Scale(probe.Spread[2]),
            af = Scale(probe.Spread[3]);
        using var _ = no_grad();

        // Colour net and metadata MLP: the first layer computes its part, the later ones pass unit 0 through.
        Entry(l["colour.fc1"], probe.Colour, ac, K - ac * cc);
        PassThrough(l["colour.fc2"]);
        PassThrough(l["colour.fc3"]);
        Entry(l["metadata.fc1"], probe.Metadata, am, K - am * cm);
        PassThrough(l["metadata.fc2"]);

        // Final layers: unit 0 of fc1 adds the backbone part to the two channels, fc2 passes it on, fc3 undoes the
        // scale: fc1 gives af·(f − mean f) + K, where f = backbone + colour + metadata parts + bias.
        var fc1 = l["final.fc1"];
        int colourAt = BackboneGraph.FeatureCount * (head.HasDetail ? 2 : 1),
            metadataAt = colourAt + ScoreHead.ColourFeatures;
        var row = new float[fc1.Weight.shape[1]];
        for (int j = 0; j < probe.Backbone.Length; j++)
            row[j] = (float)(af * probe.Backbone[j]);
        var measures = probe.Measures ?? [];
        if (measures.Length > 0 && !head.HasMeasures)
            throw new ArgumentException("the probe reads native measures; this head does not");
        for (int j = 0; j < measures.Length; j++)
            row[metadataAt + ScoreHead.MetadataHidden + j] = (float)(af * measures[j]);
        row[colourAt] = (float)(af / ac);
        row[metadataAt] = (float)(af / am);
        fc1.Weight[TensorIndex.Colon, colourAt] = zeros(fc1.Weight.shape[0]);
        fc1.Weight[TensorIndex.Colon, metadataAt] = zeros(fc1.Weight.shape[0]);
        fc1.Weight[0] = tensor(row);
        fc1.Bias[0] = (float)(K - af * cb - af * K / ac - af * K / am);
        PassThrough(l["final.fc2"]);
        var fc3 = l["final.fc3"];
        fc3.Weight.zero_();
        fc3.Weight[0, 0] = (float)(1 / af);
        fc3.Bias.fill_(cb + cc + cm + probe.Bias - K / af);
    }

    static void Entry((string Name, Tensor Weight, Tensor Bias) layer, double[] w, double a, double b)
    {
        layer.Weight[0] = tensor(w.Select(v => (float)(a * v)).ToArray());
        layer.Bias[0] = (float)b;
    }

    /// <summary>Unit 0 copies unit 0 of the layer before; no other unit reads it.</summary>
    static void PassThrough((string Name, Tensor Weight, Tensor Bias) layer)
    {
        layer.Weight[TensorIndex.Colon, 0] = zeros(layer.Weight.shape[0]);
        layer.Weight[0] = zeros(layer.Weight.shape[1]);
        layer.Weight[0, 0] = 1f;
        layer.Bias[0] = 0f;
    }
}
