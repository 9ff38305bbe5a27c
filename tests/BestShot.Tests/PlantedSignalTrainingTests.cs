using System.Text.Json;
using BestShot.Lab.Synth;

namespace BestShot.Tests;

/// <summary>
/// Issue 27: `train` with no flags, on a few hundred posts whose likes follow the metadata alone (hour of day,
/// weekday, age), learned nothing a ridge regression on the metadata does not learn better: the MLP fitted the photos.
/// </summary>
[Trait("Category", "Slow")]
public class PlantedSignalTrainingTests
{
    [Fact]
    public void NoFlagTrainingOnAMetadataSignalIsNotBelowTheMetadataBaseline()
    {
        string data = TestPaths.TempDir("planted-metadata");
        var synth = PostsSynth.Write(
            data,
            new PostsSynthOptions
            {
                Users = 40,
                PostsPerUser = 8,
                ImageSize = 96,
                Seed = 4,
                Signal = PostsSignal.Metadata,
            }
        );
        string run = TestPaths.TempDir("planted-metadata-run");
        string cache = Path.Combine(TestPaths.TempDir("planted-metadata-cache"), "features.sqlite");
        var train = CliRunner.Run("train", data, "--out", run, "--cache", cache);
        Assert.True(train.ExitCode == 0, train.Stderr + train.Stdout);

        // The run's own model (personal.onnx when train kept the built-in one), on every pair of the held-out accounts.
        string own = File.Exists(Path.Combine(run, "personal.onnx"))
            ? Path.Combine(run, "personal.onnx")
            : Path.Combine(run, "model.onnx");
        var eval = CliRunner.Run("eval", own, data, "--json");
        Assert.True(eval.ExitCode == 0, eval.Stderr);
        using var json = JsonDocument.Parse(eval.Stdout);
        double seedPairs = json.RootElement.GetProperty("pairwise_accuracy").GetDouble();
        double everyPair = json.RootElement.GetProperty("all_pairs").GetProperty("pairwise_accuracy").GetDouble();
        var ridge = json
            .RootElement.GetProperty("baselines")
            .EnumerateArray()
            .First(b => b.GetProperty("name").GetString()!.Contains("ridge"));
        double ridgeSeedPairs = ridge.GetProperty("pairwise_accuracy").GetDouble();
        double ridgeEveryPair = ridge.GetProperty("all_pairs").GetProperty("pairwise_accuracy").GetDouble();
        using var truth = JsonDocument.Parse(File.ReadAllText(synth.CeilingPath));
        double everyCeiling = truth.RootElement.GetProperty("every_pair").GetProperty("ceiling_pairwise_accuracy").GetDouble();
        string figures =
            $"run {seedPairs:P1} (every pair {everyPair:P1}), metadata ridge {ridgeSeedPairs:P1} ({ridgeEveryPair:P1}), "
            + $"ceiling {synth.CeilingAccuracy:P1} ({everyCeiling:P1})";
        // On every pair of the held-out accounts (about 220 here; the seed's 32 pairs move 3 points a pair), with a margin
        // for pairs that share photos. Before the linear probe: 70.1 % against the ridge's 85.7 %; with it, 83.9 %.
        Assert.True(everyPair >= ridgeEveryPair - 0.04, figures);
        Assert.True(everyPair >= everyCeiling - 0.05, figures);

        // What `rank --model RUN/model.onnx` uses is never below the metadata ridge on these pairs: train keeps the ridge
        // itself (written into a head) when the run does not beat it, and says so. Before, model.onnx was the run's own.
        var kept = CliRunner.Run("eval", run, data, "--json");
        Assert.True(kept.ExitCode == 0, kept.Stderr);
        using var keptJson = JsonDocument.Parse(kept.Stdout);
        double keptEveryPair = keptJson.RootElement.GetProperty("all_pairs").GetProperty("pairwise_accuracy").GetDouble();
        string which = keptJson.RootElement.GetProperty("model").GetString()!;
        Assert.True(keptEveryPair >= ridgeEveryPair, $"kept {keptEveryPair:P1} ({which}); {figures}");
        if (everyPair < ridgeEveryPair)
        {
            Assert.Contains("the metadata alone (a ridge regression on the 8 metadata features", which);
            Assert.Equal(ridgeEveryPair, keptEveryPair, 3); // the ridge's own order: its head reproduces it
            Assert.Contains("NOT better than a ridge regression on the metadata alone", string.Join(" ", train.Stderr.Split()));
            // rank gives every photo the same posting time, so such a model ties them all: it says so, and names the run's own.
            var photos = Directory.GetFiles(Path.Combine(data, "images")).Take(3).ToArray();
            var rank = CliRunner.Run(["rank", .. photos, "--model", Path.Combine(run, "model.onnx"), "--no-cache"]);
            Assert.True(rank.ExitCode == 0, rank.Stderr);
            string warning = string.Join(" ", rank.Stderr.Split());
            Assert.Contains("it reads no pixels", warning);
            Assert.Contains("--model " + Path.Combine(run, "personal.onnx"), warning);
        }
    }
}
