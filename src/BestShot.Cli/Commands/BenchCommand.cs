using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using BestShot.Core.Backbone;
using BestShot.Core.Imaging;
using Spectre.Console;

namespace BestShot.Cli.Commands;

/// <summary>`bestshot bench`: throughput figures, measured in one run so their ratios are comparable.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var seconds = new Option<double>("--seconds") { Description = "Time to spend on each measurement", DefaultValueFactory = _ => 3.0 };
        var batches = new Option<int[]>("--batch") { Description = "Batch sizes to measure", DefaultValueFactory = _ => [1, 4, 16, 32], AllowMultipleArgumentsPerToken = true };
        var cmd = new Command("bench", "Measure backbone throughput at several batch sizes (ONNX Runtime on this machine's cores)") { seconds, batches };
        cmd.SetAction(r =>
        {
            double budget = r.GetValue(seconds);
            using var backbone = new OnnxBackbone();
            var image = Preprocessor.ToTensor(TestPattern());
            var table = new Table().Title($"Backbone: ResNet18 in ONNX Runtime, {Environment.ProcessorCount} threads").AddColumns("batch", "images/s", "ms/batch");
            foreach (int batch in r.GetValue(batches)!)
            {
                var input = new float[batch * image.Length];
                for (int i = 0; i < batch; i++) image.CopyTo(input, i * image.Length);
                backbone.Features(input, batch); // warm-up: first run allocates and optimises
                int runs = 0;
                var sw = Stopwatch.StartNew();
                while (sw.Elapsed.TotalSeconds < budget || runs < 2)
                {
                    backbone.Features(input, batch);
                    runs++;
                }
                double perSecond = runs * batch / sw.Elapsed.TotalSeconds;
                table.AddRow(batch.ToString(), perSecond.ToString("F1", CultureInfo.InvariantCulture), (sw.Elapsed.TotalMilliseconds / runs).ToString("F1", CultureInfo.InvariantCulture));
            }
            Out.Std.Write(table);
            return ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary>A deterministic 224×224 picture, so the benchmark needs no files.</summary>
    static RgbImage TestPattern()
    {
        var img = new RgbImage(224, 224);
        for (int y = 0; y < 224; y++)
            for (int x = 0; x < 224; x++)
            {
                int o = (y * 224 + x) * 3;
                img.Pixels[o] = (byte)x; img.Pixels[o + 1] = (byte)y; img.Pixels[o + 2] = (byte)((x ^ y) & 255);
            }
        return img;
    }
}
