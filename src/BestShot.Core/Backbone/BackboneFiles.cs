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
            foreach (var dir in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(typeof(BackboneFiles).Assembly.Location) ?? "" })
            {
                string candidate = Path.Combine(dir, "DnnImageModels");
                if (Directory.Exists(candidate))
                    return candidate;
            }
            throw new FileNotFoundException(
                "DnnImageModels/ is not next to the program: the build copies it from the NuGet package "
                    + "Microsoft.ML.DnnImageFeaturizer.ResNet18; rebuild BestShot"
            );
        }
    }

    public static string ResNet18 => Path.Combine(ModelsFolder, "ResNet18Onnx", "ResNet18.onnx");
    public static string Preprocess => Path.Combine(ModelsFolder, "ResNetPrepOnnx", "ResNetPreprocess.onnx");
}
