using System.Diagnostics;
using BestShot.Core.Data;
using BestShot.Core.Imaging;
using BestShot.Core.Import;
using SkiaSharp;
using Xunit.Abstractions;

namespace BestShot.Tests;

/// <summary>
/// Seeded mutation fuzzing of every reader of user files: each mutated input must end in a result or a one-line
/// error (ImageDecodeException, DatasetException, an import skip), never a crash, hang or other exception.
/// CI runs a short slice; `BESTSHOT_FUZZ_INPUTS=100000 dotnet test --filter FuzzTests` runs a long one.
/// </summary>
[Trait("Category", "Slow")]
public class FuzzTests(ITestOutputHelper output)
{
    static int Inputs => int.TryParse(Environment.GetEnvironmentVariable("BESTSHOT_FUZZ_INPUTS"), out var n) ? n : 2000;
    static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(20);

    [Fact]
    public void ImageDecodersSurviveMutatedFiles()
    {
        var seeds = ImageSeeds();
        var outcomes = Fuzz(
            seeds,
            11,
            (bytes, name) =>
            {
                try
                {
                    var img = ImageDecoder.Decode(bytes, name, Preprocessor.GlobalViewDecode);
                    Assert.True(img.Width > 0 && img.Height > 0);
                    PhotoViews.DetailCrops(bytes, name, 2, img);
                    return "decoded";
                }
                catch (ImageDecodeException e)
                {
                    AssertOneLine(e.Message);
                    return "error";
                }
            }
        );
        Report("image decoders", outcomes);
    }

    [Fact]
    public void PostsTablesSurviveMutatedFiles()
    {
        string dir = TestPaths.TempDir("fuzz-posts");
        // The photos exist, so an unharmed row becomes a post and the fuzzing reaches past the image check.
        for (int i = 0; i < 8; i++)
            File.Copy(Path.Combine(TestPaths.Samples, "rocket.jpg"), Path.Combine(dir, $"img{i}.jpg"));
        var csv =
            "post_id,user_id,image_path,likes,followers,following,post_time,scrap_time\n"
            + string.Join(
                "\n",
                Enumerable
                    .Range(0, 8)
                    .Select(i => $"p{i},u{i % 2},img{i}.jpg,{100 + i * 7},5000,300,{1_700_000_000 + i * 86400},2024-06-01T00:00:00Z")
            )
            + "\n";
        var jsonl =
            string.Join(
                "\n",
                Enumerable
                    .Range(0, 8)
                    .Select(i =>
                        $"{{\"post_id\":\"p{i}\",\"user_id\":\"u{i % 2}\",\"image_path\":\"img{i}.jpg\",\"likes\":{100 + i},"
                        + $"\"followers\":5000,\"following\":300,\"post_time\":{1_700_000_000 + i * 86400},\"scrap_time\":1800000000}}"
                    )
            ) + "\n";
        var seeds = new List<(string, byte[])>
        {
            ("posts.csv", System.Text.Encoding.UTF8.GetBytes(csv)),
            ("posts.jsonl", System.Text.Encoding.UTF8.GetBytes(jsonl)),
        };
        int counter = 0;
        var outcomes = Fuzz(
            seeds,
            12,
            (bytes, name) =>
            {
                string path = Path.Combine(dir, $"{Interlocked.Increment(ref counter)}{Path.GetExtension(name)}");
                File.WriteAllBytes(path, bytes);
                try
                {
                    return Import(path);
                }
                finally
                {
                    File.Delete(path);
                }
            }
        );
        Report("posts tables (CSV, JSON Lines)", outcomes);
    }

