using System.Runtime.Intrinsics.X86;

namespace BestShot.Core.Backbone;

/// <summary>
/// The CPU's name and the instruction sets ONNX Runtime's int8 kernels choose between. Speed ratios differ by CPU
/// kind (int8 is about 3× fp32 with AVX512-VNNI, 2.2× with AVX2 alone), so every speed figure carries this line.
/// </summary>
public static class CpuFeatures
{
    public static string Name { get; } = ReadName();

    /// <summary>Which multiply-add the int8 kernels use here: VNNI's int32 dot products, or AVX2's int16 pairs.</summary>
    public static string Int8Path =>
        HasFlag("avx512_vnni") ? "AVX512-VNNI"
        : HasFlag("avx_vnni") || AvxVnni.IsSupported ? "AVX-VNNI"
        : Avx2.IsSupported ? "AVX2 (no VNNI)"
        : "no AVX2";

    /// <summary>One line for bench output and run summaries.</summary>
    public static string Describe() =>
        $"{Name}, {Environment.ProcessorCount} cores; int8 kernels: {Int8Path}; AVX-512: {(Avx512F.IsSupported ? "yes" : "no")}";

    static readonly Lazy<string> Flags = new(() => CpuInfoField("flags") ?? "");

    static bool HasFlag(string flag) => Flags.Value.Split(' ').Contains(flag);

    static string ReadName() =>
        CpuInfoField("model name") ?? System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString();

    static string? CpuInfoField(string field)
    {
        try
        {
            if (!File.Exists("/proc/cpuinfo"))
                return null;
            return File.ReadLines("/proc/cpuinfo")
                .Where(l => l.StartsWith(field, StringComparison.Ordinal) && l.Contains(':'))
                .Select(l => l[(l.IndexOf(':') + 1)..].Trim())
                .FirstOrDefault();
        }
        catch (IOException)
        {
            return null;
        }
    }
}
