using BestShot.Core.Imaging;

namespace BestShot.Tests;

public class DecoderBadInputTests
{
    static string Reason(string path) => Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(path, Preprocessor.GlobalViewDecode)).Message;

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
            (HugePng.Write(dir), "image too large (60000×60000)"),
            (Path.Combine(dir, "missing.jpg"), "file not found"),
        };
        foreach (var (path, expected) in cases)
        {
            string message = Reason(path);
            Assert.StartsWith(path + ": ", message);
            Assert.Contains(expected, message);
            Assert.DoesNotContain('\n', message);
        }
        // And a good file next to them still decodes.
        Assert.Equal(224, Preprocessor.CenterView(ImageDecoder.Decode(BadFiles.Good(dir), Preprocessor.GlobalViewDecode)).Width);
    }
}