    [SkippableFact]
    public void InstaloaderMetadataSurvivesMutatedFiles()
    {
        TestPaths.RequireShared();
        var seeds = Directory
            .GetFiles(TestPaths.Spacex, "*.json.xz")
            .Order()
            .Take(4)
            .Select(f => (Path.GetFileName(f), File.ReadAllBytes(f)))
            .ToList();
        string root = TestPaths.TempDir("fuzz-instaloader");
        int counter = 0;
        var outcomes = Fuzz(
            seeds,
            13,
            (bytes, name) =>
            {
                // One profile folder holding the mutated metadata file.
                string profile = Path.Combine(root, $"p{Interlocked.Increment(ref counter)}");
                Directory.CreateDirectory(profile);
                File.WriteAllBytes(Path.Combine(profile, name), bytes);
                string photo = name.Replace(".json.xz", ".jpg");
                string original = Path.Combine(TestPaths.Spacex, photo);
                if (File.Exists(original))
                    File.Copy(original, Path.Combine(profile, photo));
                try
                {
                    return Import(profile);
                }
                finally
                {
                    Directory.Delete(profile, true);
                }
            },
            inputs: Math.Max(200, Inputs / 4)
        ); // xz decoding of each input is slower than the other readers
        Report("Instaloader .json.xz", outcomes);
    }

    static string Import(string source)
    {
        var report = new ImportReport();
        try
        {
            var posts = PostImporter.Import(source, new InstaloaderOptions { Followers = 1000, Following = 100 }, report);
            foreach (var (where, reason) in report.Skipped)
                AssertOneLine($"{where}: {reason}");
            return posts.Count > 0 ? "posts" : "all skipped";
        }
        catch (DatasetException e)
        {
            AssertOneLine(e.Message);
            return "error";
        }
    }

    static void AssertOneLine(string message)
    {
        Assert.False(string.IsNullOrWhiteSpace(message));
        Assert.DoesNotContain('\n', message);
    }

    /// <summary>Runs `inputs` mutants of the seeds through `read`, each with a hang limit: outcome counts, one example per
    /// failure.</summary>
    sealed record FuzzResult(Dictionary<string, int> Outcomes, Dictionary<string, string> Examples);

    static FuzzResult Fuzz(List<(string Name, byte[] Bytes)> seeds, int seed, Func<byte[], string, string> read, int? inputs = null)
    {
        var rng = new Random(seed);
        var outcomes = new Dictionary<string, int>();
        var examples = new Dictionary<string, string>();
        int n = inputs ?? Inputs;
        var mutants = new (string Name, byte[] Bytes, int Index)[n];
        for (int i = 0; i < n; i++)
        {
            var (name, bytes) = seeds[rng.Next(seeds.Count)];
            mutants[i] = (name, Mutate(bytes, seeds[rng.Next(seeds.Count)].Bytes, rng), i);
        }
        Parallel.ForEach(
            mutants,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            m =>
            {
                var run = Task.Run(() => read(m.Bytes, m.Name));
                string outcome;
                string? example = null;
                try
                {
                    outcome = run.Wait(HangLimit) ? run.Result : "HANG";
                }
                catch (AggregateException e)
                {
                    outcome = $"CRASH {e.InnerException!.GetType().Name}";
                    example = $"{outcome} (first seen on input {m.Index}, {m.Name}): {e.InnerException.Message.Split('\n')[0]}";
                }
                if (outcome == "HANG")
                    example = $"HANG over {HangLimit.TotalSeconds} s on input {m.Index} ({m.Name})";
                lock (outcomes)
                {
                    outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
                    if (example != null)
                        examples.TryAdd(outcome, example);
                }
            }
        );
        return new FuzzResult(outcomes, examples);
    }

