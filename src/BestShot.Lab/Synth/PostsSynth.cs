using System.Text.Json;
using BestShot.Core.Data;
using BestShot.Core.Imaging;

namespace BestShot.Lab.Synth;

public sealed record SynthResult(IReadOnlyList<Post> Posts, int ValidationPairs, double CeilingAccuracy, string CeilingPath);

/// <summary>
/// A dataset with a known answer, for testing training against a ceiling. Each post's likes come from
///   log(likes) = log(base_u) − ImageEffect·s + AgeEffect·log(days+1) + Noise·ε,
/// where s ∈ [0,1] is the strength of a degradation applied to the photo (Gaussian blur up to σ = 3% of the short
/// side together with under-exposure down to 45% gain), so it is plainly visible in the 224 view.
/// A perfect model knows s and the metadata but not ε; its pairwise accuracy on the validation pairs is the ceiling.
/// </summary>
public static class PostsSynth
{
    public static SynthResult Write(string outFolder, PostsSynthOptions o, Action<int, int>? progress = null)
    {
        var photos = o.Photos == null ? [] : PhotoFiles.Find(o.Photos);
        if (o.Photos != null && photos.Count == 0)
            throw new DatasetException($"{o.Photos}: no photos found");
        if (o.Users < 2 || o.PostsPerUser < 2)
            throw new ArgumentException("synth needs at least 2 users with 2 posts each");
        var rng = new Random(o.Seed);
        string images = Path.Combine(outFolder, "images");
        Directory.CreateDirectory(images);

        long scrape = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        var posts = new List<Post>();
        var truth = new Dictionary<string, double>(); // post id → the part of the label a perfect model can know
        int total = o.Users * o.PostsPerUser,
            done = 0;
        for (int u = 0; u < o.Users; u++)
        {
            string user = $"user{u:D4}";
            double logBase = Math.Log(50 + rng.NextDouble() * 2000);
            double followers = Math.Round(Math.Exp(logBase) * (20 + rng.NextDouble() * 40));
            double following = Math.Round(100 + rng.NextDouble() * 1500);
            var rows = new List<(string Id, string File, double Known, double LogLikes, long PostTime)>();
            for (int i = 0; i < o.PostsPerUser; i++)
            {
                string id = $"{user}_{i:D3}";
                double s = rng.NextDouble();
                double days = 2 + rng.NextDouble() * 200;
                long postTime = scrape - (long)(days * 86400);
                var photo =
                    photos.Count > 0
                        ? Shrink(
                            ImageDecoder.Decode(photos[rng.Next(photos.Count)], new DecodeOptions { MinShortSide = o.ImageSize }),
                            o.ImageSize
                        )
                        : Generated(rng, o.ImageSize);
                var degraded = Degrade.Exposure(Degrade.GaussianBlur(photo, s * 0.03 * o.ImageSize), 1 - 0.55 * s);
                string file = Path.Combine("images", id + ".jpg");
                ImageEncoder.SaveJpeg(degraded, Path.Combine(outFolder, file), 92);
                double known = -o.ImageEffect * s + o.AgeEffect * Math.Log(days + 1);
                rows.Add((id, file, known, logBase + known + o.Noise * Degrade.Gaussian(rng), postTime));
                progress?.Invoke(++done, total);
            }
            double avg = rows.Average(r => Math.Exp(r.LogLikes));
            foreach (var r in rows)
            {
                posts.Add(
                    new Post
                    {
                        PostId = r.Id,
                        UserId = user,
                        ImagePath = r.File,
                        Likes = Math.Max(1, Math.Round(Math.Exp(r.LogLikes))),
                        AvgLikes = avg,
                        Followers = followers,
                        Following = following,
                        PostTime = r.PostTime,
                        ScrapTime = scrape,
                    }
                );
                truth[r.Id] = r.Known;
            }
        }
        // Likes were rounded to whole numbers; the average is of the rounded likes, as an importer would compute it.
        posts = posts
            .GroupBy(p => p.UserId)
            .SelectMany(g =>
            {
                double avg = g.Average(p => p.Likes);
                return g.Select(p => p with { AvgLikes = avg });
            })
            .ToList();
        DatasetFile.Write(outFolder, posts);

        var absolute = posts.Select(p => p with { ImagePath = Path.GetFullPath(Path.Combine(outFolder, p.ImagePath)) }).ToList();
        var pairs = SplitAndPairs.Pairs(SplitAndPairs.SplitByUser(absolute, o.SplitSeed).Validation, o.SplitSeed);
        var scored = pairs.Where(p => !p.IsTie).ToList();
        double ceiling = EvalFigures.Accuracy(scored, truth);
        string ceilingPath = Path.Combine(outFolder, "synth.json");
        AtomicFile.WriteAllText(
            ceilingPath,
            JsonSerializer.Serialize(
                new
                {
                    kind = "posts",
                    ceiling_pairwise_accuracy = ceiling,
                    validation_pairs = scored.Count,
                    split_seed = o.SplitSeed,
                    options = o,
                    formula = "log(likes) = log(base_u) - image_effect*s + age_effect*log(days+1) + noise*N(0,1); "
                        + "s = degradation strength (blur + under-exposure)",
                },
                new JsonSerializerOptions { WriteIndented = true }
            )
        );
        return new SynthResult(posts, scored.Count, ceiling, ceilingPath);
    }

    static RgbImage Shrink(RgbImage image, int shortSide)
    {
        return image.ShortSide <= shortSide ? image : LanczosResizer.Scale(image, (double)shortSide / image.ShortSide);
    }

    /// <summary>An abstract picture: a two-colour gradient with a few discs and bars, sharp-edged so blur shows.</summary>
    static RgbImage Generated(Random rng, int size)
    {
        int w = size * 4 / 3,
            h = size;
        var img = new RgbImage(w, h);
        var c0 = new[] { rng.Next(256), rng.Next(256), rng.Next(256) };
        var c1 = new[] { rng.Next(256), rng.Next(256), rng.Next(256) };
        var shapes = Enumerable
            .Range(0, 6)
            .Select(_ =>
                (
                    X: rng.Next(w),
                    Y: rng.Next(h),
                    R: 10 + rng.Next(size / 4),
                    Disc: rng.Next(2) == 0,
                    C: new[] { rng.Next(256), rng.Next(256), rng.Next(256) }
                )
            )
            .ToArray();
        for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
        {
            double t = (double)y / h;
            int o = (y * w + x) * 3;
            for (int c = 0; c < 3; c++)
                img.Pixels[o + c] = (byte)(c0[c] * (1 - t) + c1[c] * t);
            foreach (var s in shapes)
            {
                bool inside = s.Disc
                    ? (x - s.X) * (x - s.X) + (y - s.Y) * (y - s.Y) < s.R * s.R
                    : Math.Abs(x - s.X) < s.R && Math.Abs(y - s.Y) < s.R / 4;
                if (inside)
                    for (int c = 0; c < 3; c++)
                        img.Pixels[o + c] = (byte)s.C[c];
            }
        }
        return img;
    }
}
