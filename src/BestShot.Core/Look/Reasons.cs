using System.Globalization;

namespace BestShot.Core.Look;

/// <summary>
/// Why a photo may have scored low, in short phrases a photographer can check at a glance. Each comes from one measured
/// signal of <see cref="PhotoLook"/> and a threshold stated here; on the planted astronaut a blurred face measures
/// 0.19 of the frame's typical detail and a sharp one 10 (LookTests), so "face soft" at 0.6 is far from both.
/// </summary>
public static class Reasons
{
    /// <summary>Tilt is reported from this many degrees, when at least <see cref="TiltMinLines"/> lines vote and a
    /// share <see cref="TiltMinConfidence"/> of their length agrees within 1°. The rocket planted at 2–6° measured
    /// 17–26 lines and 0.24–0.39; a blurred-face portrait's stray edges, 8 lines and 0.12. A level 360 px crop of the
    /// rocket read 2.0° (its towers converge), so a planted 2° is below what can be told from perspective. At 2.5° and
    /// 0.2, 8 % of the clean bsds500 photos (rocks, trees, sails) were called tilted, most at about 3° with weakly
    /// agreeing lines; at 3.5° and 0.3, 2 % (`bench reasons ../shared/data/photos`, README).</summary>
    public const double TiltMinDegrees = 3.5,
        TiltMinConfidence = 0.3;
    public const int TiltMinLines = 10;

    /// <summary>Face (or eyes) softer than this share of the frame's median area's detail.</summary>
    public const double SoftShare = 0.6;

    /// <summary>A face box reaching past the frame by more than this share of its size is cut.</summary>
    public const double CutShare = 0.15;

    /// <summary>Mean luma under this (0–255) is under-exposed; a face under <see cref="FaceDark"/> is dark.</summary>
    public const double DarkLuma = 50,
        FaceDark = 60;

    /// <summary>More than this share of pixels at luma ≥ 250 is over-exposed.</summary>
    public const double ClippedShare = 0.25;

    /// <summary>
    /// <see cref="MotionBlur.Anisotropy"/> from which a photo is "motion blur"; noise σ (luma levels, native crops) from
    /// which it is "noisy"; JPEG block steps from which it is "heavy JPEG". Each is about the 98th percentile of the
    /// degradation set's originals on its even sources (`bench reasons`; some originals really are grainy or
    /// blocky); the rates on its odd sources are in the model card.
    /// </summary>
    public const double MotionAnisotropy = 0.43,
        NoisySigma = 7,
        HeavyBlocks = 1.35;

    /// <summary>
    /// A JPEG saved at this quality or more is never "heavy JPEG": on ../shared/data/photos, smooth gradients of clean
    /// photos saved at 75–92 (libjpeg's default is 75) showed block edges (5 of 28 Debian photos, 5 of 80 sun_hays80);
    /// the degradation set's heavy copies are saved at 30, 15 and 6. A heavy file saved again at a high quality keeps
    /// its blocks and is then missed.
    /// </summary>
    public const int LightJpeg = 70;

    /// <summary>A photo under this on the 0–100 scale "scored low", and `rank` says why.</summary>
    public const double LowScore = 50;

    /// <summary>Under this, a photo always carries a phrase: <see cref="NoFlaw"/> when no measure found one.</summary>
    public const double ExplainUnder = 40;

    /// <summary>Said of a low score that no measured flaw explains, rather than nothing.</summary>
    public const string NoFlaw = "no measured flaw: the score is the model's judgement";

    /// <summary>
    /// The reasons for a photo with this score (null: no 0–100 scale): the measured ones, or, under
    /// <see cref="ExplainUnder"/>, <see cref="NoFlaw"/> when none was found, so no low score goes unexplained.
    /// </summary>
    public static List<string> Explain(PhotoLook? look, double? score100)
    {
        var reasons = look == null ? [] : Of(look);
        if (reasons.Count == 0 && score100 < ExplainUnder)
            reasons.Add(NoFlaw);
        return reasons;
    }

    public static List<string> Of(PhotoLook look)
    {
        var reasons = new List<string>();
        if (look.FaceRelative < SoftShare)
            reasons.Add("face soft");
        else if (look.EyesRelative < SoftShare)
            reasons.Add("eyes soft");
        if (look.EyesOpen < EyeMeter.ClosedUnder)
            reasons.Add("eyes closed");
        if (look.FaceOutside > CutShare)
            reasons.Add("face cut by the edge");
        if (look.FaceLuma < FaceDark && look.Luma >= DarkLuma)
            reasons.Add("face dark");
        if (Math.Abs(look.TiltDegrees) >= TiltMinDegrees && look.TiltLines >= TiltMinLines && look.TiltConfidence >= TiltMinConfidence)
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"tilted {Math.Abs(look.TiltDegrees):F0}°"));
        if (look.Motion >= MotionAnisotropy)
            reasons.Add("motion blur");
        if (look.Noise >= NoisySigma)
            reasons.Add("noisy");
        if (look.Blockiness >= HeavyBlocks && !(look.JpegQuality >= LightJpeg))
            reasons.Add("heavy JPEG");
        if (look.Luma < DarkLuma)
            reasons.Add("under-exposed");
        if (look.Clipped > ClippedShare)
            reasons.Add("over-exposed");
        return reasons;
    }
}
