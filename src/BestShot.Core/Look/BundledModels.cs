namespace BestShot.Core.Look;

/// <summary>The small third-party models shipped in models/ (see models/NOTICE.md), copied next to the program.</summary>
public static class BundledModels
{
    public static string PathOf(string file) => System.IO.Path.Combine(AppContext.BaseDirectory, "models", file);

    public const string FaceFront = "blazeface-front-128.onnx",
        FaceBack = "blazeface-back-256.onnx",
        Lines = "mlsd-320-tiny.onnx",
        Iris = "iris-landmark.onnx";
}
