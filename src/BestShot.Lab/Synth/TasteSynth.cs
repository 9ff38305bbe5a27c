using BestShot.Core.Data;
using BestShot.Core.Filter;
using BestShot.Core.Imaging;
using BestShot.Core.Import;
using BestShot.Core.Present;

namespace BestShot.Lab.Synth;

/// <summary>
/// The hidden preference a planted-taste folder's ratings follow. Each photo is first changed by a random amount
/// t ∈ [−1, 1] of the property, so that it varies widely, but the rating follows the property as measured on the
/// written photo: a person sees the photo, not the change, and a model can learn what the pixels show.
/// </summary>
public enum TastePreference
{
    /// <summary>Warmer colour is better: white balance shifted by t (red up, blue down); rated on mean red − blue.</summary>
    Warm,

    /// <summary>A darker mood is better: exposure scaled by 2^(−0.7 t); rated on minus the mean luma.</summary>
    Dark,
}

/// <summary>How `synth taste` plants a preference. Every number here is written into taste.json next to the photos.</summary>
public sealed record TasteSynthOptions
{
    /// <summary>Folder of real photos to draw from (each shoot takes distinct ones; a photo may recur across shoots).</summary>
    public required string Photos { get; init; }
    public int Count { get; init; } = 1000;
    public int MinShoot { get; init; } = 20;
    public int MaxShoot { get; init; } = 60;
    public TastePreference Preference { get; init; } = TastePreference.Warm;

    /// <summary>Standard deviation of the rating noise, in units of t (which spans −1…1): the reason no model reaches 100 %.</summary>
    public double Noise { get; init; } = 0.3;
    public int Seed { get; init; }

    /// <summary>Long side of the written photos, in pixels.</summary>
    public int LongSide { get; init; } = 640;
}

public sealed record TasteSynthResult(int Photos, int Shoots, double CeilingAccuracy, int ValidationPairs, string TruthPath);

