#nullable enable
// MSBuild inline task: makes the output folder's copy of libLibTorchSharp.so loadable on a system libstdc++ that
// predates GLIBCXX_3.4.32 (GCC < 13: Debian 12, Ubuntu 22.04). Does nothing where the system is new enough.
//
// Why three byte edits are enough: the library asks for GLIBCXX_3.4.32 for one symbol only,
// std::ios_base_library_init(). GCC 13's <iostream> *references* it (to pull in a libstdc++ that constructs the
// standard streams itself) but never calls it. On an older libstdc++ the streams are constructed by the
// ios_base::Init objects of libraries built against it, libtorch_cpu.so among them, which loads first. So we
//   1. mark the GLIBCXX_3.4.32 requirement weak (VER_FLG_WEAK in .gnu.version_r): a missing version is no error;
//   2. make the symbol's reference unversioned (VER_NDX_GLOBAL in .gnu.version), as patchelf's
//      --clear-symbol-version does;
//   3. make the reference weak (STB_WEAK in .dynsym): an absent weak symbol resolves to null instead of failing.
// All in managed code, so building needs nothing but the .NET SDK (no patchelf, no g++).
using System;
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
    const uint ShtDynsym = 11, ShtGnuVerneed = 0x6ffffffe, ShtGnuVersym = 0x6fffffff;
    const ushort VerFlgWeak = 0x2, VerNdxGlobal = 1;
    const byte StbWeak = 2;

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
        var (versymOffset, infoOffset) = FindSymbol(elf, Symbol);
        if (versymOffset < 0 || infoOffset < 0)
        {
            Log.LogError($"BESTSHOT01: {lib} asks for {Version} but has no versioned dynamic symbol {Symbol}; "
                + "this TorchSharp build is not the one BestShot knows how to patch.");
            return false;
        }

        ushort flags = BitConverter.ToUInt16(elf, flagOffset);
        bool patched = (flags & VerFlgWeak) != 0 && BitConverter.ToUInt16(elf, versymOffset) == VerNdxGlobal
            && elf[infoOffset] >> 4 == StbWeak;
        if (patched) return true;

        BitConverter.GetBytes((ushort)(flags | VerFlgWeak)).CopyTo(elf, flagOffset);
        BitConverter.GetBytes(VerNdxGlobal).CopyTo(elf, versymOffset);
        elf[infoOffset] = (byte)((StbWeak << 4) | (elf[infoOffset] & 0xf));
        // Atomic: a build killed mid-write must not leave a half-written library behind.
        string tmp = lib + ".tmp";
        File.WriteAllBytes(tmp, elf);
        File.Replace(tmp, lib, null); // rename(2) on Unix
        Log.LogMessage(MessageImportance.High, $"Patched {lib} for {system} (no {Version}).");
        return true;
    }

    static bool IsElf64(byte[] elf) => elf.Length >= 64 && elf[0] == 0x7f && elf[1] == 'E' && elf[4] == 2;

    static int Section(byte[] elf, int index) =>
        (int)(BitConverter.ToInt64(elf, 0x28) + index * BitConverter.ToUInt16(elf, 0x3A));

    static System.Collections.Generic.IEnumerable<int> Sections(byte[] elf)
    {
        int shnum = BitConverter.ToUInt16(elf, 0x3C);
        for (int i = 0; i < shnum; i++) yield return Section(elf, i);
    }

    static int FirstOfType(byte[] elf, uint type) => Sections(elf).Where(sh => Type(elf, sh) == type).DefaultIfEmpty(-1).First();
    static uint Type(byte[] elf, int sh) => BitConverter.ToUInt32(elf, sh + 4);
    static int Offset(byte[] elf, int sh) => (int)BitConverter.ToInt64(elf, sh + 24);
    static int LinkedStrtab(byte[] elf, int sh) => Offset(elf, Section(elf, (int)BitConverter.ToUInt32(elf, sh + 40)));

    // Walks .gnu.version_r (SHT_GNU_verneed) and returns the file offset of vna_flags for the named version.
    static int FindVernauxFlags(byte[] elf, string version)
    {
        if (!IsElf64(elf)) return -1;
        foreach (int sh in Sections(elf).Where(sh => Type(elf, sh) == ShtGnuVerneed))
        {
            int count = (int)BitConverter.ToUInt32(elf, sh + 44), strtab = LinkedStrtab(elf, sh);
            int vn = Offset(elf, sh);
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

    // Returns the file offsets of the symbol's .gnu.version entry and of its st_info byte in .dynsym.
    static (int Versym, int Info) FindSymbol(byte[] elf, string name)
    {
        if (!IsElf64(elf)) return (-1, -1);
        int dynsym = FirstOfType(elf, ShtDynsym), versym = FirstOfType(elf, ShtGnuVersym);
        if (dynsym < 0 || versym < 0) return (-1, -1);
        int strtab = LinkedStrtab(elf, dynsym), start = Offset(elf, dynsym);
        long size = BitConverter.ToInt64(elf, dynsym + 32), entsize = BitConverter.ToInt64(elf, dynsym + 56);
        for (int i = 0; i < size / entsize; i++)
        {
            int sym = start + (int)(i * entsize); // Elf64_Sym: st_name u32, st_info u8, st_other u8, ...
            if (CString(elf, strtab + (int)BitConverter.ToUInt32(elf, sym)) == name)
                return (Offset(elf, versym) + 2 * i, sym + 4);
        }
        return (-1, -1);
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
}
