using BestShot.Core.Backbone;
using BestShot.Core.Imaging;
using BestShot.Core.Score;

namespace BestShot.Cli.Commands;

/// <summary>What `rank` and `cull` both start with: the photos under the paths (skips reported) and the opened model.</summary>
public static class PhotosToScore
{
    /// <summary>
    /// The walk and the scorer, or null and the problem (nothing to score, an unreadable model) in one line; null too
    /// when Ctrl-C came first (the caller tells by the token): a cancelled walk returns at once, and the model, whose
    /// loading ONNX Runtime cannot cancel, is loaded on a worker that is left behind.
    /// </summary>
    public static (PhotoWalk Walk, OnnxScorer Scorer)? Open(CliConsole console, RankArguments a, CancellationToken cancel)
    {
        if (a.Cuda && !OrtOptions.CudaAvailable)
            console.Warn(
                "--device cuda: ONNX Runtime's CUDA provider is not available in this build (it ships the CPU package); scoring on the CPU"
            );
        var walk = PhotoFiles.Walk(a.Paths, cancel);
        if (cancel.IsCancellationRequested)
            return Interrupted(console, "while looking for photos");
        foreach (var (p, why) in walk.Skipped.Concat(walk.Notes))
            console.Skip(p, why);
        if (walk.Photos.Count == 0)
        {
            console.Error($"no photos found in {string.Join(", ", a.Paths)}");
            return null;
        }
        try
        {
            var loading = Task.Run(() => OnnxScorer.Open(a.Model, new OrtOptions { UseCuda = a.Cuda }, a.Int8));
            LeftBehind.Track(loading);
            loading.Wait(cancel);
            if (loading.Result.ReadsNoPixels)
                console.Warn(NoPixels(a.Model!));
            return (walk, loading.Result);
        }
        catch (OperationCanceledException)
        {
            return Interrupted(console, "while loading the model");
        }
        catch (AggregateException e) when (e.InnerException is FileNotFoundException or InvalidDataException)
        {
            console.Error(e.InnerException.Message);
            return null;
        }
    }

    /// <summary>A model of the posting time alone scores every photo alike here: say so, and where the run's own is.</summary>
    static string NoPixels(string model)
    {
        string own = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(model)) ?? ".", "personal.onnx");
        return $"{model} is the ridge regression on the posts' metadata alone that train kept (it ordered the run's validation "
            + "posts best); it reads no pixels, and every photo here gets the same simulated posting time, so every photo scores "
            + "the same"
            + (File.Exists(own) ? $"; to rank by the photo, use the run's own model: --model {own}" : "");
    }

    static (PhotoWalk, OnnxScorer)? Interrupted(CliConsole console, string when)
    {
        console.Note($"interrupted {when}: no photo was scored and nothing was written");
        return null;
    }
}
