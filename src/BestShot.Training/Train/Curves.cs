using BestShot.Core.Data;
using ScottPlot;

namespace BestShot.Training.Train;

/// <summary>curves.png: train and validation loss (left axis) and pairwise accuracy (right axis) per epoch.</summary>
public static class Curves
{
    const string FontName = "DejaVu Sans";

    /// <summary>
    /// The bundled font, registered once. Skia is the NoDependencies build (no fontconfig, which a fresh machine may
    /// lack), so it finds no system fonts and a plot would otherwise be drawn without any text.
    /// </summary>
    static readonly Lazy<bool> FontRegistered = new(() =>
    {
        Fonts.AddFontFile(FontName, Path.Combine(AppContext.BaseDirectory, "Fonts", "DejaVuSans.ttf"));
        Fonts.Default = FontName;
        return true;
    });

    public static void Save(string path, IReadOnlyList<EpochMetrics> history)
    {
        _ = FontRegistered.Value;
        var plot = new Plot();
        double[] epochs = history.Select(m => (double)m.Epoch + 1).ToArray();
        var train = plot.Add.Scatter(epochs, history.Select(m => m.TrainLoss).ToArray());
        train.LegendText = "train loss";
        var val = plot.Add.Scatter(epochs, history.Select(m => m.ValLoss).ToArray());
        val.LegendText = "validation loss";
        var acc = plot.Add.Scatter(epochs, history.Select(m => m.PairwiseAccuracy).ToArray());
        acc.LegendText = "pairwise accuracy";
        acc.Axes.YAxis = plot.Axes.Right;
        acc.LinePattern = LinePattern.Dashed;
        plot.Title("BestShot training");
        plot.XLabel("epoch");
        plot.YLabel("loss");
        plot.Axes.Right.Label.Text = "pairwise accuracy";
        plot.ShowLegend(Alignment.UpperRight);
        AtomicFile.WriteAllBytes(path, plot.GetImageBytes(900, 540, ImageFormat.Png));
    }
}
