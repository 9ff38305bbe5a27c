using System.Diagnostics;
using BestShot.Core.Features;
using BestShot.Core.Imaging;

namespace BestShot.Lab.Bench;

/// <summary>
/// Where a photo's time before the model goes, on one thread, step by step as <c>BatchScorer</c> takes them: reading
/// the file, the scaled decode behind the global view, the Lanczos resize to 224, the native-resolution band behind
/// the detail crops (the native measures' crops when the model has no CNN crops), the tensor, the native measures,
/// and the focus grid with the layout. It explains the 12 MP / 1080 px ratio (the scaled decode still entropy-decodes
/// every block of the file) and what rank spends beside the model.
/// </summary>
public static class DecodeStages
{
    /// <summary>Milliseconds per photo for each stage, and the measured files' mean size.</summary>
    public sealed record Costs(
        double ReadMs,
        double ScaledDecodeMs,
        double ResizeMs,
        double BandMs,
        double TensorMs,
        double MeasuresMs,
        double FocusLayoutMs,
        double FileKB
    )
    {
        public double TotalMs => ReadMs + ScaledDecodeMs + ResizeMs + BandMs + TensorMs + MeasuresMs + FocusLayoutMs;
    }

    /// <param name="crops">The band's crops, as the scorer decodes them (DetailMeasures.CropsFor for a model with
    /// native measures).</param>
    /// <param name="measures">How many native measures the model reads (0: none).</param>
    public static Costs Measure(IReadOnlyList<string> files, int crops, int measures, int maxFiles = 24)
    {
        var picked = files.Take(maxFiles).ToList();
        double read = 0,
            decode = 0,
            resize = 0,
            band = 0,
            tensor = 0,
            native = 0,
            focus = 0,
            bytes = 0;
        var clock = new Stopwatch();
        for (int pass = 0; pass < 2; pass++) // the first pass warms the JIT and the page cache
        {
            read = decode = resize = band = tensor = native = focus = 0;
            foreach (var file in picked)
            {
                clock.Restart();
                var data = ImageDecoder.ReadFile(file);
                read += clock.Elapsed.TotalMilliseconds;
                if (pass == 1)
                    bytes += data.Length;
                clock.Restart();
                var scaled = ImageDecoder.Decode(data, file, Preprocessor.GlobalViewDecode);
                decode += clock.Elapsed.TotalMilliseconds;
                clock.Restart();
                var global = Preprocessor.CenterView(scaled);
                resize += clock.Elapsed.TotalMilliseconds;
                clock.Restart();
                var detail = crops > 0 ? PhotoViews.DetailCrops(data, file, crops, global) : [];
                band += clock.Elapsed.TotalMilliseconds;
                clock.Restart();
                Preprocessor.ToTensor(global);
                tensor += clock.Elapsed.TotalMilliseconds;
                clock.Restart();
                if (measures > 0)
                    DetailMeasures.Compute(global, detail, measures);
                native += clock.Elapsed.TotalMilliseconds;
                clock.Restart();
                var luma = FocusGrid.Luma(global);
                FocusGrid.Of(luma, global.Width, global.Height);
                Likeness.Of(luma, global.Width, global.Height);
                focus += clock.Elapsed.TotalMilliseconds;
            }
        }
        int n = Math.Max(1, picked.Count);
        return new Costs(read / n, decode / n, resize / n, band / n, tensor / n, native / n, focus / n, bytes / n / 1024);
    }
}
