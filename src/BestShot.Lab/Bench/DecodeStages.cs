using System.Diagnostics;
using BestShot.Core.Imaging;

namespace BestShot.Lab.Bench;

/// <summary>
/// Where a photo's decode time goes, on one thread: reading the file, the scaled decode behind the global view, the
/// Lanczos resize to 224, and the native-resolution band behind the detail crops. It explains the 12 MP / 1080 px
/// ratio: the scaled decode still entropy-decodes every block of the file, so it grows with the pixel count.
/// </summary>
public static class DecodeStages
{
    /// <summary>Milliseconds per photo for each stage, and the measured files' mean size.</summary>
    public sealed record Costs(double ReadMs, double ScaledDecodeMs, double ResizeMs, double BandMs, double FileKB)
    {
        public double TotalMs => ReadMs + ScaledDecodeMs + ResizeMs + BandMs;
    }

    public static Costs Measure(IReadOnlyList<string> files, int crops, int maxFiles = 24)
    {
        var picked = files.Take(maxFiles).ToList();
        double read = 0,
            decode = 0,
            resize = 0,
            band = 0,
            bytes = 0;
        var clock = new Stopwatch();
        for (int pass = 0; pass < 2; pass++) // the first pass warms the JIT and the page cache
        {
            read = decode = resize = band = 0;
            foreach (var file in picked)
            {
                clock.Restart();
                var data = ImageDecoder.ReadFile(file);
                read += clock.Elapsed.TotalMilliseconds;
                if (pass == 1)
                    bytes += data.Length;
                clock.Restart();
                var scaled = ImageDecoder.Decode(data, file, Preprocessor.GlobalViewDecode);
                decode += clock.Elapsed.TotalMilliseconds;
                clock.Restart();
                var global = Preprocessor.CenterView(scaled);
                resize += clock.Elapsed.TotalMilliseconds;
                clock.Restart();
                if (crops > 0)
                    PhotoViews.DetailCrops(data, file, crops, global);
                band += clock.Elapsed.TotalMilliseconds;
            }
        }
        int n = Math.Max(1, picked.Count);
        return new Costs(read / n, decode / n, resize / n, band / n, bytes / n / 1024);
    }
}
