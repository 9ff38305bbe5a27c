using BestShot.Core.Data;
using TorchSharp;

namespace BestShot.Training.Train;

/// <summary>Where a run stands: the config it was made with and its progress.</summary>
public sealed record CheckpointInfo(TrainConfig Config, int Epoch, long Steps, double BestValLoss, int BestEpoch);

public sealed class CheckpointException(string message) : Exception(message);

/// <summary>
/// One file per checkpoint: a magic line, the run's config and progress as JSON, the model weights, and (for
/// resuming) the optimizer state. Written atomically, so an interrupted save leaves the previous checkpoint intact.
/// </summary>
public static class Checkpoint
{
    // Format 2: the split is its own record in the config, the machine settings left it, and AdamW has two
    // parameter groups (decayed, not decayed). A format-1 checkpoint would resume into a different optimizer.
    const string Magic = "BESTSHOT-CHECKPOINT-2",
        OldMagic = "BESTSHOT-CHECKPOINT-1";

    /// <param name="average">The weight average (<see cref="WeightAverage"/>) when the run keeps one, for resuming.</param>
    public static void Save(
        string path,
        CheckpointInfo info,
        torch.nn.Module model,
        TorchSharp.Modules.AdamW? optimizer,
        torch.nn.Module? average = null
    )
    {
        AtomicFile.Write(
            path,
            tmp =>
            {
                using var stream = File.Create(tmp);
                using var w = new BinaryWriter(stream);
                w.Write(Magic);
                w.Write(info.Config.ToJson());
                w.Write(info.Epoch);
                w.Write(info.Steps);
                w.Write(info.BestValLoss);
                w.Write(info.BestEpoch);
                model.save(w);
                w.Write(optimizer != null);
                optimizer?.save_state_dict(w);
                w.Write(average != null);
                average?.save(w);
            }
        );
    }

    public static CheckpointInfo ReadInfo(string path) => Load(path, null, null);

    /// <summary>Reads a checkpoint; loads weights into `model`, state into `optimizer` and the average when given.</summary>
    public static CheckpointInfo Load(
        string path,
        torch.nn.Module? model,
        TorchSharp.Modules.AdamW? optimizer,
        torch.nn.Module? average = null
    )
    {
        if (!File.Exists(path))
            throw new CheckpointException($"{path}: checkpoint not found");
        try
        {
            using var stream = File.OpenRead(path);
            using var r = new BinaryReader(stream);
            string magic = r.ReadString();
            if (magic == OldMagic)
                throw new CheckpointException($"{path}: made by an older BestShot (checkpoint format 1); train the run again");
            if (magic != Magic)
                throw new CheckpointException($"{path}: not a BestShot checkpoint");
            var info = new CheckpointInfo(
                TrainConfig.FromJson(r.ReadString()),
                r.ReadInt32(),
                r.ReadInt64(),
                r.ReadDouble(),
                r.ReadInt32()
            );
            if (model == null)
                return info;
            model.load(r);
            if (r.ReadBoolean() && optimizer != null)
                optimizer.load_state_dict(r);
            if (average != null)
            {
                // A checkpoint written before weight averaging ends here: resuming it would start a fresh average.
                if (stream.Position >= stream.Length || !r.ReadBoolean())
                    throw new CheckpointException($"{path}: holds no weight average, which this run's config asks for");
                average.load(r);
            }
            return info;
        }
        catch (CheckpointException)
        {
            throw;
        }
        catch (Exception e)
            when (e
                    is IOException
                        or EndOfStreamException
                        or ArgumentException
                        or InvalidDataException
                        or System.Text.Json.JsonException
                        or FormatException
                        or InvalidOperationException
            )
        {
            throw new CheckpointException($"{path}: corrupt or truncated checkpoint ({e.GetType().Name}: {e.Message.Split('\n')[0]})");
        }
    }
}
