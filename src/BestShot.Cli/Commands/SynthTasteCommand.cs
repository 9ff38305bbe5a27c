using System.CommandLine;
using System.Globalization;
using BestShot.Lab.Synth;

namespace BestShot.Cli.Commands;

/// <summary>`bestshot synth taste --photos DIR --out DIR`: real photos rated with a known hidden preference.</summary>
public static class SynthTasteCommand
{
    public static Command Create(CliConsole console, Option<string> output)
    {
        var o = new RecordOptions<TasteSynthOptions>(new TasteSynthOptions { Photos = "" });
        o.Required<string>("--photos", "Folder of real photos (searched recursively)", (t, v) => t with { Photos = v });
        o.Add("--count", "Rated photos to write", t => t.Count, (t, v) => t with { Count = v });
        o.Add(
            "--preference",
            "The hidden taste: warm (warmer colour is better) or dark (a darker mood is better)",
            t => t.Preference,
            (t, v) => t with { Preference = v }
        );
        o.Add(
            "--noise",
            "Rating noise, in units of the planted change (which spans -1 to 1)",
            t => t.Noise,
            (t, v) => t with { Noise = v }
        );
        o.Add("--seed", "Random seed", t => t.Seed, (t, v) => t with { Seed = v });
        var cmd = new Command(
            "taste",
            "Write shoots of real photos with XMP star ratings that follow a hidden preference; prints the ceiling a perfect model reaches"
        )
        {
            output,
        };
        o.AddTo(cmd);
        cmd.SetAction(r =>
        {
            var t = o.Bind(r);
            string outDir = r.GetValue(output)!;
            return SynthCommand.Write(
                console,
                "synth taste",
                t.Count,
                report => TasteSynth.Write(outDir, t, console.Skip, (n, _) => report(n)),
                result =>
                {
                    console.Print($"Wrote {result.Photos} rated photos in {result.Shoots} shoots to {outDir}");
                    if (double.IsNaN(result.CeilingAccuracy))
                        console.Print("Too few photos for a shoot to check on: no ceiling (ask for --count 24 or more)");
                    else
                        console.Print(
                            string.Create(
                                CultureInfo.InvariantCulture,
                                $"Ceiling: the hidden preference itself reaches pairwise accuracy {result.CeilingAccuracy:P1} on the "
                                    + $"{result.ValidationPairs} validation pairs; recorded in {result.TruthPath}"
                            )
                        );
                }
            );
        });
        return cmd;
    }
}
