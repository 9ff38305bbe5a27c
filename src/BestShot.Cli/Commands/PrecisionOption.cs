using System.CommandLine;

namespace BestShot.Cli.Commands;

/// <summary>--precision: which backbone arithmetic a head-file model (like the built-in one) is joined to.</summary>
public static class PrecisionOption
{
    public static Option<string> Create()
    {
        var o = new Option<string>("--precision")
        {
            Description =
                "Backbone arithmetic for the built-in model and --head-only exports: int8 (about 3× faster, features within 0.1 % "
                + "cosine) or fp32",
            DefaultValueFactory = _ => "int8",
        };
        o.AcceptOnlyFromAmong("int8", "fp32");
        return o;
    }
}
