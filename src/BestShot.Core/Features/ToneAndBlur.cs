using BestShot.Core.Imaging;

namespace BestShot.Core.Features;

/// <summary>
/// Two measures that read exposure and blur nearly apart from what the scene is, where the Laplacian variance and the
/// mean luma also rise and fall with the subject (a soft, dark scene reads like a blurred, darkened one). A photo of
/// almost any scene has some near-white pixels, so the brightest percentile follows the exposure; and blurring a photo
/// again changes its neighbour differences much when it is sharp and little when it is already blurred, whatever its
/// contrast. On planted blur with under-exposure they took a run's every-pair accuracy from 84.1 to 85.5 % at 1,000
/// posts and 83.4 to 84.4 at 3,000 (docs/training.md).
/// </summary>
public static class ToneAndBlur
{
    /// <summary>The 99th percentile of luma (0–255): under-exposure scales it down with the rest.</summary>
    public static double BrightLuma(RgbImage image) => LumaPercentile(image, 0.99);

    /// <summary>
    /// The 99.9th percentile of luma (0–255): nearer the photo's white point than <see cref="BrightLuma"/>, so it follows
    /// the exposure on photos whose brightest hundredth is not white.
    /// </summary>
    public static double TopLuma(RgbImage image) => LumaPercentile(image, 0.999);

    static double LumaPercentile(RgbImage image, double fraction)
    {
        var y = NativeMeasures.Luma(image);
        return y.Length == 0 ? 0 : NativeMeasures.KthSmallest(y, (int)(fraction * (y.Length - 1)));
    }

    /// <summary>
    /// Crété-Roffet et al. (2007), "The blur effect: perception and estimation with a new no-reference perceptual blur
    /// metric": the share of the neighbour differences that a 9-pixel box re-blur leaves, along rows and along columns,
    /// the larger of the two: near 0 for a sharp photo, towards 1 for a blurred one; a flat image reads 1.
    /// </summary>
    public static double ReblurBlur(RgbImage image) => Reblur(image, 4);

    /// <summary>
    /// The same with a 25-pixel box: a 9-pixel box cannot tell a strong blur from a stronger one (both lose almost
    /// nothing more to it), a wider one can.
    /// </summary>
    public static double WideReblurBlur(RgbImage image) => Reblur(image, 12);

    static double Reblur(RgbImage image, int radius)
    {
        var y = NativeMeasures.Luma(image);
        int w = image.Width,
            h = image.Height;
        return Math.Max(Along(y, 1, w, h, w, radius), Along(y, w, h, w, 1, radius));
    }

    /// <summary>Over `lines` lines of `length` pixels that start `next` apart, with pixels `step` apart along each.</summary>
    static double Along(float[] y, int step, int length, int lines, int next, int radius)
    {
        double original = 0,
            kept = 0;
        for (int line = 0; line < lines; line++)
        {
            int start = line * next;
            float previous = 0,
                previousBlurred = 0;
            for (int t = 0; t < length; t++)
            {
                float value = y[start + t * step],
                    blurred = 0;
                int lo = Math.Max(0, t - radius),
                    hi = Math.Min(length - 1, t + radius);
                for (int q = lo; q <= hi; q++) // summed in this order, the measure the recipe was chosen with
                    blurred += y[start + q * step];
                blurred /= hi - lo + 1;
                if (t > 0)
                {
                    float difference = Math.Abs(value - previous),
                        blurredDifference = Math.Abs(blurred - previousBlurred);
                    original += difference;
                    kept += Math.Max(0, difference - blurredDifference);
                }
                (previous, previousBlurred) = (value, blurred);
            }
        }
        return original <= 0 ? 1 : (original - kept) / original;
    }
}
