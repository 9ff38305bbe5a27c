using BestShot.Core.Data;
using BestShot.Core.Imaging;

namespace BestShot.Lab.Synth;

public sealed record DegradationsSynthOptions
{
    public required string Photos { get; init; }

    /// <summary>Use at most this many source photos (spread evenly over the sorted list); 0 uses all.</summary>
    public int MaxPhotos { get; init; }

    /// <summary>Larger photos are first downscaled to this long side, to keep the dataset a sensible size.</summary>
    public int MaxSide { get; init; } = 1600;
    public int[] Severities { get; init; } = [1, 2, 3];
    public DegradationKind[] Kinds { get; init; } = Degradation.All;

    /// <summary>log(likes ratio) falls by this much per severity step; the original has the most likes.</summary>
    public double LogLikesPerSeverity { get; init; } = 0.35;
    public int Seed { get; init; }

    /// <summary>
    /// Damage by the second, separately written generator (<see cref="MagickDamage"/>) at its own sizes, for reporting
    /// only: never train or choose a recipe on it.
    /// </summary>
    public bool Outside { get; init; }

    /// <summary>
    /// When above 0: each source gets its original and this many <see cref="DamageChains"/> (random chains, continuous
    /// severities) instead of the fixed kinds. Post ids read "&lt;user&gt;__chain&lt;k&gt;".
    /// </summary>
    public int Chains { get; init; }

    public DegradationKind[] KindsWritten => Outside ? MagickDamage.Kinds : Kinds;
}

/// <summary>
/// `synth degradations`: every source photo becomes one "user" whose "posts" are the original and spoiled copies
/// of it. Likes fall with severity, the original has the most, and metadata is identical within a user, so only
/// the image can explain the order. Post ids read "&lt;user&gt;__original" or "&lt;user&gt;__&lt;kind&gt;_&lt;severity&gt;".
/// Splitting by user (train's default) keeps every copy of a photo on one side.
/// </summary>
public static class DegradationsSynth
{
    public static IReadOnlyList<Post> Write(
        string outFolder,
        DegradationsSynthOptions o,
        Action<string, string>? onError = null,
        Action<int, int>? progress = null
    )
    {
        var photos = PhotoFiles.Find(o.Photos);
        if (photos.Count == 0)
            throw new DatasetException($"{o.Photos}: no photos found");
        if (o.MaxPhotos > 0 && photos.Count > o.MaxPhotos)
            photos = Enumerable.Range(0, o.MaxPhotos).Select(i => photos[(int)((long)i * photos.Count / o.MaxPhotos)]).ToList();

        long scrape = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        var rows = new List<Post>[photos.Count];
        int done = 0;
        Parallel.For(
            0,
            photos.Count,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            i =>
            {
                string user = $"photo{i:D4}_{Sanitise(Path.GetFileNameWithoutExtension(photos[i]))}";
                rows[i] = [];
                RgbImage original;
                try
                {
                    original = ImageDecoder.Decode(photos[i]);
                }
                catch (ImageDecodeException e)
                {
                    onError?.Invoke(photos[i], e.Reason);
                    return;
                }
                var rng = new Random(o.Seed * 1_000_003 + i); // not HashCode.Combine: that is randomised per process
                string dir = Path.Combine(outFolder, "images", user);
                Directory.CreateDirectory(dir);
                var variants =
                    o.Outside ? OutsideVariants(user, original, rng)
                    : o.Chains > 0 ? ChainVariants(user, Shrink(original, o.MaxSide), o.Chains, rng)
                    : OwnVariants(user, Shrink(original, o.MaxSide), o, rng);
                foreach (var v in variants)
                {
                    AtomicFile.WriteAllBytes(Path.Combine(dir, v.File), v.Jpeg());
                    rows[i]
                        .Add(
                            new Post
                            {
                                PostId = v.Id,
                                UserId = user,
                                ImagePath = Path.Combine("images", user, v.File),
                                Likes = Math.Round(1000 * Math.Exp(-o.LogLikesPerSeverity * v.Severity)),
                                AvgLikes = 0,
                                Followers = 10_000,
                                Following = 1_000,
                                PostTime = scrape - 10 * 86400,
                                ScrapTime = scrape,
                            }
                        );
                }
                double avg = rows[i].Average(p => p.Likes);
                rows[i] = rows[i].Select(p => p with { AvgLikes = avg }).ToList();
                progress?.Invoke(Interlocked.Increment(ref done), photos.Count);
            }
        );
        var posts = rows.Where(r => r != null).SelectMany(r => r).ToList();
        DatasetFile.Write(outFolder, posts);
        TruthFile.Write(
            Path.Combine(outFolder, "synth.json"),
            new
            {
                kind = "degradations",
                source_photos = photos.Count,
                posts = posts.Count,
                options = new
                {
                    o.MaxSide,
                    o.Severities,
                    kinds = o.KindsWritten.Select(k => k.ToString()),
                    generator = o.Outside ? "outside (Magick.NET; report only, never train on it)"
                    : o.Chains > 0 ? $"own, {o.Chains} random chains per source (DamageChains)"
                    : "own",
                    o.LogLikesPerSeverity,
                    o.Seed,
                    o.MaxPhotos,
                },
                degradations = o.KindsWritten.Select(k => new
                {
                    kind = k.ToString(),
                    name = Degradation.Name(k),
                    severities = o.Severities.Select(s => o.Outside ? MagickDamage.Describe(k, s) : Degradation.Describe(k, s)),
                }),
            }
        );
        return posts;
    }

