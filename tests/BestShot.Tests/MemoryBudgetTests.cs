using System.Diagnostics;
using System.IO.Compression;
using BestShot.Core.Imaging;
using ImageMagick;
using SkiaSharp;

namespace BestShot.Tests;

/// <summary>
/// Issue 23's memory budget: huge images decode shrunk, a photo is read only as far as its image goes, and the decodes
/// in flight are bounded by their size. Peak memory is measured on the real CLI with GNU time.
/// </summary>
[Trait("Category", "Slow")]
public class MemoryBudgetTests(Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>A 9999×9999 RGB PNG of horizontal bands, a few hundred KB: 400 MB of RGBA when decoded whole.</summary>
    internal static void WriteBombPng(string path, int size = 9999)
    {
        using var file = File.Create(path);
        file.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, size);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), size);
        header[8] = 8;
        header[9] = 2;
        HugePng.Chunk(file, "IHDR", header);
        var idat = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionLevel.Fastest, leaveOpen: true))
        {
            var row = new byte[1 + size * 3];
            for (int y = 0; y < size; y++)
            {
                byte shade = (byte)(y * 256 / size);
                for (int x = 0; x < size; x++)
                    (row[1 + 3 * x], row[2 + 3 * x], row[3 + 3 * x]) = (shade, (byte)(255 - shade), 128);
                z.Write(row);
            }
        }
        HugePng.Chunk(file, "IDAT", idat.ToArray());
        HugePng.Chunk(file, "IEND", []);
    }

    [SkippableFact]
    public void AFolderOfHundredMegapixelBombsRanksUnderOneGigabyte()
    {
        Skip.IfNot(File.Exists("/usr/bin/time"), "GNU time (/usr/bin/time, Debian's `time`) measures the peak; .ci/run installs it");
        string dir = TestPaths.TempDir("memory"),
            cache = Path.Combine(dir, "cache.sqlite"),
            photos = Path.Combine(dir, "photos"),
            timing = Path.Combine(dir, "time.txt");
        Directory.CreateDirectory(photos);
        for (int i = 0; i < 2; i++)
            WriteBombPng(Path.Combine(photos, $"bomb{i}.png"));
        // A progressive JPEG: libjpeg holds all of its coefficients, even for a scaled decode.
        using (var img = new MagickImage(MagickColors.SkyBlue, 9000, 6000))
        {
            img.Settings.Interlace = Interlace.Jpeg;
            img.Quality = 85;
            img.Write(Path.Combine(photos, "progressive.jpg"), MagickFormat.Jpeg);
        }
        // A photo followed by a gigabyte of zeros (sparse on disk), and the same photo without them.
        var ranked = new Dictionary<string, double>();
        string sample = Path.Combine(TestPaths.RepoRoot, "samples", "rocket.jpg");
        File.Copy(sample, Path.Combine(photos, "plain.jpg"));
        File.Copy(sample, Path.Combine(photos, "tail.jpg"));
        using (var tail = new FileStream(Path.Combine(photos, "tail.jpg"), FileMode.Open))
            tail.SetLength(tail.Length + (1000L << 20));

        // rank, then cull (which also looks at every photo: faces, eyes, lines), each with a cache of its own.
        foreach (var command in new[] { "rank", "cull" })
        {
            var run = CliRunner.Run(
                CliRunner.Through("/usr/bin/time", ["-f", "%M", "-o", timing], command, photos, "--json", "--cache", cache + command)
            );
            Assert.True(run.ExitCode == 0, run.Stderr);
            long peakKb = long.Parse(File.ReadAllText(timing).Trim().Split('\n')[^1]);
            output.WriteLine($"{command}: peak resident memory {peakKb / 1024} MB");
            Assert.True(peakKb * 1024L < 1_000_000_000L, $"{command}: peak resident memory {peakKb / 1024} MB");
            if (command == "cull")
                Assert.Equal(
                    5,
                    System
                        .Text.Json.JsonDocument.Parse(run.Stdout)
                        .RootElement.EnumerateArray()
                        .Sum(m => m.GetProperty("photos").GetArrayLength())
                );
            else
                ranked = System
                    .Text.Json.JsonDocument.Parse(run.Stdout)
                    .RootElement.EnumerateArray()
                    .ToDictionary(e => Path.GetFileName(e.GetProperty("path").GetString()!), e => e.GetProperty("score").GetDouble());
        }
        Assert.Equal(5, ranked.Count); // every bomb ranked, none refused
        Assert.Equal(ranked["plain.jpg"], ranked["tail.jpg"]); // the zeros after the image were never read
    }

    [Fact]
    public void ReadingStopsWhereTheImageEnds()
    {
        byte[] jpeg = File.ReadAllBytes(Path.Combine(TestPaths.RepoRoot, "samples", "rocket.jpg"));
        byte[] tail = Enumerable.Repeat((byte)0xFF, 5000).Concat(new byte[] { 0xD9 }).ToArray();
        Assert.Equal(jpeg, ImageExtent.Read(new MemoryStream([.. jpeg, .. tail]), "x.jpg", 1 << 30));

        // An APP1 segment carrying an EXIF thumbnail has its own end-of-image inside: the segment's length skips it.
        byte[] thumb = [0xFF, 0xD8, 0xFF, 0xD9];
        byte[] app1 = [0xFF, 0xE1, 0, (byte)(2 + thumb.Length), .. thumb];
        byte[] withThumb = [.. jpeg[..2], .. app1, .. jpeg[2..]];
        Assert.Equal(withThumb, ImageExtent.Read(new MemoryStream([.. withThumb, .. tail]), "x.jpg", 1 << 30));

        using var bitmap = new SKBitmap(40, 30);
        bitmap.Erase(SKColors.Coral);
        byte[] png = bitmap.Encode(SKEncodedImageFormat.Png, 100).ToArray();
        Assert.Equal(png, ImageExtent.Read(new MemoryStream([.. png, .. new byte[3000]]), "x.png", 1 << 30));

        // A file of no known structure is read whole, and refused past the limit.
        byte[] other = new byte[5000];
        Assert.Equal(other, ImageExtent.Read(new MemoryStream(other), "x.bmp", 1 << 30));
        Assert.Throws<ImageDecodeException>(() => ImageExtent.Read(new MemoryStream(other), "x.bmp", 4096));
    }

    [Fact]
    public void ALargePngDecodesShrunkAsTheWholeDecodeShrunkWould()
    {
        string dir = TestPaths.TempDir("memory"),
            path = Path.Combine(dir, "big.png");
        // 18 MP of real photo content (above the 16 MP line), so the row-by-row path runs.
        using (var img = new MagickImage(Path.Combine(TestPaths.RepoRoot, "samples", "rocket.jpg")))
        {
            img.Resize(new MagickGeometry(5200, 3500) { IgnoreAspectRatio = true });
            img.Write(path, MagickFormat.Png24);
        }
        var shrunk = ImageDecoder.Decode(path, new DecodeOptions { MinShortSide = 224 });
        Assert.Equal((5200 / 15, 3500 / 15), (shrunk.Width, shrunk.Height)); // 15 = 3500 / 224, rounded down

        using var full = SKBitmap.Decode(path);
        double diff = 0;
        for (int y = 0; y < shrunk.Height; y += 7)
        for (int x = 0; x < shrunk.Width; x += 7)
        {
            double r = 0;
            for (int j = 0; j < 15; j++)
            for (int i = 0; i < 15; i++)
                r += full.GetPixel(x * 15 + i, y * 15 + j).Red;
            diff = Math.Max(diff, Math.Abs(r / 225 - shrunk.Pixels[(y * shrunk.Width + x) * 3]));
        }
        Assert.True(diff <= 1, $"box average differs from the full decode by {diff} levels");
    }

    [Theory]
    [InlineData("palette")]
    [InlineData("gray16")]
    [InlineData("rgba")]
    [InlineData("gray2")]
    public void PngRowsMatchSkiaForEachColourType(string kind)
    {
        using var img = new MagickImage(Path.Combine(TestPaths.RepoRoot, "samples", "rocket.jpg"));
        img.Resize(97, 61);
        switch (kind)
        {
            case "palette":
                img.Format = MagickFormat.Png8;
                break;
            case "gray16":
                img.ColorType = ColorType.Grayscale;
                img.Depth = 16;
                img.Format = MagickFormat.Png;
                break;
            case "gray2":
                img.ColorType = ColorType.Grayscale;
                img.Quantize(new QuantizeSettings { Colors = 4, ColorSpace = ColorSpace.Gray });
                img.Format = MagickFormat.Png;
                img.Settings.SetDefine(MagickFormat.Png, "bit-depth", "2");
                break;
            default:
                img.Alpha(AlphaAction.Set);
                img.Evaluate(Channels.Alpha, EvaluateOperator.Multiply, 0.5);
                img.Format = MagickFormat.Png32;
                break;
        }
        // Without colour chunks (gAMA, cHRM): Skia would colour-manage by them, PngRows reads the values as sRGB.
        img.Settings.SetDefine(MagickFormat.Png, "exclude-chunks", "gAMA,cHRM,sRGB,iCCP,bKGD");
        byte[] png = img.ToByteArray();
        using var rows = PngRows.Open(png)!;
        Assert.NotNull(rows);
        var skia = ImageDecoder.Decode(png, "x.png", new DecodeOptions());
        var rgb = new byte[rows.Width * 3];
        int worst = 0;
        for (int y = 0; y < rows.Height; y++)
        {
            rows.Next(rgb);
            for (int i = 0; i < rgb.Length; i++)
                worst = Math.Max(worst, Math.Abs(rgb[i] - skia.Pixels[y * rgb.Length + i]));
        }
        Assert.True(worst <= 2, $"{kind}: {worst} levels from Skia's decode");
    }

    [Fact]
    public async Task LeasesWaitWhileTheBudgetIsSpentAndCancellationEndsTheWait()
    {
        // The budget is process-wide; this test only adds leases that fit beside any other test's.
        long capacity = DecodeBudget.Capacity;
        using var big = DecodeBudget.Take(capacity - DecodeBudget.InUse);
        var waiting = Task.Run(() =>
        {
            using var lease = DecodeBudget.Take(capacity / 2);
            return lease.Bytes;
        });
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted); // no room until `big` ends
        using (var cancel = new CancellationTokenSource(300))
            Assert.Throws<OperationCanceledException>(() => DecodeBudget.Take(capacity / 2, cancel.Token));
        big.Dispose();
        Assert.Equal(capacity / 2, await waiting.WaitAsync(TimeSpan.FromSeconds(2)));
    }
}
