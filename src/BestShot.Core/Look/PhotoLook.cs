using BestShot.Core.Data;
using BestShot.Core.Features;
using BestShot.Core.Imaging;

namespace BestShot.Core.Look;

/// <summary>
/// What a photographer checks first, measured on one photo: the main face (the largest) and its focus and exposure,
/// the tilt of its straight lines, and its overall exposure. Detail is contrast-normalised mean |Laplacian| (as in
/// <see cref="Features.FocusGrid"/>), so it compares across exposures; "relative" values divide by the median of the
/// frame's 4×4 areas, so 1 means "as sharp as the photo's typical area".
/// </summary>
/// <param name="Faces">Faces found (score ≥ 0.75).</param>
/// <param name="FaceDetail">The main face's detail (null: no face).</param>
/// <param name="FaceRelative">The main face's detail over the frame's median area's.</param>
/// <param name="EyesRelative">Detail around both eye key points over the frame's median area's.</param>
/// <param name="FaceLuma">Mean luma of the main face, 0–255.</param>
/// <param name="FaceOutside">How far the main face's box reaches past the frame, as a share of its size.</param>
/// <param name="Luma">Mean luma of the photo, 0–255.</param>
/// <param name="Clipped">Share of pixels at luma 250 or more.</param>
/// <param name="Motion"><see cref="MotionBlur.Anisotropy"/> of the whole photo: near 1 when smeared one way.</param>
/// <param name="Noise">Noise σ in luma levels (<see cref="NativeMeasures.Noise"/>), on native-resolution crops.</param>
/// <param name="Blockiness">JPEG 8×8 block steps (<see cref="NativeMeasures.Blockiness"/>), on the same crops.</param>
/// <param name="EyesOpen">The least open pair of eyes among the faces at least <see cref="LookMeter.MinFaceWidth"/>
/// wide whose eyes are large enough to judge (<see cref="EyeMeter"/>: lid gap over eye width, both eyes averaged);
/// null when none could be judged.</param>
/// <param name="JpegQuality">The quality the file was saved at (<see cref="Imaging.JpegQuality"/>); null: not a JPEG.</param>
public sealed record PhotoLook(
    int Faces,
    double? FaceDetail,
    double? FaceRelative,
    double? EyesRelative,
    double? FaceLuma,
    double FaceOutside,
    double TiltDegrees,
    double TiltConfidence,
    int TiltLines,
    double Luma,
    double Clipped,
    double Motion,
    double Noise,
    double Blockiness,
    double? EyesOpen = null,
    int? JpegQuality = null
);

/// <summary>Measures a <see cref="PhotoLook"/> with the two detectors; safe to share between threads (it holds only
/// ONNX Runtime sessions, whose Run is thread-safe).</summary>
public sealed class LookMeter : IDisposable
{
    /// <summary>Photos are looked at with their long side about this (see <see cref="Load"/>).</summary>
    public const int LongSide = 1024;

    /// <summary>
    /// The main face must be at least this wide (share of the photo's width) for its focus to be judged: narrower faces
    /// (a group on a beach, a raft of paddlers) are a few dozen pixels here, and on the planted set their blur could
    /// not be told from the next person's sharpness.
    /// </summary>
    public const double MinFaceWidth = 0.08;

    readonly FaceDetector _faces = new();
    readonly LineDetector _lines = new();
    readonly EyeMeter _eyes = new();

    public void Dispose()
    {
        _faces.Dispose();
        _lines.Dispose();
        _eyes.Dispose();
    }

    /// <summary>
    /// The photo's look; noise and JPEG blocks are read on the scorer's two native-resolution crops (a band decode),
    /// because the look's downscaled copy hides both.
    /// </summary>
    /// <param name="scored">The photo was scored (its JPEG data checked then): its decode skips the check.</param>
    public PhotoLook Measure(string path, bool scored = false)
    {
        using var photo = ImageDecoder.Read(path); // read once: the scaled decode and the crops' band decode share it
        var data = photo.Data;
        var image = Load(data, path, scored);
        return Measure(image, PhotoViews.DetailCrops(data, path, DetailMeasures.DefaultCrops, image)) with
        {
            JpegQuality = Imaging.JpegQuality.Estimate(data),
        };
    }

    /// <summary>
    /// The photo with its long side at most 1.5 × <see cref="LongSide"/>: a DCT-scaled decode, shrunk only when still
    /// larger. Every measure is relative or scale-free, and resampling a 1080 px photo to 1024 cost twice its decode.
    /// </summary>
    public static RgbImage Load(string path)
    {
        using var photo = ImageDecoder.Read(path);
        return Load(photo.Data, path);
    }

