using BestShot.Core.Imaging;

namespace BestShot.Tests;

public class DecoderBadInputTests
{
    static string Reason(string path) =>
        Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(path, Preprocessor.GlobalViewDecode)).Message;

    [Fact]
    public void EachBadFileGetsOneLineNamingItAndTheProblem()
    {
        string dir = TestPaths.TempDir("decode-bad");
        var cases = new (string Path, string Expected)[]
        {
            (BadFiles.Truncated(dir), "truncated"),
            (BadFiles.Corrupt(dir), "not an image"),
            (BadFiles.Empty(dir), "empty file (0 bytes)"),
            (BadFiles.NotAnImage(dir), "not an image"),
            (ShortPage(dir), "not an image (the file holds text)"),
            (HugePng.Write(dir), "too large: 60000×60000"),
            (BadFiles.HugeJpeg(dir), "too large: 65000×65000"),
            (BadFiles.ZeroedMiddle(dir), "corrupt data: "),
            (BadFiles.BadMarker(dir), "corrupt data: invalid marker 0xFF3A"),
            (Path.Combine(dir, "missing.jpg"), "file not found"),
        };
        foreach (var (path, expected) in cases)
        {
            string message = Reason(path);
            Assert.StartsWith(path + ": ", message);
            Assert.Contains(expected, message);
            Assert.DoesNotContain('\n', message);
        }
        // The limit is an option: at 0.1 MP the 640×427 rocket is too large; a good file decodes at the default.
        var limited = new DecodeOptions { MinShortSide = 224, MaxPixels = 100_000 };
        Assert.Contains(
            "too large: 640×427",
            Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(BadFiles.Good(dir), limited)).Message
        );
        // And a good file next to them still decodes.
        Assert.Equal(224, Preprocessor.CenterView(ImageDecoder.Decode(BadFiles.Good(dir), Preprocessor.GlobalViewDecode)).Width);
    }

    /// <summary>An HTML page of 16 bytes named .jpg: too short for Skia to sniff, so it said "truncated image".</summary>
    static string ShortPage(string dir)
    {
        string path = Path.Combine(dir, "page.jpg");
        File.WriteAllText(path, "<html>hi</html>\n");
        return path;
    }

    [Fact]
    public void OnlyAPhotoThatWasScoredSkipsTheDataCheck()
    {
        string dir = TestPaths.TempDir("decode-checked");
        string zeroed = BadFiles.ZeroedMiddle(dir);
        // The check is what refuses it: without it Skia decodes the damaged file without complaint.
        Assert.Contains("corrupt data", Reason(zeroed));
        var decoded = ImageDecoder.Decode(zeroed, Preprocessor.GlobalViewDecode with { CheckJpegData = false });
        Assert.True(decoded.Width >= 224);
        // A look is refused unless the caller says the photo was scored (and so checked) before.
        using var meter = new BestShot.Core.Look.LookMeter();
        Assert.Contains("corrupt data", Assert.Throws<ImageDecodeException>(() => meter.Measure(zeroed)).Message);
        Assert.True(meter.Measure(zeroed, scored: true).Luma > 0);
    }

    [SkippableFact]
    public void TheIntegrityCheckRaisesNoFalseAlarmOnRealPhotos()
    {
        TestPaths.RequireShared();
        var jpegs = Directory
            .GetFiles(TestPaths.SharedPhotos, "*.jp*g", SearchOption.AllDirectories)
            .Append(Path.Combine(TestPaths.Fixtures, "rocket_restart.jpg"))
            .ToList();
        Assert.True(jpegs.Count > 500);
        var alarms = jpegs.Select(f => (f, JpegIntegrity.Problem(File.ReadAllBytes(f)))).Where(x => x.Item2 != null).ToList();
        Assert.True(alarms.Count == 0, string.Join("\n", alarms));
    }
}
