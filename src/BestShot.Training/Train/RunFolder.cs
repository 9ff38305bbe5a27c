namespace BestShot.Training.Train;

/// <summary>The files a training run writes into its folder.</summary>
public sealed record RunFolder(string Path)
{
    public string Config => System.IO.Path.Combine(Path, "config.json");
    public string Metrics => System.IO.Path.Combine(Path, "metrics.jsonl");
    public string Best => System.IO.Path.Combine(Path, "best.ckpt");

    /// <summary>The best epoch's 0–100 scale anchors (ScoreScale), measured on the validation photos; export reads it.</summary>
    public string BestScale => System.IO.Path.Combine(Path, "best.scale.json");
    public string Last => System.IO.Path.Combine(Path, "last.ckpt");
    public string Curves => System.IO.Path.Combine(Path, "curves.png");
    public string Summary => System.IO.Path.Combine(Path, "summary.md");
    public string Model => System.IO.Path.Combine(Path, "model.onnx");
}
