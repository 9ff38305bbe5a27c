using System.CommandLine;
using System.Security.Cryptography;
using BestShot.Core.Backbone;
using BestShot.Core.Data;
using BestShot.Core.Facts;
using BestShot.Core.Features;
using BestShot.Core.Rank;
using BestShot.Core.Score;
using BestShot.Web;

namespace BestShot.Cli.Commands;

/// <summary>`bestshot serve PATH...`: the local web gallery (BestShot.Web), scoring in the background as `cull` does.</summary>
public static class ServeCommand
{
    public static Command Create(CliConsole console)
    {
        var paths = new Argument<string[]>("paths") { Description = "Photo files or folders to serve", Arity = ArgumentArity.OneOrMore };
        var port = new Option<int>("--port") { Description = "Port to listen on", DefaultValueFactory = _ => 8080 };
        var host = new Option<string>("--host")
        {
            Description = "Address to listen on; anything but 127.0.0.1/localhost needs an access token",
            DefaultValueFactory = _ => "127.0.0.1",
        };
        var token = new Option<string?>("--token")
        {
            Description = "Access token for a non-loopback --host (default: a random one, shown once)",
        };
        var scoring = new ScoringOptions();
        var culling = CullChoices.Create();
        var cmd = new Command("serve", "A local web gallery to cull a shoot with the keyboard; decisions go to XMP sidecars")
        {
            paths,
            port,
            host,
            token,
            scoring.Model,
        };
        foreach (var o in scoring.Rest.Concat(culling.All))
            cmd.Options.Add(o);
        cmd.SetAction(
            async (r, cancel) =>
            {
                var (choice, problem) = scoring.ShardGiven(r)
                    ? (null, "serve shows the whole library: --shard is for rank and cull workers, whose --store serve can read")
                    : scoring.Bind(r, SimulatedMetadata.Seed);
                var cull = culling.Bind(r);
                problem ??= cull.Problem();
                if (choice == null || problem != null)
                {
                    console.Error(problem!);
                    return ExitCodes.BadInput;
                }
                if (choice.Cuda && !OrtOptions.CudaAvailable)
                    console.Warn("--device cuda: ONNX Runtime's CUDA provider is not available in this build; scoring on the CPU");
                var o = new ServeOptions
                {
                    Roots = r.GetValue(paths)!,
                    Port = r.GetValue(port),
                    Host = r.GetValue(host)!,
                    Token = r.GetValue(token),
                    Model = choice.Model,
                    ScoreCachePath = choice.Options.Facts.StorePath,
                    Int8 = choice.Int8,
                    Cuda = choice.Cuda,
                    Scoring = choice.Options.Facts.Scoring,
                    Cull = cull,
                    ThumbnailFolder = CacheRoot.Thumbnails,
                };
                return await Serve(console, o, cancel);
            }
        );
        return cmd;
    }

    const int MinTokenLength = 16;

    static async Task<int> Serve(CliConsole console, ServeOptions o, CancellationToken cancel)
    {
        if (o.Port is < 1 or > 65535)
        {
            console.Error("--port must be between 1 and 65535");
            return ExitCodes.BadInput;
        }
        if (o.Token != null && o.Token.Trim().Length < MinTokenLength)
        {
            // An unset variable in `--token "$TOKEN"` gives an empty token, which would open the library to anyone.
            console.Error(
                $"--token must be at least {MinTokenLength} characters (it was {o.Token.Trim().Length}); leave it out for a random one"
            );
            return ExitCodes.BadInput;
        }
        if (!o.IsLoopback && !System.Net.IPAddress.TryParse(o.Host.Trim('[', ']'), out _))
        {
            console.Error($"--host {o.Host}: give an IP address (0.0.0.0 for every interface) or localhost");
            return ExitCodes.BadInput;
        }
        if (!o.IsLoopback)
        {
            o = o with { Token = o.Token ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) };
            console.Warn(
                $"--host {o.Host}: anyone who can reach this machine can see these photos and write their sidecars; "
                    + "every request needs the access token in the link below"
            );
        }
        var gallery = new Gallery(o, cancel);
        if (cancel.IsCancellationRequested)
        {
            console.Note("interrupted while looking for photos");
            return ExitCodes.Interrupted;
        }
        foreach (var (path, why) in gallery.WalkProblems)
            console.Skip(path, why);
        if (gallery.Photos.Count == 0)
        {
            console.Error($"no photos found in {string.Join(", ", o.Roots)}");
            return ExitCodes.BadInput;
        }
        await using var app = GalleryServer.Build(o, gallery);
        try
        {
            await app.StartAsync(cancel);
        }
        catch (IOException e)
        {
            console.Error($"cannot listen on {o.Host}:{o.Port}: {e.Message}");
            return ExitCodes.BadInput;
        }
        string shown = o.Host is "0.0.0.0" or "::" ? System.Net.Dns.GetHostName() : o.Host;
        string link = $"http://{shown}:{o.Port}/" + (o.Token != null ? $"?token={o.Token}" : "");
        // Files, not photos yet: one that cannot be decoded is only found (and listed on the page) when the scan reaches it.
        console.Info($"BestShot gallery: {link}  ({gallery.Photos.Count} photo files; Ctrl+C stops)");
        var scan = Task.Run(
            () =>
            {
                try
                {
                    gallery.Scan(cancel, console.Skip);
                }
                catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
                {
                    console.Error($"scoring stopped: {e.Message}"); // e.g. an unreadable --model; the page keeps what it has
                }
            },
            cancel
        );
        LeftBehind.Track(scan);
        try
        {
            await Task.Delay(Timeout.Infinite, cancel);
        }
        catch (OperationCanceledException) { }
        await app.StopAsync(CancellationToken.None);
        // The scan stops between photos; only loading the model cannot be cancelled, and is not waited for long: what
        // the scan wrote is in the cache already, each batch in its own transaction.
        await Task.WhenAny(scan, Task.Delay(TimeSpan.FromMilliseconds(500), CancellationToken.None));
        return ExitCodes.Ok;
    }
}
