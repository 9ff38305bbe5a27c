using System.Diagnostics;
using System.Text.Json;
using BestShot.Core.Imaging;

namespace BestShot.Tests;

/// <summary>
/// Issue 23: a valid photo whose name is not UTF-8 (a Latin-1 "café" copied from an old camera card or a Windows
/// share) is ranked like any other, its path shown with the byte escaped; only its sidecar is refused, with a line.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[Trait("Category", "Slow")]
public class NonUtf8NameTests
{
    /// <summary>Copies a file to a name given as bytes (the shell's printf writes them; .NET cannot name such a file).</summary>
    static void CopyToByteName(string source, string folder, string printfName)
    {
        using var p = Process.Start("bash", ["-c", $"cp \"$0\" \"$1/$(printf '{printfName}')\"", source, folder])!;
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
    }

    [Fact]
    public void NamesRoundTripAsBytes()
    {
        byte[] latin1 = [(byte)'c', (byte)'a', (byte)'f', 0xE9, (byte)'.', (byte)'j', (byte)'p', (byte)'g'];
        string name = NativePath.FromBytes(latin1);
        Assert.Equal("caf\uDCE9.jpg", name);
        Assert.Equal([.. latin1, 0], NativePath.Bytes(name));
        Assert.Equal("caf\\xE9.jpg", BestShot.Core.Data.SafeText.OneLine(name));
        // Valid UTF-8, astral characters included, is untouched both ways.
        string fine = "café 📷 \U00010080.jpg";
        Assert.Equal(fine, NativePath.FromBytes(System.Text.Encoding.UTF8.GetBytes(fine)));
        Assert.Equal(fine, BestShot.Core.Data.SafeText.OneLine(fine));
    }

    [SkippableFact]
    public void APhotoWhoseNameIsNotUtf8IsRankedAndCulledLikeAnyOther()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Linux file names are bytes");
        string dir = TestPaths.TempDir("non-utf8"),
            cache = Path.Combine(TestPaths.TempDir("non-utf8-cache"), "s.sqlite"),
            rocket = Path.Combine(TestPaths.Samples, "rocket.jpg");
        File.Copy(rocket, Path.Combine(dir, "ok.jpg"));
        CopyToByteName(rocket, dir, "caf\\xe9.jpg");
        Directory.CreateDirectory(Path.Combine(dir, "sub"));
        CopyToByteName(Path.Combine(TestPaths.Samples, "coffee.png"), Path.Combine(dir, "sub"), "\\xff\\xfe.png");

        var rank = CliRunner.Run("rank", dir, "--json", "--cache", cache);
        Assert.True(rank.ExitCode == 0, rank.Stderr);
        Assert.DoesNotContain("skip:", rank.Stderr);
        var scores = JsonDocument
            .Parse(rank.Stdout)
            .RootElement.EnumerateArray()
            .ToDictionary(e => Path.GetRelativePath(dir, e.GetProperty("path").GetString()!), e => e.GetProperty("score").GetDouble());
        Assert.Equal(["caf\\xE9.jpg", "ok.jpg", Path.Combine("sub", "\\xFF\\xFE.png")], scores.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(scores["ok.jpg"], scores["caf\\xE9.jpg"]); // the same bytes, the same score

        var cull = CliRunner.Run("cull", dir, "--write-xmp", "--cache", cache);
        Assert.Equal(3, cull.ExitCode);
        Assert.Contains($"skip: {Path.Combine(dir, "caf\\xE9.jpg.xmp")}: the photo's name is not valid UTF-8", cull.Stderr);
        Assert.True(File.Exists(Path.Combine(dir, "ok.jpg.xmp")));
        // Nothing was written under a mangled name (U+FFFD) beside the photos.
        var names = NativeDirectory.Entries(dir)!.Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["caf\uDCE9.jpg", "ok.jpg", "ok.jpg.xmp", "sub"], names);
    }
}
