using System.Globalization;
using BestShot.Core.Data;
using BestShot.Core.Imaging;

namespace BestShot.Lab.Synth;

/// <summary>What `bench cull` builds: how many frames, how large, from which photos.</summary>
public sealed record ShootSynthOptions
{
    /// <summary>Folder of real photos; null draws abstract pictures instead.</summary>
    public string? Photos { get; init; }
    public int Frames { get; init; } = 600;
    public int Seed { get; init; } = 0;

    /// <summary>Long side of the written frames, in pixels.</summary>
    public int LongSide { get; init; } = 640;

    /// <summary>
    /// A folder as a copy leaves it: no EXIF, every file with one modification time, and every scene from a different
    /// source photo (distinct photos of similar subjects side by side with real near-duplicate bursts).
    /// </summary>
    public bool Copied { get; init; }
}

/// <summary>One written frame and the truth about it.</summary>
/// <param name="Scene">Frames of one scene form one moment; the grouping is judged against this.</param>
/// <param name="Kind">burst, single, bracket or panorama.</param>
/// <param name="Spoil">How the frame was spoiled (motion blur, missed focus, local blur, under, over), or empty.</param>
public sealed record ShootFrame(string File, string Scene, string Kind, string Spoil, string Camera, DateTimeOffset Time)
{
    public bool Spoiled => Spoil.Length > 0;
}

/// <summary>
/// A synthetic shoot for `bench cull`, from real photos: bursts of 3–12 frames that differ by small shifts, zooms and
/// exposure steps, about a quarter of them spoiled (motion blur, missed focus, a blurred patch like closed eyes,
/// under- and over-exposure); singletons; exposure brackets (EV bias in EXIF) and panorama sweeps; a second camera
/// whose scenes overlap the first one's in time; and scenes that start within a second of the one before but show
/// something else, so time alone cannot group. Frames carry EXIF capture times 0.1–0.5 s apart within a burst.
/// Writing is resumable: frames already on disk are kept, and the truth is a pure function of the seed.
/// </summary>
public static partial class ShootSynth
{
    public const string TruthFile = "truth.csv";

    /// <summary>The one modification time of every file of a copied shoot (`cp` without -p gives near-identical ones).</summary>
    static readonly DateTime CopyTime = new(2026, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    public static List<ShootFrame> Write(string folder, ShootSynthOptions o, Action<int, int>? progress = null)
    {
        Directory.CreateDirectory(folder);
        var sources = o.Photos != null && Directory.Exists(o.Photos) ? PhotoFiles.Find(o.Photos) : [];
        var rng = new Random(o.Seed);
        // A copied folder's scenes each take their own source: two scenes of one source would be a burst split in two.
        // Its own generator, so the EXIF shoots of a seed stay what they were before copied shoots existed.
        var order = new Random(o.Seed + 7);
        var unused = Enumerable.Range(0, Math.Max(1, sources.Count)).OrderBy(_ => order.Next()).ToList();
        var frames = new List<ShootFrame>();
        var clock = new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.FromHours(2));
        var lastStartA = clock;
        int scene = 0;
        while (frames.Count < o.Frames)
        {
            scene++;
            double r = rng.NextDouble();
            string kind =
                o.Copied ? (r < 0.45 ? "burst" : "single")
                : r < 0.62 ? "burst"
                : r < 0.86 ? "single"
                : r < 0.93 ? "bracket"
                : "panorama";
            bool cameraB = !o.Copied && rng.NextDouble() < 0.15;
            // Camera B shoots at the same time as camera A: only the camera tells their frames apart.
            var start = cameraB ? lastStartA.AddSeconds(rng.NextDouble() * 0.5) : clock.AddSeconds(SceneGap(rng));
            int sourceIndex = rng.Next(Math.Max(1, sources.Count));
            if (o.Copied)
                sourceIndex = unused[(scene - 1) % unused.Count];
            int seed = rng.Next();
            var plan = Plan(kind, rng).Take(o.Frames - frames.Count).ToList();
            var written = Render(sources, sourceIndex, seed, plan, start, o, folder, scene, kind, cameraB ? "B" : "A");
            frames.AddRange(written);
            if (!cameraB)
            {
                lastStartA = start;
                clock = written[^1].Time;
            }
            progress?.Invoke(frames.Count, o.Frames);
        }
        if (o.Copied)
            foreach (var f in frames)
                File.SetLastWriteTimeUtc(Path.Combine(folder, f.File), CopyTime);
        WriteTruth(Path.Combine(folder, TruthFile), frames);
        return frames;
    }

    /// <summary>Seconds between one scene's last frame and the next one's first: often long, often under a second.</summary>
    static double SceneGap(Random rng) => rng.NextDouble() < 0.45 ? 0.3 + 1.2 * rng.NextDouble() : 5 + 115 * rng.NextDouble();

