using BestShot.Core.Imaging;
using BestShot.Core.Look;
using Xunit.Abstractions;

namespace BestShot.Tests;

/// <summary>The look checks: faces (BlazeFace) and straight lines (M-LSD), on real photos.</summary>
public class LookTests(ITestOutputHelper output)
{
    [Fact]
    public void TheAstronautsFaceIsFoundWithItsEyes()
    {
        var image = ImageDecoder.Decode(Path.Combine(TestPaths.Samples, "astronaut.png"));
        using var detector = new FaceDetector();
        var faces = detector.Detect(image);
        foreach (var f in faces)
            output.WriteLine($"{f.X:F3} {f.Y:F3} {f.Width:F3} {f.Height:F3} {f.Score:F3} eyes {f.RightEye} {f.LeftEye}");
        var face = Assert.Single(faces);
        // Eileen Collins' face: upper middle of the frame (found by eye: x 0.38–0.58, y 0.10–0.40 of 512 px).
        Assert.InRange(face.X, 0.40, 0.56);
        Assert.InRange(face.Y, 0.15, 0.35);
        Assert.True(face.RightEye.X < face.LeftEye.X, "her right eye is on the image's left");
        Assert.InRange(face.RightEye.Y, face.Y - face.Height / 2, face.Y);
        Assert.Equal(0, face.OutsideShare);
    }

    [Fact]
    public void TheRocketsTowersGiveItsTiltWithinADegree()
    {
        var level = ImageDecoder.Decode(Path.Combine(TestPaths.Samples, "rocket.jpg"));
        using var lines = new LineDetector();
        double Estimate(RgbImage img, out TiltEstimate t)
        {
            t = Tilt.Estimate(lines.Detect(img), img.Width, img.Height);
            output.WriteLine($"{t.Degrees:F2}° confidence {t.Confidence:F2} from {t.Lines} lines");
            return t.Degrees;
        }
        Assert.InRange(Estimate(level, out var flat), -1, 1);
        Assert.True(flat.HasLines);
        foreach (double planted in new[] { 2.0, 4, 6, -4 })
        {
            double got = Estimate(BestShot.Core.Synth.Degrade.Tilt(level, planted), out _);
            // Degrade.Tilt turns the scene clockwise for positive degrees: the horizon falls to the right.
            Assert.InRange(got, -planted - 1, -planted + 1);
        }
    }
}
