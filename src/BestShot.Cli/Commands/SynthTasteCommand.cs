using System.CommandLine;
using System.Globalization;
using BestShot.Core.Data;
using BestShot.Lab.Synth;

namespace BestShot.Cli.Commands;

/// <summary>`bestshot synth taste --photos DIR --out DIR`: real photos rated with a known hidden preference.</summary>
public static class SynthTasteCommand
{
    public static Command Create(CliConsole console)
    {
        var photos = new Option<string>("--photos") { Description = "Folder of real photos (searched recursively)", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "Folder to write shoots and sidecars into", Required = true };
        var d = new TasteSynthOptions { Photos = "" };
        var count = new Option<int>("--count") { Description = "Rated photos to write", DefaultValueFactory = _ => d.Count };
        var preference = new Option<TastePreference>("--preference")
        {
            Description = "The hidden taste: warm (warmer colour is better) or dark (a darker mood is better)",
            DefaultValueFactory = _ => d.Preference,
        };
        var noise = new Option<double>("--noise")
        {
            Description = "Rating noise, in units of the planted change (which spans -1 to 1)",
            DefaultValueFactory = _ => d.Noise,
        };
        var seed = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => d.Seed };
        var cmd = new Command(
            "taste",
            "Write shoots of real photos with XMP star ratings that follow a hidden preference; prints the ceiling a perfect model reaches"
        )
        {
            photos,
            output,
            count,
            preference,
            noise,
            seed,
        };
        cmd.SetAction(r =>
        {
            var o = new TasteSynthOptions
            {
                Photos = r.GetValue(photos)!,
                Count = r.GetValue(count),
                Preference = r.GetValue(preference),
                Noise = r.GetValue(noise),
                Seed = r.GetValue(seed),
            };
            string outDir = r.GetValue(output)!;
            TasteSynthResult? result = null;
            try
            {
                console.Progress(
                    "synth taste",
                    o.Count,
                    report => result = TasteSynth.Write(outDir, o, console.Skip, (n, _) => report(n))
                );
            }
            catch (Exception e) when (e is DatasetException or ArgumentException)
            {
                console.Error(e.Message);
                return ExitCodes.BadInput;
            }
            console.Print($"Wrote {result!.Photos} rated photos in {result.Shoots} shoots to {outDir}");
            console.Print(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Ceiling: the hidden preference itself reaches pairwise accuracy {result.CeilingAccuracy:P1} on the "
                        + $"{result.ValidationPairs} validation pairs; recorded in {result.TruthPath}"
                )
            );
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
