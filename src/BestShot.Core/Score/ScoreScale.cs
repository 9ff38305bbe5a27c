using System.Globalization;
using System.Text.Json;
using BestShot.Core.Data;

namespace BestShot.Core.Score;

/// <summary>
/// The model's raw output put on a fixed 0–100 scale, so that a score means the same in every folder and star
/// ratings can be derived from it. Two anchors are measured when the model is trained, on its validation photos:
/// <see cref="Clean"/>, the median raw score of a typical good photo (the clean originals of `synth degradations`),
/// maps to 70, and <see cref="Ruined"/>, the median raw score of a ruined one (the high-severity copies), maps to 10.
/// A logistic through those two points, not a clamped line: it keeps every photo's order, and never reaches 0 or 100.
/// </summary>
public sealed record ScoreScale(double Clean, double Ruined)
{
    public const string MetadataKey = "bestshot.score_scale";
    public const double CleanPoints = 70,
        RuinedPoints = 10;

    static double Logit(double points) => Math.Log(points / (100 - points));

    /// <summary>Raw model output → 0–100 (exclusive).</summary>
    public double To100(double raw)
    {
        double slope = (Logit(CleanPoints) - Logit(RuinedPoints)) / (Clean - Ruined);
        double z = Logit(CleanPoints) + slope * (raw - Clean);
        return 100 / (1 + Math.Exp(-z));
    }

    /// <summary>
    /// Anchors from validation scores: clean originals against badly spoiled copies where <paramref name="anchor"/>
    /// tells them apart (true: clean, false: spoiled, null: neither; the caller knows how its data was made);
    /// otherwise (posts with likes) the top quarter of labels against the bottom quarter. Null when the two cannot be
    /// told apart.
    /// </summary>
    public static ScoreScale? Fit(IReadOnlyList<Post> posts, IReadOnlyDictionary<string, double> scores, Func<Post, bool?>? anchor = null)
    {
        var scored = posts.Where(p => scores.ContainsKey(p.PostId)).ToList();
        var clean = new List<double>();
        var ruined = new List<double>();
        foreach (var p in scored)
        {
            if (anchor?.Invoke(p) is bool isClean)
                (isClean ? clean : ruined).Add(scores[p.PostId]);
        }
        if (clean.Count == 0 || ruined.Count == 0)
        {
            var byLabel = scored.OrderBy(p => p.Label).ToList();
            int quarter = byLabel.Count / 4;
            if (quarter == 0)
                return null;
            ruined = byLabel.Take(quarter).Select(p => scores[p.PostId]).ToList();
            clean = byLabel.Skip(byLabel.Count - quarter).Select(p => scores[p.PostId]).ToList();
        }
        double c = Median(clean),
            r = Median(ruined);
        return c > r ? new ScoreScale(c, r) : null;
    }

    static double Median(List<double> values)
    {
        values.Sort();
        int n = values.Count;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    public string ToJson() => string.Create(CultureInfo.InvariantCulture, $"{{\"clean\": {Clean:R}, \"ruined\": {Ruined:R}}}");

    /// <summary>The scale in a model's metadata; null when the model has none (made before scales, or unfit).</summary>
    public static ScoreScale? From(IReadOnlyDictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue(MetadataKey, out var json))
            return null;
        try
        {
            using var doc = JsonDocument.Parse(json);
            double c = doc.RootElement.GetProperty("clean").GetDouble(),
                r = doc.RootElement.GetProperty("ruined").GetDouble();
            return double.IsFinite(c) && double.IsFinite(r) && c > r ? new ScoreScale(c, r) : null;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }
}
