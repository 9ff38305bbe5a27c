using BestShot.Core.Data;
using BestShot.Core.Imaging;

namespace BestShot.Lab.Synth;

/// <summary>The dataset written, with its ceiling and what an oracle that knows only the image or the metadata term reaches.</summary>
public sealed record SynthResult(
    IReadOnlyList<Post> Posts,
    int ValidationPairs,
    double CeilingAccuracy,
    string CeilingPath,
    double ImageOnlyAccuracy = double.NaN,
    double MetadataOnlyAccuracy = double.NaN
);

/// <summary>
/// A dataset with a known answer, for testing training against a ceiling. Each post's likes come from
///   log(likes) = log(base_u) + image + AgeEffect·log(days+1) [+ time] + Noise·ε,
/// where the image term depends on the signal (`PostsSignal`): for damage it is −ImageEffect·s, s ∈ [0,1] the strength
/// of a degradation applied to the photo (Gaussian blur up to σ = 3% of the short side together with under-exposure
/// down to 45% gain), plainly visible in the 224 view; for a colour taste the photo's white balance is shifted by
/// t ∈ [−1,1] and the term follows its measured warmth (mean red − blue), standardised to the damage term's spread;
/// for metadata it is zero and the time term, TimeEffect·(cos(2π(hour − 19)/24) + ½·weekend), joins the age.
/// A perfect model knows the image and metadata terms but not ε: its pairwise accuracy on the validation pairs is the
/// ceiling. Two oracles that know only one of the terms say how much of the signal each part carries.
/// </summary>
public static class PostsSynth
{
    sealed record Row(string User, string Id, string File, double Image, double Meta, double Noise, long PostTime);

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
        var rows = new List<Row>();
        var accounts = new Dictionary<string, (double LogBase, double Followers, double Following)>();
        int total = o.Users * o.PostsPerUser,
            done = 0;
        for (int u = 0; u < o.Users; u++)
        {
            string user = $"user{u:D4}";
            double logBase = Math.Log(50 + rng.NextDouble() * 2000);
            accounts[user] = (
                logBase,
                Math.Round(Math.Exp(logBase) * (20 + rng.NextDouble() * 40)),
                Math.Round(100 + rng.NextDouble() * 1500)
            );
            for (int i = 0; i < o.PostsPerUser; i++)
            {
                // The same draws in the same order for every signal: one seed gives the same photos, days and noise.
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
                var (written, image) = Plant(photo, s, o);
                string file = Path.Combine("images", id + ".jpg");
                ImageEncoder.SaveJpeg(written, Path.Combine(outFolder, file), 92);
                double meta =
                    o.AgeEffect * Math.Log(days + 1) + (o.Signal == PostsSignal.Metadata ? o.TimeEffect * TimeCurve(postTime) : 0);
                rows.Add(new Row(user, id, file, image, meta, o.Noise * Degrade.Gaussian(rng), postTime));
                progress?.Invoke(++done, total);
            }
        }
        if (o.Signal == PostsSignal.Colour)
            rows = Standardised(rows, o.ImageEffect);