    static RgbImage Load(byte[] data, string path, bool scored = false)
    {
        var img = ImageDecoder.Decode(data, path, new DecodeOptions { MinShortSide = LongSide / 2, CheckJpegData = !scored });
        double f = (double)LongSide / Math.Max(img.Width, img.Height);
        return f < 1 / 1.5
            ? BoxShrink.Resize(img, Math.Max(1, (int)Math.Round(img.Width * f)), Math.Max(1, (int)Math.Round(img.Height * f)))
            : img;
    }

    /// <summary>The look of an image; noise and JPEG blocks on `crops` at native resolution, or on the image itself.</summary>
    public PhotoLook Measure(RgbImage image, IReadOnlyList<RgbImage>? crops = null)
    {
        // A pooled plane (it may be longer than the image): a fresh 3 MB one a photo cost its page faults.
        var luma = Scratch.Rent<float>(image.Width * image.Height);
        try
        {
            FocusGrid.LumaInto(image, luma);
            return Measure(image, crops, luma);
        }
        finally
        {
            Scratch.Return(luma);
        }
    }

    PhotoLook Measure(RgbImage image, IReadOnlyList<RgbImage>? crops, float[] luma)
    {
        var native = (crops is { Count: > 0 } ? crops : [image]).Select(NativeMeasures.Of).ToList();
        int w = image.Width,
            h = image.Height,
            n = w * h;
        double sum = 0; // a plain loop: LINQ's delegate per pixel cost a millisecond of a 1024 px look
        int clipped = 0;
        for (int i = 0; i < n; i++)
            (sum, clipped) = (sum + luma[i], luma[i] >= 250 ? clipped + 1 : clipped);
        var cells = new List<double>();
        for (int cy = 0; cy < 4; cy++)
        for (int cx = 0; cx < 4; cx++)
            if (FocusGrid.Detail(luma, w, h, cx * w / 4, cy * h / 4, (cx + 1) * w / 4, (cy + 1) * h / 4) is double d)
                cells.Add(d);
        double frame = cells.Count == 0 ? 0 : cells.Order().ElementAt(cells.Count / 2);

        var faces = _faces.Detect(image);
        var main = faces.Where(f => f.Width >= MinFaceWidth).OrderByDescending(f => f.Width * f.Height).FirstOrDefault();
        double? faceDetail = null,
            eyes = null,
            faceLuma = null;
        if (main != null)
        {
            var (x0, y0, x1, y1) = Box(main.X, main.Y, main.Width, main.Height, w, h);
            faceDetail = FocusGrid.Detail(luma, w, h, x0, y0, x1, y1);
            faceLuma = Mean(luma, w, x0, y0, x1, y1);
            double eye = main.Width * 0.3;
            var around = new[] { main.RightEye, main.LeftEye }
                .Select(e => Box(e.X, e.Y, eye, eye * w / h, w, h))
                .Select(b => FocusGrid.Detail(luma, w, h, b.X0, b.Y0, b.X1, b.Y1))
                .OfType<double>()
                .ToList();
            eyes = around.Count > 0 && frame > 0 ? around.Average() / frame : null;
        }
        var open = faces
            .Where(f => f.Width >= MinFaceWidth)
            .Select(f => _eyes.Openness(image, f))
            .OfType<(double Right, double Left)>()
            .Select(o => (o.Right + o.Left) / 2)
            .ToList();
        var tilt = Tilt.Estimate(_lines.Detect(image), w, h);
        return new PhotoLook(
            faces.Count,
            faceDetail,
            faceDetail is double fd && frame > 0 ? fd / frame : null,
            eyes,
            faceLuma,
            main?.OutsideShare ?? 0,
            tilt.Degrees,
            tilt.Confidence,
            tilt.Lines,
            sum / n,
            (double)clipped / n,
            MotionBlur.Anisotropy(luma, w, h),
            native.Average(m => m.Noise),
            native.Average(m => m.Blockiness),
            open.Count > 0 ? open.Min() : null
        );
    }

    static (int X0, int Y0, int X1, int Y1) Box(double cx, double cy, double bw, double bh, int w, int h) =>
        (
            Math.Clamp((int)((cx - bw / 2) * w), 0, w),
            Math.Clamp((int)((cy - bh / 2) * h), 0, h),
            Math.Clamp((int)((cx + bw / 2) * w), 0, w),
            Math.Clamp((int)((cy + bh / 2) * h), 0, h)
        );

    static double Mean(float[] luma, int w, int x0, int y0, int x1, int y1)
    {
        double s = 0;
        int n = 0;
        for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++, n++)
            s += luma[y * w + x];
        return n == 0 ? 0 : s / n;
    }
}
