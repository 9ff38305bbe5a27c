using System.CommandLine;
using System.Globalization;
using BestShot.Core.Data;
using BestShot.Lab.Synth;

namespace BestShot.Cli.Commands;

/// <summary>`bestshot synth posts|degradations|taste`: datasets with a planted, known signal.</summary>
public static class SynthCommand
{
    /// <summary>The folder every synth command writes into (not part of any generator's settings).</summary>
    static Option<string> OutFolder(string help) => new("--out", "-o") { Description = help, Required = true };

    /// <summary>
    /// Runs one generator with a progress bar; a dataset or argument problem is one error line and exit code 2.
    /// </summary>
    internal static int Write<TResult>(
        CliConsole console,
        string label,
        int total,
        Func<Action<int>, TResult> write,
        Action<TResult> show
    )
        where TResult : class
    {
        TResult? result = null;
        try
        {
            console.Progress(label, Math.Max(1, total), report => result = write(report));
        }
        catch (Exception e) when (e is DatasetException or ArgumentException)
        {
            console.Error(e.Message);
            return ExitCodes.BadInput;
        }
        show(result!);
        return ExitCodes.Ok;
    }

    static Command Degradations(CliConsole console)
    {
        var o = new RecordOptions<DegradationsSynthOptions>(new DegradationsSynthOptions { Photos = "" });
        o.Required<string>(
            "--photos",
            "Folder of real photos (searched recursively), e.g. ../shared/data/photos",
            (d, v) => d with { Photos = v }
        );
        o.Add(
            "--max-photos",
            "Use at most this many source photos, spread over the folder (0: all)",
            d => d.MaxPhotos,
            (d, v) => d with { MaxPhotos = v }
        );
        o.Add("--max-side", "Downscale larger photos to this long side first", d => d.MaxSide, (d, v) => d with { MaxSide = v });
        o.Add("--seed", "Random seed", d => d.Seed, (d, v) => d with { Seed = v });
        o.Switch(
            "--outside",
            "Damage by the second generator (Magick.NET's operators, 720–2000 px): an outside check to report, never to train on",
            (d, v) => d with { Outside = v }
        );
        o.Add(
            "--chains",
            "Instead of the fixed kinds, give each photo this many random chains of damage at continuous strengths",
            d => d.Chains,
            (d, v) => d with { Chains = v }
        );
        var output = OutFolder("Dataset folder to write");
        var cmd = new Command(
            "degradations",
            "Write a dataset where each photo is a user whose posts are the original (most likes) and spoiled copies (fewer likes the "
                + "worse they are)"
        )
        {
            output,
        };
        o.AddTo(cmd);
        cmd.SetAction(r =>
        {
            var d = o.Bind(r);
            string outDir = r.GetValue(output)!;
            int total = d.MaxPhotos > 0 ? d.MaxPhotos : BestShot.Core.Imaging.PhotoFiles.Find(d.Photos).Count;
            int versions = d.Chains > 0 ? 1 + d.Chains : 1 + d.KindsWritten.Length * d.Severities.Length;
            return Write(
                console,
                "synth degradations",
                total,
                report => DegradationsSynth.Write(outDir, d, console.Skip, (done, _) => report(done)),
                posts =>
                    console.Print(
                        $"Wrote {posts.Count} posts ({posts.Select(p => p.UserId).Distinct().Count()} source photos × {versions} versions) "
                            + $"to {outDir}"
                    )
            );
        });
        return cmd;
    }

    static Command Posts(CliConsole console)
    {
        var o = new RecordOptions<PostsSynthOptions>(new PostsSynthOptions());
        o.Add<string?>(
            "--photos",
            "Folder of real photos (searched recursively); without it, pictures are generated",
            p => p.Photos,
            (p, v) => p with { Photos = v }
        );
        o.Add("--users", "Number of users", p => p.Users, (p, v) => p with { Users = v });
        o.Add("--posts-per-user", "Posts per user", p => p.PostsPerUser, (p, v) => p with { PostsPerUser = v });
        o.Add("--seed", "Random seed", p => p.Seed, (p, v) => p with { Seed = v });
        o.Add("--noise", "Std of unexplained log-likes noise", p => p.Noise, (p, v) => p with { Noise = v });
        o.Add(
            "--image-effect",
            "Drop in log(likes) from a clean to the most degraded photo",
            p => p.ImageEffect,
            (p, v) => p with { ImageEffect = v }
        );
        o.Add(
            "--signal",
            "What drives the likes besides the post's age: damage (blur + under-exposure), metadata (hour and weekday), "
                + "colour (warmth)",
            p => p.Signal,
            (p, v) => p with { Signal = v }
        );
        var output = OutFolder("Dataset folder to write");
        var cmd = new Command(
            "posts",
            "Write a posts dataset whose likes follow a known signal in the photos and metadata; prints the ceiling a perfect model reaches"
        )
        {
            output,
        };
        o.AddTo(cmd);
        cmd.SetAction(r =>
        {
            var p = o.Bind(r);
            string outDir = r.GetValue(output)!;
            return Write(
                console,
                "synth posts",
                p.Users * p.PostsPerUser,
                report => PostsSynth.Write(outDir, p, (d, _) => report(d)),
                result => ShowPosts(console, result, p, outDir)
            );
        });
        return cmd;
    }

    static void ShowPosts(CliConsole console, SynthResult result, PostsSynthOptions p, string outDir)
    {
        var c = CultureInfo.InvariantCulture;
        console.Print($"Wrote {result.Posts.Count} posts by {p.Users} users to {outDir}");
        console.Print(
            string.Create(
                c,
                $"Ceiling: a perfect model reaches pairwise accuracy {result.CeilingAccuracy:P1} on the {result.ValidationPairs} "
                    + $"validation pairs (split seed {p.SplitSeed}); recorded in {result.CeilingPath}"
            )
        );
        console.Print(
            string.Create(
                c,
                $"Knowing only the photo's term: {result.ImageOnlyAccuracy:P1}; only the metadata's: {result.MetadataOnlyAccuracy:P1}"
            )
        );
    }

    public static Command Create(CliConsole console) =>
        new("synth", "Make synthetic datasets with a known answer")
        {
            Posts(console),
            Degradations(console),
            SynthTasteCommand.Create(console, OutFolder("Folder to write shoots and sidecars into")),
        };
}