        var posts = rows.Select(r => new Post
            {
                PostId = r.Id,
                UserId = r.User,
                ImagePath = r.File,
                Likes = Math.Max(1, Math.Round(Math.Exp(accounts[r.User].LogBase + (r.Image + r.Meta) + r.Noise))),
                AvgLikes = 0, // set below, once the account's likes are rounded
                Followers = accounts[r.User].Followers,
                Following = accounts[r.User].Following,
                PostTime = r.PostTime,
                ScrapTime = scrape,
            })
            .ToList();
        // Likes are whole numbers; the average is of the rounded likes, as an importer would compute it.
        posts = posts
            .GroupBy(p => p.UserId)
            .SelectMany(g =>
            {
                double avg = g.Average(p => p.Likes);
                return g.Select(p => p with { AvgLikes = avg });
            })
            .ToList();
        DatasetFile.Write(outFolder, posts);
        return WriteTruth(outFolder, o, posts, rows);
    }

    /// <summary>The photo as posted and its image term of log(likes).</summary>
    static (RgbImage Written, double Image) Plant(RgbImage photo, double s, PostsSynthOptions o) =>
        o.Signal switch
        {
            PostsSignal.Damage => (
                Degrade.Exposure(Degrade.GaussianBlur(photo, s * 0.03 * o.ImageSize), 1 - 0.55 * s),
                -o.ImageEffect * s
            ),
            PostsSignal.Colour => Warmed(TasteSynth.Apply(photo, TastePreference.Warm, 2 * s - 1)),
            _ => (photo, 0),
        };

    /// <summary>Until every photo is written, a colour photo's term is its raw warmth; standardised afterwards.</summary>
    static (RgbImage, double) Warmed(RgbImage image) => (image, TasteSynth.Property(image, TastePreference.Warm));

    static List<Row> Standardised(List<Row> rows, double effect)
    {
        // 0.289 is the standard deviation of the damage term −s for s uniform on [0,1]: both signals equally strong.
        var standard = ZScore.Of(rows.Select(r => r.Image).ToList(), effect * 0.289);
        return rows.Select(r => r with { Image = standard(r.Image) }).ToList();
    }

    /// <summary>Evening posts do best (a peak at 19:00 UTC), weekends a little better.</summary>
    static double TimeCurve(long postTime)
    {
        var t = DateTimeOffset.FromUnixTimeSeconds(postTime).UtcDateTime;
        double hour = t.Hour + t.Minute / 60.0;
        bool weekend = t.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        return Math.Cos(2 * Math.PI * (hour - 19) / 24) + (weekend ? 0.5 : 0);
    }

    static SynthResult WriteTruth(string outFolder, PostsSynthOptions o, List<Post> posts, List<Row> rows)
    {
        var absolute = posts.Select(p => p with { ImagePath = Path.GetFullPath(Path.Combine(outFolder, p.ImagePath)) }).ToList();
        var validation = SplitAndPairs.SplitByUser(absolute, o.SplitSeed).Validation;
        var scored = SplitAndPairs.Pairs(validation, o.SplitSeed).Where(p => !p.IsTie).ToList();
        var every = SplitAndPairs.AllWithinUser(validation).Where(p => !p.IsTie).ToList(); // as eval's `all_pairs`
        double Oracle(Func<Row, double> knows, List<PostPair>? on = null) =>
            EvalFigures.Accuracy(on ?? scored, rows.ToDictionary(r => r.Id, knows));
        double ceiling = Oracle(r => r.Image + r.Meta),
            imageOnly = Oracle(r => r.Image),
            metadataOnly = Oracle(r => r.Meta);
        string ceilingPath = Path.Combine(outFolder, "synth.json");
        TruthFile.Write(
            ceilingPath,
            new
            {
                kind = "posts",
                signal = o.Signal.ToString().ToLowerInvariant(),
                ceiling_pairwise_accuracy = ceiling,
                image_only_pairwise_accuracy = imageOnly,
                metadata_only_pairwise_accuracy = metadataOnly,
                validation_pairs = scored.Count,
                every_pair = new
                {
                    ceiling_pairwise_accuracy = Oracle(r => r.Image + r.Meta, every),
                    image_only_pairwise_accuracy = Oracle(r => r.Image, every),
                    metadata_only_pairwise_accuracy = Oracle(r => r.Meta, every),
                    pairs = every.Count,
                },
                split_seed = o.SplitSeed,
                options = o,
                formula = "log(likes) = log(base_u) + image + age_effect*log(days+1) + noise*N(0,1); image = "
                    + o.Signal switch
                    {
                        PostsSignal.Damage => "-image_effect*s, s = degradation strength (blur + under-exposure)",
                        PostsSignal.Colour => "image_effect*0.289*standardised(mean(R - B)), white balance shifted by 2s - 1",
                        _ => "0, and time_effect*(cos(2*pi*(hour - 19)/24) + 0.5*weekend) joins the age term",
                    },
            }
        );
        return new SynthResult(posts, scored.Count, ceiling, ceilingPath, imageOnly, metadataOnly);
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
