using System.CommandLine;
using System.Globalization;
using BestShot.Core.Backbone;

namespace BestShot.Cli.Commands;

/// <summary>`bestshot int8 calibrate`: the recipe behind models/int8-ranges.json; `bestshot int8 check`: drift and speed.</summary>
public static class Int8Command
{
    public static Command Create(CliConsole console)
    {
        var photos = new Option<string>("--photos") { Description = "Folder of real photos to calibrate on", Required = true };
        var count = new Option<int>("--count")
        {
            Description = "Photos to use (each gives its global view and 2 native crops)",
            DefaultValueFactory = _ => 64,
        };
        var output = new Option<string>("--out", "-o")
        {
            Description = "Ranges file to write",
            DefaultValueFactory = _ => "models/int8-ranges.json",
        };
        var calibrate = new Command("calibrate", "Calibrate the int8 backbone's activation ranges on real photos")
        {
            photos,
            count,
            output,
        };
        calibrate.SetAction(r =>
        {
            var views = Int8Check.Views(r.GetValue(photos)!, r.GetValue(count), 0, console.Skip);
            if (views.Count == 0)
            {
                console.Error($"{r.GetValue(photos)}: no photos found");
                return ExitCodes.BadInput;
            }
            var ranges = Int8Backbone.Calibrate(views);
            Int8Backbone.SaveRanges(r.GetValue(output)!, ranges);
            console.Info($"Calibrated {ranges.Count} activations on {views.Count} views");
            console.Wrote(r.GetValue(output)!);
            return ExitCodes.Ok;
        });

        var checkPhotos = new Option<string>("--photos")
        {
            Description = "Folder of real photos to compare on (not the calibration ones, ideally)",
            Required = true,
        };
        var checkCount = new Option<int>("--count") { Description = "Photos to compare", DefaultValueFactory = _ => 200 };
        var check = new Command("check", "Compare int8 and fp32 backbone features and speed") { checkPhotos, checkCount };
        check.SetAction(r =>
        {
            var views = Int8Check.Views(r.GetValue(checkPhotos)!, r.GetValue(checkCount), 1, console.Skip);
            if (views.Count == 0)
            {
                console.Error($"{r.GetValue(checkPhotos)}: no photos found");
                return ExitCodes.BadInput;
            }
            var d = Int8Check.Compare(views);
            console.Print($"CPU: {CpuFeatures.Describe()}");
            console.Print(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{d.Views} views: cosine(int8, fp32) mean {d.MeanCosine:F4}, min {d.MinCosine:F4}; "
                        + $"fp32 {d.Fp32PerSecond:F0} images/s, int8 {d.Int8PerSecond:F0} images/s ({d.Speedup:F2}×)"
                )
            );
            return ExitCodes.Ok;
        });
        return new Command("int8", "The int8 (QDQ) backbone: calibration recipe and checks") { calibrate, check };
    }
}
