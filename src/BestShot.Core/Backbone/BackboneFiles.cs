namespace BestShot.Core.Backbone;

/// <summary>
/// Finds the ImageNet ResNet18 that the NuGet package Microsoft.ML.DnnImageFeaturizer.ResNet18 copies into every
/// build output (DnnImageModels/). Nothing is downloaded at run time.
/// </summary>
public static class BackboneFiles
{
    public static string ModelsFolder
    {
        get
        {
            // The program's folder, also in a single-file build (where an assembly has no location of its own).
            string candidate = Path.Combine(AppContext.BaseDirectory, "DnnImageModels");
            if (Directory.Exists(candidate))
                return candidate;
            throw new FileNotFoundException(
                "DnnImageModels/ is not next to the program: the build copies it from the NuGet package "
                    + "Microsoft.ML.DnnImageFeaturizer.ResNet18; rebuild BestShot"
            );
        }
    }

    public static string ResNet18 => Path.Combine(ModelsFolder, "ResNet18Onnx", "ResNet18.onnx");
    public static string Preprocess => Path.Combine(ModelsFolder, "ResNetPrepOnnx", "ResNetPreprocess.onnx");
}