    void Report(string what, FuzzResult result)
    {
        var (outcomes, examples) = result;
        string counts = string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}"));
        output.WriteLine($"{what}: {outcomes.Values.Sum()} inputs: {counts}");
        Assert.True(examples.Count == 0, string.Join("\n", examples.Values));
    }

    /// <summary>One to four of: bit flips, random or boundary bytes, a deleted, repeated or spliced stretch, truncation.</summary>
    static byte[] Mutate(byte[] input, byte[] other, Random rng)
    {
        var b = new List<byte>(input);
        int rounds = 1 + rng.Next(4);
        for (int r = 0; r < rounds && b.Count > 0; r++)
        {
            int at = rng.Next(b.Count);
            switch (rng.Next(7))
            {
                case 0:
                    b[at] ^= (byte)(1 << rng.Next(8));
                    break;
                case 1:
                    for (int k = 0; k < 1 + rng.Next(16) && at + k < b.Count; k++)
                        b[at + k] = (byte)rng.Next(256);
                    break;
                case 2:
                    b[at] = new byte[] { 0x00, 0xFF, 0x7F, 0x80, 0x01, 0xFE }[rng.Next(6)];
                    break;
                case 3:
                    b.RemoveRange(at, Math.Min(b.Count - at, 1 + rng.Next(64)));
                    break;
                case 4:
                    b.InsertRange(at, b.Skip(rng.Next(b.Count)).Take(1 + rng.Next(64)).ToList());
                    break;
                case 5:
                {
                    int from = rng.Next(other.Length);
                    b.InsertRange(at, other.Skip(from).Take(1 + rng.Next(128)));
                    break;
                }
                default:
                    b.RemoveRange(at, b.Count - at);
                    break;
            }
        }
        return b.ToArray();
    }

    /// <summary>Small real pictures in every format the decoder reads: JPEG, PNG, WebP from Skia; GIF and BMP built by hand.</summary>
    static List<(string, byte[])> ImageSeeds()
    {
        using var source = SKBitmap.Decode(Path.Combine(TestPaths.Samples, "rocket.jpg"));
        using var small = source.Resize(new SKImageInfo(48, 32), new SKSamplingOptions(SKFilterMode.Linear));
        using var image = SKImage.FromBitmap(small);
        byte[] Encode(SKEncodedImageFormat f) => image.Encode(f, 80).ToArray();
        var seeds = new List<(string, byte[])>
        {
            ("seed.jpg", Encode(SKEncodedImageFormat.Jpeg)),
            ("seed.png", Encode(SKEncodedImageFormat.Png)),
            ("seed.webp", Encode(SKEncodedImageFormat.Webp)),
            ("seed.bmp", Bmp(small)),
            ("seed.gif", Gif),
            ("restart.jpg", File.ReadAllBytes(Path.Combine(TestPaths.Fixtures, "rocket_restart.jpg"))),
        };
        foreach (var (name, bytes) in seeds)
            Assert.True(SKBitmap.Decode(bytes) != null, $"{name} does not decode");
        return seeds;
    }

    /// <summary>A 24-bit bottom-up BMP of the bitmap.</summary>
    static byte[] Bmp(SKBitmap bmp)
    {
        int stride = (bmp.Width * 3 + 3) & ~3,
            size = 54 + stride * bmp.Height;
        var b = new byte[size];
        b[0] = (byte)'B';
        b[1] = (byte)'M';
        BitConverter.GetBytes(size).CopyTo(b, 2);
        BitConverter.GetBytes(54).CopyTo(b, 10);
        BitConverter.GetBytes(40).CopyTo(b, 14);
        BitConverter.GetBytes(bmp.Width).CopyTo(b, 18);
        BitConverter.GetBytes(bmp.Height).CopyTo(b, 22);
        BitConverter.GetBytes((short)1).CopyTo(b, 26);
        BitConverter.GetBytes((short)24).CopyTo(b, 28);
        for (int y = 0; y < bmp.Height; y++)
        for (int x = 0; x < bmp.Width; x++)
        {
            var c = bmp.GetPixel(x, bmp.Height - 1 - y);
            int at = 54 + y * stride + x * 3;
            (b[at], b[at + 1], b[at + 2]) = (c.Blue, c.Green, c.Red);
        }
        return b;
    }

    /// <summary>The classic 1×1 GIF89a (43 bytes).</summary>
    static readonly byte[] Gif = Convert.FromHexString(
        "47494638396101000100800000FFFFFF00000021F90401000000002C00000000010001000002024401003B"
    );
}
