using System.CommandLine;
using System.Globalization;
using BestShot.Core.Data;
using BestShot.Lab.Synth;

namespace BestShot.Cli.Commands;

/// <summary>`bestshot synth posts`: datasets with a planted, known signal.</summary>
public static class SynthCommand
{
    static Command Degradations(CliConsole console)
    {
        var d = new DegradationsSynthOptions { Photos = "" };
        var photos = new Option<string>("--photos")
        {
            Description = "Folder of real photos (searched recursively), e.g. ../shared/data/photos",
            Required = true,
        };
        var output = new Option<string>("--out", "-o") { Description = "Dataset folder to write", Required = true };
        var max = new Option<int>("--max-photos")
        {
            Description = "Use at most this many source photos, spread over the folder (0: all)",
            DefaultValueFactory = _ => d.MaxPhotos,
        };
        var maxSide = new Option<int>("--max-side")
        {
            Description = "Downscale larger photos to this long side first",
            DefaultValueFactory = _ => d.MaxSide,
        };
        var seed = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => d.Seed };
        var outside = new Option<bool>("--outside")
        {
            Description =
                "Damage by the second generator (Magick.NET's operators, 720–2000 px): an outside check to report, never to train on",
        };
        var chains = new Option<int>("--chains")
        {
            Description = "Instead of the fixed kinds, give each photo this many random chains of damage at continuous strengths",
        };
        var cmd = new Command(
            "degradations",
            "Write a dataset where each photo is a user whose posts are the original (most likes) and spoiled copies (fewer likes the "
                + "worse they are)"
        )
        {
            photos,
            output,
            max,
            maxSide,
            seed,
            outside,
            chains,
        };
        cmd.SetAction(r =>
        {
            var o = new DegradationsSynthOptions
            {
                Photos = r.GetValue(photos)!,
                MaxPhotos = r.GetValue(max),
                MaxSide = r.GetValue(maxSide),
                Seed = r.GetValue(seed),
                Outside = r.GetValue(outside),
                Chains = r.GetValue(chains),
            };
            string outDir = r.GetValue(output)!;
            IReadOnlyList<Post> posts = [];
            int total = Math.Max(1, o.MaxPhotos > 0 ? o.MaxPhotos : BestShot.Core.Imaging.PhotoFiles.Find(o.Photos).Count);
            try
            {
                console.Progress(
                    "synth degradations",
                    total,
                    report => posts = DegradationsSynth.Write(outDir, o, (p, why) => console.Skip(p, why), (done, _) => report(done))
                );
            }
            catch (DatasetException e)
            {
                console.Error(e.Message);
                return ExitCodes.BadInput;
            }
            console.Print(
                $"Wrote {posts.Count} posts ({posts.Select(p => p.UserId).Distinct().Count()} source photos × "
                    + $"{(o.Chains > 0 ? 1 + o.Chains : 1 + o.KindsWritten.Length * o.Severities.Length)} versions) to {outDir}"
            );
            return ExitCodes.Ok;
        });
        return cmd;
    }

    public static Command Create(CliConsole console)
    {
        var defaults = new PostsSynthOptions();
        var photos = new Option<string?>("--photos")
        {
            Description = "Folder of real photos (searched recursively); without it, pictures are generated",
        };
        var output = new Option<string>("--out", "-o") { Description = "Dataset folder to write", Required = true };
        var users = new Option<int>("--users") { Description = "Number of users", DefaultValueFactory = _ => defaults.Users };
        var posts = new Option<int>("--posts-per-user")
        {
            Description = "Posts per user",
            DefaultValueFactory = _ => defaults.PostsPerUser,
        };
        var seed = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => defaults.Seed };
        var noise = new Option<double>("--noise")
        {
            Description = "Std of unexplained log-likes noise",
            DefaultValueFactory = _ => defaults.Noise,
        };
        var effect = new Option<double>("--image-effect")
        {
            Description = "Drop in log(likes) from a clean to the most degraded photo",
            DefaultValueFactory = _ => defaults.ImageEffect,
        };
        var signal = new Option<PostsSignal>("--signal")
        {
            Description =
                "What drives the likes besides the post's age: damage (blur + under-exposure), metadata (hour and weekday), "
                + "colour (warmth)",
            DefaultValueFactory = _ => defaults.Signal,
        };
        var postsCmd = new Command(
            "posts",
            "Write a posts dataset whose likes follow a known signal in the photos and metadata; prints the ceiling a perfect model reaches"
        )
        {
            photos,
            output,
            users,
            posts,
            seed,
            noise,
            effect,
            signal,
        };
        postsCmd.SetAction(r =>
        {
            var o = new PostsSynthOptions
            {
                Photos = r.GetValue(photos),
                Users = r.GetValue(users),
                PostsPerUser = r.GetValue(posts),
                Seed = r.GetValue(seed),
                Noise = r.GetValue(noise),
                ImageEffect = r.GetValue(effect),
                Signal = r.GetValue(signal),
            };
            string outDir = r.GetValue(output)!;
            SynthResult? result = null;
            try
            {
                console.Progress(
                    "synth posts",
                    o.Users * o.PostsPerUser,
                    report => result = PostsSynth.Write(outDir, o, (d, _) => report(d))
                );
            }
            catch (Exception e) when (e is DatasetException or ArgumentException)
            {
                console.Error(e.Message);
                return ExitCodes.BadInput;
            }
            console.Print($"Wrote {result!.Posts.Count} posts by {o.Users} users to {outDir}");
            console.Print(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Ceiling: a perfect model reaches pairwise accuracy {result.CeilingAccuracy:P1} on the {result.ValidationPairs} "
                        + $"validation pairs (split seed {o.SplitSeed}); recorded in {result.CeilingPath}"
                )
            );
            console.Print(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Knowing only the photo's term: {result.ImageOnlyAccuracy:P1}; only the metadata's: {result.MetadataOnlyAccuracy:P1}"
                )
            );
            return ExitCodes.Ok;
        });
        return new Command("synth", "Make synthetic datasets with a known answer")
        {
            postsCmd,
            Degradations(console),
            SynthTasteCommand.Create(console),
        };
    }
}
