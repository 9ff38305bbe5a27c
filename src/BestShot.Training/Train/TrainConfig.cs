using System.Text.Json;
using System.Text.Json.Serialization;
using BestShot.Core.Filter;
using BestShot.Core.Imaging;

namespace BestShot.Training.Train;

public enum BackboneMode { Frozen, Finetune }

public enum LossKind { Mse, RankNet }

/// <summary>
/// Every hyperparameter of a run, in one record. It is written as config.json in the run folder and inside every
/// checkpoint, so a checkpoint always says how it was made. Defaults are the seed's (full listing) values.
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
    public int Seed { get; init; } = 0;
    public LossKind Loss { get; init; } = LossKind.Mse;
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
    /// <summary>Frozen mode: compute the cached features with the int8 backbone that scoring uses by default.</summary>
    public bool Int8Features { get; init; }
    /// <summary>Frozen mode: augmented views cached per image; each epoch draws one per post.</summary>
    public int Views { get; init; } = 4;
    /// <summary>Stop when validation loss has not improved for this many epochs; 0 runs every epoch.</summary>
    public int Patience { get; init; } = 0;
    public double TrainFraction { get; init; } = 0.8;
    public FilterOptions Filters { get; init; } = new();
    public AugmentOptions Augment { get; init; } = new();
    public string? CachePath { get; init; }
    public int Threads { get; init; }

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static TrainConfig FromJson(string json) => JsonSerializer.Deserialize<TrainConfig>(json, Json) ?? throw new InvalidDataException("empty config");
}
