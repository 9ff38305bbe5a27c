using BestShot.Core.Imaging;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace BestShot.Core.Look;

/// <summary>
/// How open a face's eyes are, with MediaPipe's iris landmark model (models/iris-landmark.onnx, converted by
/// scripts/convert-iris.py): each eye is cropped square around BlazeFace's eye key point, turned so the eyes lie level,
/// the subject's right eye mirrored (the model knows one eye), and the model's 71 eye points read back. Openness is the
/// gap between the upper and lower lid at the eye's middle over the distance between its corners: about 0.25–0.5 for
/// an open eye, under 0.15 for a shut one.
/// </summary>
public sealed class EyeMeter : IDisposable
{
    const int Side = 64;

    /// <summary>
    /// The crop's side over the distance between the two eyes' centres: the eye with room around it, about 1.7 eye
    /// widths. Tried 0.7, 0.8, 0.9, 1.1 and 1.4 on ../shared/data/eyes (README): 0.8 left the widest gap between the
    /// shut and the open faces that could be judged.
    /// </summary>
    public const double CropScale = 0.8;

    /// <summary>
    /// Eyes closer than this many pixels (in the look's 1024 px copy) are not judged: at 29 px between the eyes, behind
    /// glasses, an eye is 10 px wide and the model found shut and open eyes alike (0.21–0.35 both).
    /// </summary>
    public const double MinEyeDistance = 40;

    /// <summary>A face whose two eyes' mean openness is under this has its eyes closed: on ../shared/data/eyes the
    /// judged shut faces measured 0.14–0.15, the open ones 0.30 and more.</summary>
    public const double ClosedUnder = 0.22;

    readonly InferenceSession _iris;

    public EyeMeter()
    {
        using var so = new SessionOptions { IntraOpNumThreads = 1, LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        _iris = new InferenceSession(BundledModels.PathOf(BundledModels.Iris), so);
    }

    public void Dispose() => _iris.Dispose();

    /// <summary>The model's raw output, [n, 228], for crops already made: NCHW RGB in 0–1, 64×64 each.</summary>
    public float[] Landmarks(float[] crops, int n)
    {
        var input = new DenseTensor<float>(crops, [n, 3, Side, Side]);
        using var results = _iris.Run([NamedOnnxValue.CreateFromTensor("input", input)]);
        return results.First().AsTensor<float>().ToArray();
    }

    /// <summary>The openness of the face's two eyes, the subject's right then left; null when the eyes are too small to
    /// judge (<see cref="MinEyeDistance"/>).</summary>
    public (double Right, double Left)? Openness(RgbImage image, Face face)
    {
        double rx = face.RightEye.X * image.Width,
            ry = face.RightEye.Y * image.Height,
            lx = face.LeftEye.X * image.Width,
            ly = face.LeftEye.Y * image.Height;
        double between = Math.Sqrt((lx - rx) * (lx - rx) + (ly - ry) * (ly - ry));
        if (between < MinEyeDistance)
            return null;
        // The subject's right eye is on the image's left; the line from it to the left eye gives the face's roll.
        double angle = Math.Atan2(ly - ry, lx - rx);
        double side = CropScale * between;
        var crops = new float[2 * 3 * Side * Side];
        Crop(image, rx, ry, side, angle, mirror: true, crops.AsSpan(0, 3 * Side * Side));
        Crop(image, lx, ly, side, angle, mirror: false, crops.AsSpan(3 * Side * Side));
        var points = Landmarks(crops, 2);
        return (Open(points.AsSpan(0, 228)), Open(points.AsSpan(228, 228)));
    }

    /// <summary>
    /// Lid gap over eye width from the eye contour: points 0–8 run along the lower lid from corner to corner, 9–15 along
    /// the upper lid between them (MediaPipe's EyeLower0 and EyeUpper0); the middle three pairs are averaged.
    /// </summary>
    public static double Open(ReadOnlySpan<float> p)
    {
        double width = Distance(p, 0, 8);
        double gap = 0;
        for (int k = 3; k <= 5; k++)
            gap += Distance(p, k, 8 + k);
        return width < 1e-6 ? 0 : gap / 3 / width;
    }

    static double Distance(ReadOnlySpan<float> p, int a, int b) =>
        Math.Sqrt(Math.Pow(p[3 * a] - p[3 * b], 2) + Math.Pow(p[3 * a + 1] - p[3 * b + 1], 2));

    /// <summary>A square of `side` pixels centred on (cx, cy), turned by `angle`, sampled bilinearly to 64×64 CHW.</summary>
    static void Crop(RgbImage image, double cx, double cy, double side, double angle, bool mirror, Span<float> chw)
    {
        double cos = Math.Cos(angle),
            sin = Math.Sin(angle),
            step = side / Side;
        int w = image.Width,
            h = image.Height;
        var px = image.Pixels;
        for (int v = 0; v < Side; v++)
        for (int u = 0; u < Side; u++)
        {
            double du = ((mirror ? Side - 1 - u : u) + 0.5 - Side / 2.0) * step,
                dv = (v + 0.5 - Side / 2.0) * step;
            double x = cx + du * cos - dv * sin - 0.5,
                y = cy + du * sin + dv * cos - 0.5;
            int x0 = (int)Math.Floor(x),
                y0 = (int)Math.Floor(y);
            double fx = x - x0,
                fy = y - y0;
            for (int c = 0; c < 3; c++)
            {
                double Px(int xx, int yy) => px[(Math.Clamp(yy, 0, h - 1) * w + Math.Clamp(xx, 0, w - 1)) * 3 + c];
                double value =
                    (1 - fy) * ((1 - fx) * Px(x0, y0) + fx * Px(x0 + 1, y0)) + fy * ((1 - fx) * Px(x0, y0 + 1) + fx * Px(x0 + 1, y0 + 1));
                chw[(c * Side + v) * Side + u] = (float)(value / 255);
            }
        }
    }
}
