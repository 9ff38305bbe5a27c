using System.Text.Json;
using System.Text.Json.Serialization;
using BestShot.Core.Data;
using BestShot.Core.Features;
using BestShot.Core.Filter;
using BestShot.Core.Imaging;

namespace BestShot.Training.Train;

public enum BackboneMode
{
    Frozen,
    Finetune,
}

public enum LossKind
{
    Mse,
    RankNet,
}

/// <summary>
/// Every hyperparameter of a run, in one record. It is written as config.json in the run folder and inside every
/// checkpoint, so a checkpoint always says how it was made. Defaults are the seed's (full listing) values. What only
/// depends on the machine (cache file, threads) lives apart, in <see cref="RunEnvironment"/>.
/// </summary>
public sealed record TrainConfig
{
    public BackboneMode Backbone { get; init; } = BackboneMode.Frozen;
    public int Epochs { get; init; } = 10;
    public int BatchSize { get; init; } = 256;

    /// <summary>OneCycleLR's max_lr; the seed's listing uses max_lr = learning_rate.</summary>
    public double Lr { get; init; } = 1e-3;

    /// <summary>AdamW weight decay, set explicitly: TorchSharp's default is 0, the seed's is 0.05.</summary>
    public double WeightDecay { get; init; } = 0.05;

    /// <summary>Seed of the run's random streams (<see cref="RunSeeds"/>); the split has its own, in <see cref="Split"/>.</summary>
    public int Seed { get; init; } = 0;
    public LossKind Loss { get; init; } = LossKind.Mse;

    /// <summary>
    /// RankNet: weight of pairs across users (a photo above *another* photo's spoiled copy), which ties every photo to
    /// one scale; 0 compares a user's posts only, as the seed's pairs do.
    /// </summary>
    public double CrossPairWeight { get; init; }

    /// <summary>RankNet: cross-user pairs count only when their labels differ by at least this much (a margin against
    /// unclean sources: 0.6 skips neighbouring severities of `synth degradations`, whose steps are 0.35).</summary>
    public double CrossPairMinGap { get; init; } = 0.6;

    /// <summary>RankNet: weight of an added MSE term on the label, another way to give every photo one scale.</summary>
    public double MseWeight { get; init; }

    /// <summary>Dropout on the backbone features (the seed's drop_rate).</summary>
    public double Dropout { get; init; } = 0.7;

    /// <summary>Stochastic depth on the trainable residual blocks when fine-tuning (the seed's drop_path_rate).</summary>
    public double DropPath { get; init; } = 0.7;

    /// <summary>Stages frozen while fine-tuning, after the stem: 2 keeps stem, layer1 and layer2 fixed.</summary>
    public int FrozenStages { get; init; } = 2;

    /// <summary>
    /// Native-resolution 224×224 crops per photo whose mean backbone features join the head's input, so the model
    /// sees sharpness, noise and compression; 0 is the seed's model (global view only).
    /// </summary>
    public int DetailCrops { get; init; }

    /// <summary>
    /// Frozen mode: the head also reads cheap native-resolution measures (DetailMeasures: sharpness, noise and JPEG blocks
    /// in the crops, sharpness, noise and clipping of the view), computed on the CPU without a backbone pass.
    /// </summary>
    public bool NativeMeasures { get; init; }

    /// <summary>
    /// Which DetailMeasures set the head reads: set when a run starts, so that a run made before v2 (null: v1) resumes
    /// and exports with the eight measures it was trained on.
    /// </summary>
    public string? MeasuresVersion { get; init; }

    /// <summary>How many measures the head reads (0 without them).</summary>
    [JsonIgnore]
    public int MeasureCount => NativeMeasures ? DetailMeasures.CountOf(MeasuresVersion ?? "v1") : 0;

    /// <summary>Frozen mode: compute the cached features with the int8 backbone that scoring uses by default.</summary>
    public bool Int8Features { get; init; }

    /// <summary>Frozen mode: augmented views cached per image; each epoch draws one per post.</summary>
    public int Views { get; init; } = 4;

    /// <summary>
    /// Frozen mode: validate and keep a moving average of the head's weights over about this many epochs
    /// (<see cref="WeightAverage"/>) instead of the last step's weights; 0 keeps the last step's, as the seed does.
    /// </summary>
    public double AverageEpochs { get; init; }

    /// <summary>
    /// Frozen mode: start the head from a ridge regression on its inputs (<see cref="LinearProbe"/>), written into its
    /// weights (<see cref="Model.LinearChannel"/>), instead of random weights.
    /// </summary>
    public bool LinearProbe { get; init; }

    /// <summary>
    /// Judge each epoch by the mean validation loss of its last this many epochs (<see cref="EpochChoice"/>) when
    /// keeping the best and stopping early; 0 or 1: its own loss, as the seed does.
    /// </summary>
    public int SmoothEpochs { get; init; }

    /// <summary>Stop when validation loss has not improved for this many epochs; 0 runs every epoch.</summary>
    public int Patience { get; init; } = 0;

    /// <summary>How batch size, epochs and patience were chosen (<see cref="TrainSchedule"/>), in words; null: as given.</summary>
    public string? Schedule { get; init; }

    /// <summary>
    /// Where the head's weights start: null for random; "default" for the built-in model; or a run folder (its
    /// best.ckpt) or a head-only ONNX file. The architecture then follows the starting model's.
    /// </summary>
    public string? Init { get; init; }

    /// <summary>
    /// After training, score the validation pairs with the built-in model (and, on likes data, the metadata ridge) too,
    /// and make model.onnx whichever orders them best (<see cref="ModelChoice"/>; the run's own is kept as personal.onnx).
    /// </summary>
    public bool KeepBuiltInWhenBetter { get; init; } = true;

    /// <summary>Filters, split seed and train fraction: eval reads the same record back from the exported model.</summary>
    public SplitOptions Split { get; init; } = new();
    public AugmentOptions Augment { get; init; } = new();

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Null when the values can train; otherwise what is wrong, in one line naming the options.</summary>
    public string? Problem() =>
        Epochs < 1 || BatchSize < 1 ? "--epochs and --batch-size must be at least 1"
        : Views < 0 || DetailCrops < 0 || Patience < 0 ? "--views, --detail-crops and --patience must be at least 0"
        : Lr <= 0 || WeightDecay < 0 ? "--lr must be above 0 and --weight-decay at least 0"
        : Dropout is < 0 or >= 1 || DropPath is < 0 or >= 1 ? "--dropout and --drop-path must be in [0, 1)"
        : Split.TrainFraction is <= 0 or >= 1 ? "the train fraction must be between 0 and 1"
        : NativeMeasures && Backbone == BackboneMode.Finetune ? "--native-measures needs the frozen backbone"
        : AverageEpochs < 0 ? "--average-epochs must be at least 0"
        : SmoothEpochs < 0 ? "--smooth-epochs must be at least 0"
        : LinearProbe && Backbone == BackboneMode.Finetune ? "--linear-probe needs the frozen backbone"
        : LinearProbe && Init != null ? "--linear-probe and --init both choose the starting weights: give one"
        : AverageEpochs > 0 && Backbone == BackboneMode.Finetune ? "--average-epochs needs the frozen backbone"
        : CrossPairWeight < 0 || MseWeight < 0 || CrossPairMinGap < 0
            ? "--cross-pair-weight, --cross-pair-gap and --mse-weight must be at least 0"
        : null;

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static TrainConfig FromJson(string json) =>
        JsonSerializer.Deserialize<TrainConfig>(json, Json) ?? throw new InvalidDataException("empty config");
}
