#nullable enable
// MSBuild inline task: makes the output folder's copy of libLibTorchSharp.so loadable on a system libstdc++ that
// predates GLIBCXX_3.4.32 (GCC < 13: Debian 12, Ubuntu 22.04). Does nothing where the system is new enough.
using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public class FixLibTorchSharp : Task
{
    [Required] public string NativeDirectory { get; set; } = "";

    const string Version = "GLIBCXX_3.4.32";
    const string Symbol = "_ZSt21ios_base_library_initv";
    const string ShimName = "libbestshot_iosinit.so";

    static readonly string[] SystemLibstdcxx =
    {
        "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/usr/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6", "/lib64/libstdc++.so.6",
    };

    public override bool Execute()
    {
        NativeDirectory = Path.GetFullPath(NativeDirectory); // MSBuild runs tasks in the project folder
        string lib = Path.Combine(NativeDirectory, "libLibTorchSharp.so");
        string? system = SystemLibstdcxx.FirstOrDefault(File.Exists);
        if (system == null) { Log.LogMessage(MessageImportance.Low, "No system libstdc++ found; nothing to patch."); return true; }
        if (Contains(File.ReadAllBytes(system), Encoding.ASCII.GetBytes(Version)))
        {
            Log.LogMessage(MessageImportance.Low, $"{system} has {Version}; libLibTorchSharp.so left as shipped.");
            return true;
        }

        byte[] elf = File.ReadAllBytes(lib);
        int flagOffset = FindVernauxFlags(elf, Version);
        if (flagOffset < 0) { Log.LogMessage(MessageImportance.Low, $"{lib} does not ask for {Version}."); return true; }
        ushort flags = BitConverter.ToUInt16(elf, flagOffset);
        if ((flags & 0x2) != 0 && File.Exists(Path.Combine(NativeDirectory, ShimName))) return true; // already patched

        foreach (var tool in new[] { "patchelf", "g++" })
            if (!OnPath(tool))
            {
                Log.LogError($"BESTSHOT01: {system} lacks {Version}, so {lib} needs a patch that uses patchelf and g++. Install them (Debian/Ubuntu: sudo apt-get install -y patchelf g++) and build again.");
                return false;
            }

        // Step 1: VER_FLG_WEAK turns a missing version into a warning from ld.so instead of a load failure.
        BitConverter.GetBytes((ushort)(flags | 0x2)).CopyTo(elf, flagOffset);
        string tmp = lib + ".tmp";
        File.WriteAllBytes(tmp, elf);
        File.Copy(tmp, lib, true);
        File.Delete(tmp);

        // Step 3's shim: GCC 13 code relies on libstdc++ 13 to construct std::cout; older libstdc++ needs an Init object.
        string shim = Path.Combine(NativeDirectory, ShimName);
        string source = Path.Combine(NativeDirectory, "bestshot_iosinit.cpp");
        File.WriteAllText(source, "#include <ios>\nnamespace std { void ios_base_library_init() { static ios_base::Init init; } }\n");
        if (!Run("g++", $"-shared -fPIC -O2 -o \"{shim}\" \"{source}\"")) return false;
        File.Delete(source);
        // Step 2 and the rest of step 3.
        if (!Run("patchelf", $"--clear-symbol-version {Symbol} --add-needed {ShimName} \"{lib}\"")) return false;
        Log.LogMessage(MessageImportance.High, $"Patched {lib} for {system} (no {Version}).");
        return true;
    }

    // Walks .gnu.version_r (SHT_GNU_verneed) and returns the file offset of vna_flags for the named version.
    static int FindVernauxFlags(byte[] elf, string version)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != 'E' || elf[4] != 2) return -1; // ELF64 only
        long shoff = BitConverter.ToInt64(elf, 0x28);
        int shentsize = BitConverter.ToUInt16(elf, 0x3A), shnum = BitConverter.ToUInt16(elf, 0x3C);
        for (int i = 0; i < shnum; i++)
        {
            int sh = (int)(shoff + i * shentsize);
            if (BitConverter.ToUInt32(elf, sh + 4) != 0x6ffffffe) continue; // SHT_GNU_verneed
            int offset = (int)BitConverter.ToInt64(elf, sh + 24);
            int count = (int)BitConverter.ToUInt32(elf, sh + 44);
            int strtab = (int)BitConverter.ToInt64(elf, (int)(shoff + BitConverter.ToUInt32(elf, sh + 40) * shentsize) + 24);
            int vn = offset;
            for (int n = 0; n < count; n++)
            {
                int aux = vn + (int)BitConverter.ToUInt32(elf, vn + 8);
                for (int a = 0; a < BitConverter.ToUInt16(elf, vn + 2); a++)
                {
                    if (CString(elf, strtab + (int)BitConverter.ToUInt32(elf, aux + 8)) == version) return aux + 4;
                    aux += (int)BitConverter.ToUInt32(elf, aux + 12);
                }
                vn += (int)BitConverter.ToUInt32(elf, vn + 12);
            }
        }
        return -1;
    }

    static string CString(byte[] b, int at) { int end = Array.IndexOf(b, (byte)0, at); return Encoding.ASCII.GetString(b, at, end - at); }

    static bool Contains(byte[] haystack, byte[] needle)
    {
        for (int i = Array.IndexOf(haystack, needle[0]); i >= 0 && i <= haystack.Length - needle.Length; i = Array.IndexOf(haystack, needle[0], i + 1))
        {
            int k = 1;
            while (k < needle.Length && haystack[i + k] == needle[k]) k++;
            if (k == needle.Length) return true;
        }
        return false;
    }

    static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => d.Length > 0 && File.Exists(Path.Combine(d, tool)));

    bool Run(string tool, string args)
    {
        var psi = new ProcessStartInfo(tool, args) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var p = Process.Start(psi)!;
        string err = p.StandardError.ReadToEnd() + p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) Log.LogError($"BESTSHOT02: {tool} {args} failed: {err.Trim()}");
        return p.ExitCode == 0;
    }
}
