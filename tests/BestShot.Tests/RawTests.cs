using System.Text.Json;
using BestShot.Core.Imaging;
using SkiaSharp;

namespace BestShot.Tests;

/// <summary>RAW files: scored from their embedded preview, paired with a same-named JPEG, skipped with a reason otherwise.</summary>
[Trait("Category", "Slow")]
public class RawTests
{
    static (byte[] Jpeg, RgbImage Image) Coffee()
    {
        var image = ImageDecoder.Decode(Path.Combine(TestPaths.Samples, "coffee.png"));
        return (ImageEncoder.Encode(image, SKEncodedImageFormat.Jpeg, 92), image);
    }

    [SkippableFact]
    public void ARawIsReadFromItsEmbeddedPreviewWithTheRawsOrientation()
    {
        var (jpeg, image) = Coffee();
        string dir = TestPaths.TempDir("raw");
        string dng = Path.Combine(dir, "IMG_0001.dng"),
            nef = Path.Combine(dir, "DSC_0002.NEF"),
            portrait = Path.Combine(dir, "IMG_0003.DNG");
        RawFixtures.Dng(dng, jpeg, image.Width, image.Height);
        RawFixtures.Nef(nef, jpeg, image.Width, image.Height);
        RawFixtures.Dng(portrait, jpeg, image.Width, image.Height, orientation: 6); // camera turned: rotate 90° clockwise

        Assert.Equal(jpeg, ImageDecoder.ReadFile(dng));
        Assert.Equal(jpeg, ImageDecoder.ReadFile(nef));
        var decoded = ImageDecoder.Decode(dng);
        Assert.Equal((image.Width, image.Height), (decoded.Width, decoded.Height));
        var turned = ImageDecoder.Decode(portrait);
        Assert.Equal((image.Height, image.Width), (turned.Width, turned.Height));
        Assert.True(PhotoFiles.IsPhoto(nef) && PhotoFiles.IsPhoto(Path.Combine(dir, "x.CR3")));

        Skip.IfNot(File.Exists("/usr/bin/exiftool"), "exiftool is missing (.ci/run installs libimage-exiftool-perl)");
        var psi = new System.Diagnostics.ProcessStartInfo("/usr/bin/exiftool", ["-s3", "-n", "-FileType", "-Orientation", portrait])
        {
            RedirectStandardOutput = true,
        };
        using var p = System.Diagnostics.Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.Equal(["DNG", "6"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries)); // the fixture is a DNG to exiftool
    }

    [Fact]
    public void CullTreatsARawAndJpegPairAsOnePhotoAndSkipsAnUnreadableRaw()
    {
        var (jpeg, image) = Coffee();
        string dir = TestPaths.TempDir("raw-shoot");
        RawFixtures.Dng(Path.Combine(dir, "IMG_0001.dng"), jpeg, image.Width, image.Height);
        File.WriteAllBytes(Path.Combine(dir, "IMG_0002.JPG"), ImageEncoder.Encode(Coffee2(image), SKEncodedImageFormat.Jpeg, 92));
        RawFixtures.Nef(Path.Combine(dir, "IMG_0002.NEF"), jpeg, image.Width, image.Height);
        File.WriteAllBytes(Path.Combine(dir, "broken.cr2"), new byte[4096]); // no TIFF, no preview, nothing LibRaw reads
        var before = TestHashes(dir);

        var r = CliRunner.InProcess("cull", dir, "--json", "--no-cache", "--write-xmp");
        using var doc = JsonDocument.Parse(r.Stdout);
        var photos = doc.RootElement.EnumerateArray().SelectMany(g => g.GetProperty("photos").EnumerateArray()).ToList();
        Assert.Equal(
            ["IMG_0001.dng", "IMG_0002.JPG"],
            photos.Select(p => Path.GetFileName(p.GetProperty("path").GetString()!)).Order(StringComparer.Ordinal)
        );
        var pair = photos.Single(p => p.GetProperty("path").GetString()!.EndsWith("IMG_0002.JPG", StringComparison.Ordinal));
        Assert.Equal(Path.Combine(dir, "IMG_0002.NEF"), pair.GetProperty("raw").GetString());
        Assert.Contains("broken.cr2", r.Stderr);
        Assert.Contains("RAW file with no embedded JPEG preview", r.Stderr);
        Assert.Equal(3, r.ExitCode); // some files skipped

        // Both halves of the pair get the verdict, each in its own sidecar.
        string jpgSidecar = File.ReadAllText(Path.Combine(dir, "IMG_0002.JPG.xmp")),
            rawSidecar = File.ReadAllText(Path.Combine(dir, "IMG_0002.NEF.xmp"));
        Assert.Equal(jpgSidecar, rawSidecar);
        Assert.True(File.Exists(Path.Combine(dir, "IMG_0001.dng.xmp")));
        Assert.Equal(before, TestHashes(dir, except: ".xmp"));
    }

    /// <summary>A second scene, so the pair is not grouped with the DNG by time (file times are seconds apart).</summary>
    static RgbImage Coffee2(RgbImage image) => BestShot.Lab.Synth.Degrade.Exposure(image, 0.9);

    static Dictionary<string, string> TestHashes(string dir, string? except = null) =>
        Directory
            .GetFiles(dir)
            .Where(f => except == null || !f.EndsWith(except, StringComparison.Ordinal))
            .ToDictionary(
                f => Path.GetFileName(f),
                f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))
            );
}
