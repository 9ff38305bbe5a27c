using BestShot.Core.Imaging;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace BestShot.Core.Look;

/// <summary>A face, in the image's coordinates scaled to 0–1 (x right, y down).</summary>
/// <param name="KeyPoints">MediaPipe's six: the subject's right eye, left eye, nose tip, mouth, right ear, left ear.</param>
public sealed record Face(double X, double Y, double Width, double Height, IReadOnlyList<(double X, double Y)> KeyPoints, double Score)
{
    public (double X, double Y) RightEye => KeyPoints[0];
    public (double X, double Y) LeftEye => KeyPoints[1];

    /// <summary>How far the box reaches past the frame, as a share of its size (0: inside).</summary>
    public double OutsideShare =>
        Math.Max(
            Math.Max(Math.Max(0, -(X - Width / 2)), Math.Max(0, X + Width / 2 - 1)) / Width,
            Math.Max(Math.Max(0, -(Y - Height / 2)), Math.Max(0, Y + Height / 2 - 1)) / Height
        );
}

/// <summary>
/// MediaPipe's BlazeFace through ONNX Runtime: the front model (128 px, faces filling a good part of the frame) first,
/// the back model (256 px, smaller and farther faces) when the front one finds none. The photo is letterboxed to a
/// square, as the models were trained, so faces are not squashed. Post-processing follows the package's shaders
/// (models/NOTICE.md): two anchor grids, a sigmoid on the scores, overlapping boxes blended by score.
/// </summary>
public sealed class FaceDetector : IDisposable
{
    readonly InferenceSession _front,
        _back;

    public FaceDetector()
    {
        // Error level: the converted graphs carry unused initializers, and ONNX Runtime warns about each on every load.
        using var so = new SessionOptions { IntraOpNumThreads = 1, LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        _front = new InferenceSession(BundledModels.PathOf(BundledModels.FaceFront), so);
        _back = new InferenceSession(BundledModels.PathOf(BundledModels.FaceBack), so);
    }

    public void Dispose()
    {
        _front.Dispose();
        _back.Dispose();
    }

    /// <summary>Faces scoring at least <paramref name="threshold"/>, most confident first.</summary>
    public List<Face> Detect(RgbImage image, double threshold = 0.75)
    {
        var faces = Run(_front, 128, image, threshold);
        return faces.Count > 0 ? faces : Run(_back, 256, image, threshold);
    }

    static List<Face> Run(InferenceSession session, int size, RgbImage image, double threshold)
    {
        // Letterbox: the photo centred on a black square, so one scale maps both axes back.
        int side = Math.Max(image.Width, image.Height);
        double s = (double)size / side;
        int w = Math.Max(1, (int)Math.Round(image.Width * s)),
            h = Math.Max(1, (int)Math.Round(image.Height * s)),
            ox = (size - w) / 2,
            oy = (size - h) / 2;
        var small = BoxShrink.Resize(image, w, h);
        var buffer = new float[size * size * 3];
        Array.Fill(buffer, -1f); // black, in the model's −1…1 range
        for (int y = 0; y < h; y++)
        for (int i = 0; i < w * 3; i++)
            buffer[((y + oy) * size + ox) * 3 + i] = small.Pixels[y * w * 3 + i] / 127.5f - 1;
        var input = new DenseTensor<float>(buffer, [1, size, size, 3]);
        string name = session.InputMetadata.Keys.First();
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(name, input)]);
        var outputs = results.ToDictionary(r => r.Name, r => r.AsTensor<float>().ToArray());
        var raw = new List<Face>();
        Decode(outputs["Identity:0"], outputs["Identity_2:0"], 16, 2, size, threshold, raw);
        Decode(outputs["Identity_1:0"], outputs["Identity_3:0"], 8, 6, size, threshold, raw);
        // Back from the letterboxed square to the photo's own 0–1 coordinates.
        double fx = (double)size / w,
            fy = (double)size / h,
            bx = (double)ox / size,
            by = (double)oy / size;
        return Blend(raw)
            .Select(f => new Face(
                (f.X - bx) * fx,
                (f.Y - by) * fy,
                f.Width * fx,
                f.Height * fy,
                f.KeyPoints.Select(k => ((k.X - bx) * fx, (k.Y - by) * fy)).ToList(),
                f.Score
            ))
            .ToList();
    }

    static void Decode(float[] scores, float[] boxes, int cells, int anchors, int size, double threshold, List<Face> into)
    {
        for (int cy = 0; cy < cells; cy++)
        for (int cx = 0; cx < cells; cx++)
        for (int a = 0; a < anchors; a++)
        {
            int i = (cy * cells + cx) * anchors + a;
            double score = 1 / (1 + Math.Exp(-scores[i]));
            if (score < threshold)
                continue;
            double ax = (cx + 0.5) / cells,
                ay = (cy + 0.5) / cells;
            var b = boxes.AsSpan(i * 16, 16);
            var keys = new List<(double, double)>(6);
            for (int k = 0; k < 6; k++)
                keys.Add((ax + b[4 + 2 * k] / size, ay + b[5 + 2 * k] / size));
            into.Add(new Face(ax + b[0] / size, ay + b[1] / size, b[2] / size, b[3] / size, keys, score));
        }
    }

    /// <summary>Overlapping detections (IoU ≥ 0.3) become one, their geometry averaged by score, as the package does.</summary>
    static List<Face> Blend(List<Face> faces)
    {
        var order = faces.OrderByDescending(f => f.Score).ToList();
        var used = new bool[order.Count];
        var result = new List<Face>();
        for (int i = 0; i < order.Count; i++)
        {
            if (used[i])
                continue;
            var group = new List<Face> { order[i] };
            for (int j = i + 1; j < order.Count; j++)
                if (!used[j] && IoU(order[i], order[j]) >= 0.3)
                {
                    used[j] = true;
                    group.Add(order[j]);
                }
            double total = group.Sum(f => f.Score);
            double Avg(Func<Face, double> v) => group.Sum(f => v(f) * f.Score) / total;
            var keys = Enumerable.Range(0, 6).Select(k => (Avg(f => f.KeyPoints[k].X), Avg(f => f.KeyPoints[k].Y))).ToList();
            result.Add(new Face(Avg(f => f.X), Avg(f => f.Y), Avg(f => f.Width), Avg(f => f.Height), keys, order[i].Score));
        }
        return result;
    }

    static double IoU(Face a, Face b)
    {
        double x0 = Math.Max(a.X - a.Width / 2, b.X - b.Width / 2),
            x1 = Math.Min(a.X + a.Width / 2, b.X + b.Width / 2),
            y0 = Math.Max(a.Y - a.Height / 2, b.Y - b.Height / 2),
            y1 = Math.Min(a.Y + a.Height / 2, b.Y + b.Height / 2);
        double inner = Math.Max(0, x1 - x0) * Math.Max(0, y1 - y0);
        return inner / (a.Width * a.Height + b.Width * b.Height - inner);
    }
}
