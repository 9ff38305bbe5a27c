using System.Text;

namespace BestShot.Tests;

/// <summary>
/// Small RAW-format files for tests: a TIFF structure as cameras write it, holding a JPEG preview and a token 8×8
/// sensor image. exiftool reads them as the formats they claim (checked in RawTests), so they stand in for camera
/// files, which cannot be downloaded here.
/// </summary>
public static class RawFixtures
{
    /// <summary>A DNG: IFD0 is the JPEG preview as one JPEG-compressed strip (NewSubfileType 1), as DNG writers do.</summary>
    public static void Dng(string path, byte[] jpeg, int width, int height, ushort orientation = 1) =>
        File.WriteAllBytes(path, Tiff(jpeg, width, height, orientation, asStrip: true, dng: true));

    /// <summary>A NEF-like file: the preview named by JPEGInterchangeFormat / Length, as Nikon and Sony write it.</summary>
    public static void Nef(string path, byte[] jpeg, int width, int height) =>
        File.WriteAllBytes(path, Tiff(jpeg, width, height, 1, asStrip: false, dng: false));

    static byte[] Tiff(byte[] jpeg, int width, int height, ushort orientation, bool asStrip, bool dng)
    {
        byte[] make = Encoding.ASCII.GetBytes("BestShot\0"),
            model = Encoding.ASCII.GetBytes("Test RAW\0");
        var entries = new List<(ushort Tag, ushort Type, uint Count, uint Value, byte[]? Data)>
        {
            (0x00FE, 4, 1, 1, null), // NewSubfileType: reduced-resolution (preview) image
            (0x0100, 4, 1, (uint)width, null),
            (0x0101, 4, 1, (uint)height, null),
            (0x0103, 3, 1, asStrip ? 7u : 6u, null), // Compression: JPEG
            (0x010F, 2, (uint)make.Length, 0, make),
            (0x0110, 2, (uint)model.Length, 0, model),
            (0x0111, 4, 1, 0, null), // StripOffsets, or the JPEG offset below
            (0x0112, 3, 1, orientation, null),
            (0x0117, 4, 1, (uint)jpeg.Length, null),
        };
        if (!asStrip)
        {
            entries.RemoveAll(e => e.Tag is 0x0111 or 0x0117);
            entries.Add((0x0201, 4, 1, 0, null)); // JPEGInterchangeFormat
            entries.Add((0x0202, 4, 1, (uint)jpeg.Length, null));
        }
        if (dng)
            entries.Add((0xC612, 1, 4, 0x00000401, null)); // DNGVersion 1.4.0.0, bytes inline
        entries.Sort((a, b) => a.Tag.CompareTo(b.Tag));

        const int ifd = 8;
        int dataStart = ifd + 2 + entries.Count * 12 + 4;
        var extra = new MemoryStream();
        var offsets = new Dictionary<ushort, uint>();
        foreach (var e in entries.Where(e => e.Data != null))
        {
            offsets[e.Tag] = (uint)(dataStart + extra.Length);
            extra.Write(e.Data!);
        }
        uint jpegAt = (uint)(dataStart + extra.Length);
        using var ms = new MemoryStream();
        using var w = new BinaryWriter(ms);
        w.Write("II"u8);
        w.Write((ushort)42);
        w.Write((uint)ifd);
        w.Write((ushort)entries.Count);
        foreach (var e in entries)
        {
            w.Write(e.Tag);
            w.Write(e.Type);
            w.Write(e.Count);
            uint value =
                e.Data != null ? offsets[e.Tag]
                : e.Tag is 0x0111 or 0x0201 ? jpegAt
                : e.Value;
            if (e.Type == 3)
            {
                w.Write((ushort)value);
                w.Write((ushort)0);
            }
            else
                w.Write(value);
        }
        w.Write(0u); // no next IFD
        w.Write(extra.ToArray());
        w.Write(jpeg);
        return ms.ToArray();
    }
}