/// <summary>
/// A folder of real photos rated by a person with a known, hidden taste: shoots of 20–60 photos (one folder each, a
/// day apart, frames 10 s apart), each photo changed by a random amount of the preferred property, then rated from
/// its measured property v, standardised over the folder to the spread of a uniform −1…1 (σ 0.577):
///   z = 0.577 · (v − mean) / sd + Noise · ε:  stars = clamp(round(3 + 2 z), 1, 5), and a reject when z &lt; −1.1,
/// written to an XMP sidecar (IMG.jpg.xmp) by the same code as the gallery's hand ratings. The ceiling is the
/// pairwise accuracy that v itself gets on the validation pairs `import --ratings` and `eval` will use.
/// </summary>
public static class TasteSynth
{
    public static TasteSynthResult Write(
        string outFolder,
        TasteSynthOptions o,
        Action<string, string>? onSkip = null,
        Action<int, int>? progress = null
    )
    {
        var sources = PhotoFiles.Find(o.Photos);
        if (sources.Count == 0)
            throw new DatasetException($"{o.Photos}: no photos found");
        if (o.MinShoot < 6 || o.MaxShoot < o.MinShoot)
            throw new ArgumentException("shoots need at least 6 photos (the seed's filter), and --max-shoot ≥ --min-shoot");
        var rng = new Random(o.Seed);
        string root = Path.GetFullPath(outFolder);
        var start = new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var photos = new List<(string Name, string Shoot, DateTimeOffset Time, string Source, double T, double V)>();
        int written = 0,
            shoot = 0;
        while (written < o.Count)
        {
            int size = Math.Min(o.Count - written, rng.Next(o.MinShoot, o.MaxShoot + 1));
            if (size < 6 && shoot > 0)
                break; // a remainder too small to be a shoot
            string folder = $"shoot{shoot:D3}";
            Directory.CreateDirectory(Path.Combine(outFolder, folder));
            var picked = sources.OrderBy(_ => rng.Next()).Take(size).ToList();
            for (int i = 0; i < size; i++)
            {
                var source = picked[i % picked.Count];
                RgbImage original;
                try
                {
                    original = Load(source);
                }
                catch (ImageDecodeException e)
                {
                    onSkip?.Invoke(source, e.Reason);
                    continue;
                }
                double t = rng.NextDouble() * 2 - 1;
                string name = $"{folder}/IMG_{i:D4}.jpg";
                var time = start.AddDays(shoot).AddSeconds(10 * i);
                var image = Apply(Shrink(original, o.LongSide), o.Preference, t);
                ExifJpeg.Write(image, Path.Combine(outFolder, name), 92, new ExifJpeg.Tags(time, "Taste", $"T{o.Seed}", 0));
                photos.Add((name, folder, time, Path.GetFileName(source), t, Property(image, o.Preference)));
                progress?.Invoke(++written, o.Count);
            }
            shoot++;
        }

        // Ratings from the measured property, once the whole folder's spread is known; then the sidecars.
        var standard = ZScore.Of(photos.Select(p => p.V).ToList(), 0.577);
        var hidden = new Dictionary<string, double>(); // relative path → v
        var rows = new List<object>();
        var posts = new List<RawPost>();
        var xmp = new XmpOptions { Name = SidecarName.Full, KeeperLabel = "" };
        foreach (var p in photos)
        {
            double z = standard(p.V) + o.Noise * Gaussian(rng);
            int? stars = z < -1.1 ? null : Math.Clamp((int)Math.Round(3 + 2 * z), 1, 5);
            string path = Path.Combine(root, p.Name);
            XmpDecisions.Apply(path, stars == null ? XmpDecisions.Action.Reject : XmpDecisions.Action.Stars, stars ?? 0, xmp);
            hidden[Path.GetRelativePath(root, path)] = p.V; // keyed as the import keys its posts
            rows.Add(
                new
                {
                    path = p.Name,
                    source = p.Source,
                    t = p.T,
                    v = p.V,
                    stars = stars ?? 0,
                }
            );
            posts.Add(RatingsReader.Post(root, path, p.Shoot, stars ?? 0, p.Time.ToUnixTimeSeconds()));
        }

        // The ceiling on the pairs eval will use: the dataset `import --ratings` makes, split as training splits it.
        var split = new SplitOptions().Apply(PostImporter.Validate(posts, new ImportReport()));
        double ceiling = EvalFigures.Accuracy(split.Pairs, hidden);
        string truth = Path.Combine(outFolder, "taste.json");
        TruthFile.Write(
            truth,
            new
            {
                kind = "taste",
                property = o.Preference == TastePreference.Warm ? "mean(R - B) / 255" : "-mean(luma) / 255",
                preference = o.Preference.ToString().ToLowerInvariant(),
                ceiling_pairwise_accuracy = double.IsNaN(ceiling) ? (double?)null : ceiling, // no pairs: nothing to reach
                validation_pairs = split.ScoredPairs,
                formula = "z = 0.577*(v - mean)/sd + noise*N(0,1); stars = clamp(round(3 + 2z), 1, 5); reject when z < -1.1",
                options = o,
                photos = rows,
            }
        );
        return new TasteSynthResult(written, shoot, ceiling, split.ScoredPairs, truth);
    }

    /// <summary>The property the taste follows, as the written photo shows it: mean red − blue, or minus mean luma.</summary>
    public static double Property(RgbImage image, TastePreference preference)
    {
        double sum = 0;
        var p = image.Pixels;
        for (int i = 0; i < p.Length; i += 3)
            sum += preference == TastePreference.Warm ? p[i] - p[i + 2] : -(0.299 * p[i] + 0.587 * p[i + 1] + 0.114 * p[i + 2]);
        return sum / (p.Length / 3) / 255;
    }

    public static RgbImage Apply(RgbImage src, TastePreference preference, double t)
    {
        var dst = new RgbImage(src.Width, src.Height);
        double r = 1,
            g = 1,
            b = 1;
        if (preference == TastePreference.Warm)
            (r, g, b) = (1 + 0.12 * t, 1 + 0.02 * t, 1 - 0.12 * t);
        else
            r = g = b = Math.Pow(2, -0.7 * t);
        for (int i = 0; i < src.Pixels.Length; i += 3)
        {
            dst.Pixels[i] = (byte)Math.Clamp(src.Pixels[i] * r + 0.5, 0, 255);
            dst.Pixels[i + 1] = (byte)Math.Clamp(src.Pixels[i + 1] * g + 0.5, 0, 255);
            dst.Pixels[i + 2] = (byte)Math.Clamp(src.Pixels[i + 2] * b + 0.5, 0, 255);
        }
        return dst;
    }

    static RgbImage Load(string path) => ImageDecoder.Decode(path, new DecodeOptions { MinShortSide = 480 });

    static RgbImage Shrink(RgbImage image, int longSide)
    {
        double f = (double)longSide / Math.Max(image.Width, image.Height);
        return f >= 1 ? image : LanczosResizer.Scale(image, f);
    }

    static double Gaussian(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
