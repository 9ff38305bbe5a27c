using BestShot.Core.Imaging;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace BestShot.Core.Look;

/// <summary>A straight segment, in pixels of the photo.</summary>
public readonly record struct Segment(double X0, double Y0, double X1, double Y1, double Score)
{
    public double Length => Math.Sqrt((X1 - X0) * (X1 - X0) + (Y1 - Y0) * (Y1 - Y0));

    /// <summary>Direction in degrees, −90 (exclusive) to 90, counter-clockwise from the horizontal as the eye sees it.</summary>
    public double Angle
    {
        get
        {
            double a = Math.Atan2(-(Y1 - Y0), X1 - X0) * 180 / Math.PI; // y grows downwards in the image
            return a <= -90 ? a + 180
                : a > 90 ? a - 180
                : a;
        }
    }
}

/// <summary>
/// M-LSD (tiny, 320 px) through ONNX Runtime: the photo squashed to 320×320, RGB 0–255 plus a constant 1 channel, as
/// the package's shader prepares it; each cell of the 160×160 output whose centre score passes the threshold gives a
/// segment from its two end-point offsets. End points are scaled back to the photo's own pixels before any angle is
/// taken, so the squash does not bend them.
/// </summary>
public sealed class LineDetector : IDisposable
{
    const int Size = 320,
        Grid = 160;
    readonly InferenceSession _session;

    public LineDetector()
    {
        // Error level: the converted graphs carry unused initializers, and ONNX Runtime warns about each on every load.
        using var so = new SessionOptions { IntraOpNumThreads = 1, LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        _session = new InferenceSession(BundledModels.PathOf(BundledModels.Lines), so);
    }

    public void Dispose() => _session.Dispose();

    public List<Segment> Detect(RgbImage image, double threshold = 0.1)
    {
        var small = BoxShrink.Resize(image, Size, Size);
        // Filled through the flat buffer: the tensor's 4-index setter cost more than the copy itself.
        var buffer = new float[Size * Size * 4];
        for (int i = 0; i < Size * Size; i++)
        {
            buffer[i * 4] = small.Pixels[i * 3];
            buffer[i * 4 + 1] = small.Pixels[i * 3 + 1];
            buffer[i * 4 + 2] = small.Pixels[i * 3 + 2];
            buffer[i * 4 + 3] = 1;
        }
        var input = new DenseTensor<float>(buffer, [1, Size, Size, 4]);
        string name = _session.InputMetadata.Keys.First();
        using var results = _session.Run([NamedOnnxValue.CreateFromTensor(name, input)]);
        var byName = results.ToDictionary(r => r.Name, r => r.AsTensor<float>());
        var scores = byName["scores"];
        var offsets = byName["offsets"];
        double sx = image.Width / (double)Grid,
            sy = image.Height / (double)Grid;
        var segments = new List<Segment>();
        for (int r = 0; r < Grid; r++)
        for (int c = 0; c < Grid; c++)
        {
            float score = scores[0, r, c, 0];
            if (score < threshold)
                continue;
            segments.Add(
                new Segment(
                    (c + offsets[0, r, c, 0]) * sx,
                    (r + offsets[0, r, c, 1]) * sy,
                    (c + offsets[0, r, c, 2]) * sx,
                    (r + offsets[0, r, c, 3]) * sy,
                    score
                )
            );
        }
        return segments;
    }
}