    /// <summary>Each frame's time offset, exposure bias (EV) and, for panoramas, the window's left edge (0–1).</summary>
    sealed record FramePlan(double Seconds, double Bias, double Pan, string Spoil);

    static List<FramePlan> Plan(string kind, Random rng)
    {
        var plan = new List<FramePlan>();
        switch (kind)
        {
            case "single":
                plan.Add(new(0, 0, 0, rng.NextDouble() < 0.25 ? SpoilKind(rng) : ""));
                break;
            case "bracket":
                double[] evs = rng.NextDouble() < 0.5 ? [0, -2, 2] : [0, -1, 1, -2, 2];
                double t = 0;
                foreach (var ev in evs)
                    plan.Add(new(t += 0.15 + 0.15 * rng.NextDouble(), ev, 0, ""));
                break;
            case "panorama":
                double tp = 0;
                for (int i = 0; i < 5; i++)
                    plan.Add(new(tp += 0.8 + 1.0 * rng.NextDouble(), 0, i * 0.15, ""));
                break;
            default:
                int n = 3 + rng.Next(10);
                double tb = 0;
                for (int i = 0; i < n; i++)
                    plan.Add(new(tb += 0.1 + 0.4 * rng.NextDouble(), 0, 0, rng.NextDouble() < 0.25 ? SpoilKind(rng) : ""));
                if (plan.All(p => p.Spoil.Length > 0))
                    plan[rng.Next(n)] = plan[0] with { Spoil = "" };
                break;
        }
        return plan;
    }

    static readonly string[] Spoils = ["motion blur", "missed focus", "local blur", "under-exposed", "over-exposed"];

    static string SpoilKind(Random rng) => Spoils[rng.Next(Spoils.Length)];

    static List<ShootFrame> Render(
        List<string> sources,
        int sourceIndex,
        int seed,
        List<FramePlan> plan,
        DateTimeOffset start,
        ShootSynthOptions o,
        string folder,
        int scene,
        string kind,
        string camera
    )
    {
        var rng = new Random(seed);
        var names = plan.Select((_, i) => Path.Combine(folder, $"s{scene:D5}_{i:D2}.jpg")).ToList();
        RgbImage? source = null;
        var result = new List<ShootFrame>();
        // The scene: a window of the source covering 70–90 % of it (a panorama sweeps a narrower one across it).
        double sceneFrac = kind == "panorama" ? 0.4 : 0.7 + 0.2 * rng.NextDouble();
        double cx = rng.NextDouble(),
            cy = rng.NextDouble();
        for (int i = 0; i < plan.Count; i++)
        {
            var p = plan[i];
            var time = start.AddSeconds(p.Seconds);
            time = time.AddTicks(-(time.Ticks % TimeSpan.TicksPerMillisecond)); // EXIF keeps milliseconds
            result.Add(new ShootFrame(Path.GetFileName(names[i]), $"s{scene:D5}", kind, p.Spoil, camera, time));
            double jitterX = (rng.NextDouble() - 0.5) * 0.04,
                jitterY = (rng.NextDouble() - 0.5) * 0.04,
                zoom = 1 + 0.05 * rng.NextDouble(),
                gain = kind == "burst" ? 0.92 + 0.16 * rng.NextDouble() : 1;
            int spoilSeed = rng.Next();
            if (File.Exists(names[i]))
                continue;
            source ??= Source(sources, sourceIndex, o.LongSide);
            var frame = Frame(source, kind, sceneFrac, cx, cy, p.Pan, jitterX, jitterY, zoom, o.LongSide);
            frame = Degrade.Exposure(frame, gain * Math.Pow(2, p.Bias));
            frame = Spoil(frame, p.Spoil, new Random(spoilSeed));
            if (o.Copied)
                ImageEncoder.SaveJpeg(frame, names[i], 90);
            else
                ExifJpeg.Write(frame, names[i], 90, new ExifJpeg.Tags(time, $"BenchCam {camera}", $"{camera}00042", p.Bias));
        }
        return result;
    }

    static RgbImage Source(List<string> sources, int index, int longSide)
    {
        if (sources.Count > 0)
        {
            try
            {
                var img = ImageDecoder.Decode(sources[index]);
                double s = Math.Min(1, 1.6 * longSide / Math.Max(img.Width, img.Height));
                return s < 1 ? LanczosResizer.Scale(img, s) : img;
            }
            catch (ImageDecodeException) { }
        }
        return Pattern(index, (int)(1.6 * longSide), (int)(1.07 * longSide));
    }

    static void WriteTruth(string path, List<ShootFrame> frames) =>
        CsvTable.WriteAtomically(
            path,
            ["file", "scene", "kind", "spoil", "camera", "time"],
            frames,
            f => [f.File, f.Scene, f.Kind, f.Spoil, f.Camera, f.Time.ToString("O", CultureInfo.InvariantCulture)]
        );
}