    sealed record Variant(string Id, string File, double Severity, Func<byte[]> Jpeg);

    static List<Variant> OwnVariants(string user, RgbImage original, DegradationsSynthOptions o, Random rng)
    {
        var variants = new List<Variant> { new($"{user}__original", "original.jpg", 0, () => ImageEncoder.Encode(original, Jpg, 95)) };
        foreach (var kind in o.Kinds)
        foreach (int s in o.Severities)
        {
            var image = Degradation.Apply(original, kind, s, rng); // drawn now, in order: each photo's random stream
            int quality = Degradation.JpegQuality(kind, s);
            variants.Add(new($"{user}__{kind}_{s}", $"{kind}_{s}.jpg", s, () => ImageEncoder.Encode(image, Jpg, quality)));
        }
        return variants;
    }

    static List<Variant> ChainVariants(string user, RgbImage original, int chains, Random rng)
    {
        var variants = new List<Variant> { new($"{user}__original", "original.jpg", 0, () => ImageEncoder.Encode(original, Jpg, 95)) };
        for (int k = 0; k < chains; k++)
        {
            var chain = DamageChains.Make(original, rng);
            variants.Add(
                new($"{user}__chain{k}", $"chain{k}.jpg", chain.Severity, () => ImageEncoder.Encode(chain.Image, Jpg, chain.JpegQuality))
            );
        }
        return variants;
    }

    static List<Variant> OutsideVariants(string user, RgbImage source, Random rng)
    {
        var original = MagickDamage.Original(source, rng);
        var variants = new List<Variant> { new($"{user}__original", "original.jpg", 0, () => MagickDamage.Jpeg(original, 95, "4:4:4")) };
        foreach (var kind in MagickDamage.Kinds)
        foreach (int s in new[] { 1, 2, 3 })
        {
            var bytes = MagickDamage.Damaged(original, kind, s, rng);
            variants.Add(new($"{user}__{kind}_{s}", $"{kind}_{s}.jpg", s, () => bytes));
        }
        return variants;
    }

    const SkiaSharp.SKEncodedImageFormat Jpg = SkiaSharp.SKEncodedImageFormat.Jpeg;

    /// <summary>Reads kind and severity back from a post id; null for the original.</summary>
    public static (DegradationKind Kind, int Severity)? Parse(string postId)
    {
        int at = postId.LastIndexOf("__", StringComparison.Ordinal);
        if (at < 0)
            return null;
        var tail = postId[(at + 2)..];
        int us = tail.LastIndexOf('_');
        if (us < 0 || !Enum.TryParse<DegradationKind>(tail[..us], out var kind) || !int.TryParse(tail[(us + 1)..], out int s))
            return null;
        return (kind, s);
    }

    /// <summary>
    /// The score scale's anchors (<see cref="Core.Score.ScoreScale.Fit"/>): true for a clean original, false for a
    /// copy spoiled at severity 3 or more, null for anything else.
    /// </summary>
    public static bool? ScaleAnchor(Post post) =>
        post.PostId.EndsWith("__original", StringComparison.Ordinal) ? true
        : Parse(post.PostId) is { Severity: >= 3 } ? false
        : null;

    static string Sanitise(string name) => new(name.Select(c => char.IsLetterOrDigit(c) || c == '-' ? c : '_').ToArray());

    static RgbImage Shrink(RgbImage image, int maxSide)
    {
        int longSide = Math.Max(image.Width, image.Height);
        return longSide <= maxSide ? image : LanczosResizer.Scale(image, (double)maxSide / longSide);
    }
}
