using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using BestShot.Core.Backbone;
using BestShot.Core.Imaging;
using Spectre.Console;

namespace BestShot.Cli.Commands;

/// <summary>`bestshot int8 calibrate`: the recipe behind models/int8-ranges.json; `bestshot int8 check`: drift and speed.</summary>
public static class Int8Command
{
    public static Command Create()
    {
        var photos = new Option<string>("--photos") { Description = "Folder of real photos to calibrate on", Required = true };
        var count = new Option<int>("--count") { Description = "Photos to use (each gives its global view and 2 native crops)", DefaultValueFactory = _ => 64 };
        var output = new Option<string>("--out", "-o") { Description = "Ranges file to write", DefaultValueFactory = _ => "models/int8-ranges.json" };
        var calibrate = new Command("calibrate", "Calibrate the int8 backbone's activation ranges on real photos") { photos, count, output };
        calibrate.SetAction(r =>
        {
            var tensors = Tensors(r.GetValue(photos)!, r.GetValue(count), 0);
            if (tensors.Count == 0) { Out.Error($"{r.GetValue(photos)}: no photos found"); return ExitCodes.BadInput; }
            var ranges = Int8Backbone.Calibrate(tensors);
            Int8Backbone.SaveRanges(r.GetValue(output)!, ranges);
            Out.Err.MarkupLineInterpolated($"Calibrated {ranges.Count} activations on {tensors.Count} views; wrote [bold]{r.GetValue(output)}[/]");
            return ExitCodes.Ok;
        });

        var checkPhotos = new Option<string>("--photos") { Description = "Folder of real photos to compare on (not the calibration ones, ideally)", Required = true };
        var checkCount = new Option<int>("--count") { Description = "Photos to compare", DefaultValueFactory = _ => 200 };
        var check = new Command("check", "Compare int8 and fp32 backbone features and speed") { checkPhotos, checkCount };
        check.SetAction(r =>
        {
            var tensors = Tensors(r.GetValue(checkPhotos)!, r.GetValue(checkCount), 1);
            if (tensors.Count == 0) { Out.Error("no photos found"); return ExitCodes.BadInput; }
            using var fp32 = new OnnxBackbone();
            using var int8 = new OnnxBackbone(int8: true);
            var cos = new List<double>();
            double tFp = 0, tInt = 0;
            for (int start = 0; start < tensors.Count; start += 16)
            {
                int n = Math.Min(16, tensors.Count - start);
                var input = tensors.Skip(start).Take(n).SelectMany(x => x).ToArray();
                var (a, ta) = Run(fp32, input, n);
                var (b, tb) = Run(int8, input, n);
                tFp += ta; tInt += tb;
                for (int i = 0; i < n; i++)
                {
                    double dot = 0, na = 0, nb = 0;
                    for (int k = 0; k < 512; k++) { dot += a[i * 512 + k] * b[i * 512 + k]; na += a[i * 512 + k] * a[i * 512 + k]; nb += b[i * 512 + k] * b[i * 512 + k]; }
                    cos.Add(dot / Math.Sqrt(na * nb));
                }
            }
            var ci = CultureInfo.InvariantCulture;
            System.Console.WriteLine($"CPU: {CpuFeatures.Describe()}");
            System.Console.WriteLine(string.Create(ci, $"{tensors.Count} views: cosine(int8, fp32) mean {cos.Average():F4}, min {cos.Min():F4}; fp32 {tensors.Count / tFp:F0} images/s, int8 {tensors.Count / tInt:F0} images/s ({tFp / tInt:F2}×)"));
            return ExitCodes.Ok;
        });
        return new Command("int8", "The int8 (QDQ) backbone: calibration recipe and checks") { calibrate, check };
    }

    static (float[] Features, double Seconds) Run(OnnxBackbone backbone, float[] input, int n)
    {
        var sw = Stopwatch.StartNew();
        var features = backbone.Features(input, n);
        return (features, sw.Elapsed.TotalSeconds);
    }

    /// <summary>Global views and 2 native crops of `count` photos spread over the folder; `offset` shifts the pick.</summary>
    static List<float[]> Tensors(string folder, int count, int offset)
    {
        var files = Directory.Exists(folder) ? PhotoFiles.Find(folder) : [];
        if (files.Count == 0) return [];
        count = Math.Min(count, files.Count);
        var tensors = new List<float[]>();
        for (int i = 0; i < count; i++)
        {
            string f = files[(i * files.Count / count + offset) % files.Count];
            try
            {
                var v = PhotoViews.Load(f, 2);
                tensors.Add(Preprocessor.ToTensor(v.Global));
                tensors.AddRange(v.Crops.Select(Preprocessor.ToTensor));
            }
            catch (ImageDecodeException e) { Out.Skip($"{f}: {e.Reason}"); }
        }
        return tensors;
    }
}
