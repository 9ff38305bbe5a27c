using BestShot.Core.Imaging;
using SkiaSharp;
using Xunit.Abstractions;

namespace BestShot.Tests;

/// <summary>
/// Issue 23: badly broken JPEGs were ranked, some above their intact source. Mutants of restart-marker-free JPEGs
/// (bit flips and zeroed runs inside the scan), made as the outside check made them; "badly broken" is what a person
/// would see: Skia's own decode fails, changes size, or leaves at least 10 % of the pixels more than 48 levels off.
/// The decoder must refuse at least 90 % of those, and never an intact photo or a re-encoding of one.
/// </summary>
public class BrokenJpegTests(ITestOutputHelper output)
{
    static int Sos(byte[] d)
    {
        for (int i = 2; i < d.Length - 1; i++)
            if (d[i] == 0xFF && d[i + 1] == 0xDA)
                return i;
        return -1;
    }

    static bool HasRestarts(byte[] d)
    {
        for (int i = 2; i < d.Length - 1; i++)
            if (d[i] == 0xFF && d[i + 1] == 0xDD)
                return true;
        return false;
    }

    /// <summary>Skia's decode alone, with none of BestShot's checks: what a viewer would show.</summary>
    static SKBitmap? Raw(byte[] d)
    {
        try
        {
            return SKBitmap.Decode(d);
        }
        catch (Exception)
        {
            return null;
        }
    }

    static bool BadlyBroken(SKBitmap intact, byte[] mutant)
    {
        using var m = Raw(mutant);
        if (m == null || m.Width != intact.Width || m.Height != intact.Height)
            return true;
        int off = 0;
        var a = intact.Pixels;
        var b = m.Pixels;
        for (int i = 0; i < a.Length; i++)
            if (Math.Abs(a[i].Red - b[i].Red) > 48 || Math.Abs(a[i].Green - b[i].Green) > 48 || Math.Abs(a[i].Blue - b[i].Blue) > 48)
                off++;
        return off >= 0.1 * a.Length;
    }

    static bool Refused(byte[] d)
    {
        try
        {
            ImageDecoder.Decode(d, "mutant.jpg", new DecodeOptions());
            return false;
        }
        catch (ImageDecodeException)
        {
            return true;
        }
    }

    [SkippableFact]
    public void BadlyBrokenMutantsAreRefusedAndIntactPhotosNever()
    {
        TestPaths.RequireShared();
        var sources = Directory
            .GetFiles(Path.Combine(TestPaths.SharedPhotos, "bsds500"), "*.jpg")
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllBytes)
            .Where(d => !HasRestarts(d) && Sos(d) > 0)
            .Take(50)
            .ToList();
        Assert.Equal(50, sources.Count);
        var rng = new Random(23);
        int broken = 0,
            passed = 0,
            mutants = 0;
        foreach (var d in sources)
        {
            using var intact = Raw(d)!;
            Assert.False(Refused(d)); // the intact source
            Assert.False(
                Refused(ImageEncoder.Encode(ImageDecoder.Decode(d, "s.jpg", new DecodeOptions()), SKEncodedImageFormat.Jpeg, 80))
            );
            int sos = Sos(d);
            for (int m = 0; m < 40; m++, mutants++)
            {
                var x = (byte[])d.Clone();
                int start = sos + 20 + rng.Next(Math.Max(1, x.Length - sos - 60));
                if (m % 2 == 0)
                    for (int k = 0; k < 1 + rng.Next(16); k++)
                    {
                        int p = start + rng.Next(400);
                        if (p < x.Length - 2)
                            x[p] ^= (byte)(1 << rng.Next(8));
                    }
                else
                    for (int k = 0, run = 16 + rng.Next(2000); k < run && start + k < x.Length - 2; k++)
                        x[start + k] = 0;
                if (!BadlyBroken(intact, x))
                    continue;
                broken++;
                passed += Refused(x) ? 0 : 1;
            }
        }
        output.WriteLine(
            $"{mutants} mutants of 50 restart-free sources; {broken} badly broken; "
                + $"{passed} of them decoded ({100.0 * passed / broken:F1} %)"
        );
        Assert.True(broken >= 500, $"only {broken} badly broken mutants");
        Assert.True(passed <= 0.1 * broken, $"{passed} of {broken} badly broken mutants would be ranked");
    }

    /// <summary>Every JPEG of ../shared/data/photos decodes: the entropy check raises no false alarm.</summary>
    [SkippableFact]
    public void NoIntactReferencePhotoIsCalledCorrupt()
    {
        TestPaths.RequireShared();
        var flagged = PhotoFiles
            .Find(TestPaths.SharedPhotos)
            .Where(p => p.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase))
            .Where(p => JpegEntropy.Problem(File.ReadAllBytes(p)) != null)
            .ToList();
        Assert.Empty(flagged);
    }
}
