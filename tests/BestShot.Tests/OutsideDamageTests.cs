using BestShot.Core.Imaging;
using BestShot.Lab.Synth;

namespace BestShot.Tests;

/// <summary>
/// Issue 24's outside check: the second generator (Magick.NET's operators) damages each kind more at each severity,
/// keeps the original's size, and writes JPEGs BestShot decodes; its originals are resized to 720–2000 px.
/// </summary>
public class OutsideDamageTests
{
    static double MeanDifference(RgbImage a, RgbImage b)
    {
        long sum = 0;
        for (int i = 0; i < a.Pixels.Length; i++)
            sum += Math.Abs(a.Pixels[i] - b.Pixels[i]);
        return sum / (double)a.Pixels.Length;
    }

    [Fact]
    public void EachKindDamagesMoreAtEachSeverity()
    {
        var source = ImageDecoder.Decode(Path.Combine(TestPaths.Samples, "rocket.jpg"));
        var rng = new Random(5);
        using var original = MagickDamage.Original(source, rng);
        Assert.InRange(Math.Max(original.Width, original.Height), 1u, (uint)Math.Max(source.Width, source.Height));
        var clean = ImageDecoder.Decode(MagickDamage.Jpeg(original, 95, "4:4:4"), "original.jpg", new DecodeOptions());
        foreach (var kind in MagickDamage.Kinds)
        {
            var differences = new[] { 1, 2, 3 }
                .Select(s =>
                {
                    var damaged = ImageDecoder.Decode(
                        MagickDamage.Damaged(original, kind, s, new Random(7)),
                        $"{kind}_{s}.jpg",
                        new DecodeOptions()
                    );
                    Assert.Equal((clean.Width, clean.Height), (damaged.Width, damaged.Height));
                    return MeanDifference(clean, damaged);
                })
                .ToList();
            Assert.True(differences[0] > 0.5, $"{kind} at severity 1 changes almost nothing ({differences[0]:F2} levels)");
            Assert.True(
                differences[0] < differences[1] && differences[1] < differences[2],
                $"{kind}: {string.Join(" / ", differences.Select(d => d.ToString("F2")))} levels at severity 1 / 2 / 3"
            );
        }
    }
}
