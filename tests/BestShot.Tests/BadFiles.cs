namespace BestShot.Tests;

/// <summary>Writes the bad inputs every reader must survive, next to a good copy of a real photo.</summary>
public static class BadFiles
{
    public static string Good(string dir, string name = "good.jpg")
    {
        string path = Path.Combine(dir, name);
        File.Copy(Path.Combine(TestPaths.Samples, "rocket.jpg"), path, overwrite: true);
        return path;
    }

    public static string Truncated(string dir)
    {
        var bytes = File.ReadAllBytes(Path.Combine(TestPaths.Samples, "rocket.jpg"));
        string path = Path.Combine(dir, "truncated.jpg");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 3)]);
        return path;
    }

    public static string Corrupt(string dir)
    {
        var bytes = new byte[4096];
        new Random(1).NextBytes(bytes);
        bytes[0] = 0xFF;
        bytes[1] = 0xD8; // a JPEG signature followed by garbage
        string path = Path.Combine(dir, "corrupt.jpg");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>A real JPEG whose frame header is edited to claim 65000×65000, cut to 9 KB: its pixels would be decoder fill.</summary>
    public static string HugeJpeg(string dir)
    {
        var bytes = File.ReadAllBytes(Path.Combine(TestPaths.Samples, "rocket.jpg"));
        int sof = Enumerable.Range(2, bytes.Length - 10).First(i => bytes[i] == 0xFF && bytes[i + 1] is 0xC0 or 0xC2);
        foreach (int at in new[] { sof + 5, sof + 7 })
        {
            bytes[at] = 65000 >> 8;
            bytes[at + 1] = 65000 & 0xFF;
        }
        string path = Path.Combine(dir, "huge.jpg");
        File.WriteAllBytes(path, bytes[..9000]);
        return path;
    }

    /// <summary>
    /// A camera-style JPEG (restart marker every MCU row: samples/rocket.jpg through `jpegtran -restart 1`) with 2,000
    /// bytes zeroed in the middle of its image data, as a bad disk sector leaves it. Skia decodes it as a success.
    /// </summary>
    public static string ZeroedMiddle(string dir)
    {
        var bytes = File.ReadAllBytes(Path.Combine(TestPaths.Fixtures, "rocket_restart.jpg"));
        Array.Clear(bytes, bytes.Length / 2, 2000);
        string path = Path.Combine(dir, "zeroed.jpg");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>samples/rocket.jpg with a marker no encoder writes (0xFF 0x3A) planted in the middle of its image data.</summary>
    public static string BadMarker(string dir)
    {
        var bytes = File.ReadAllBytes(Path.Combine(TestPaths.Samples, "rocket.jpg"));
        int at = bytes.Length / 2;
        bytes[at] = 0xFF;
        bytes[at + 1] = 0x3A;
        string path = Path.Combine(dir, "badmarker.jpg");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public static string Empty(string dir)
    {
        string path = Path.Combine(dir, "empty.jpg");
        File.WriteAllBytes(path, []);
        return path;
    }

    public static string NotAnImage(string dir)
    {
        string path = Path.Combine(dir, "notes.jpg");
        File.WriteAllText(path, "this is a text file, not a photo\n");
        return path;
    }
}

public static class HugePng
{
    /// <summary>A valid PNG header that claims 60000×60000 pixels (3.6 gigapixels) over a few bytes of data.</summary>
    public static string Write(string dir)
    {
        var ms = new MemoryStream();
        ms.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        WriteBE(ihdr, 0, 60000);
        WriteBE(ihdr, 4, 60000);
        ihdr[8] = 8;
        ihdr[9] = 2; // 8-bit RGB
        Chunk(ms, "IHDR", ihdr);
        Chunk(ms, "IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        Chunk(ms, "IEND", []);
        string path = Path.Combine(dir, "huge.png");
        File.WriteAllBytes(path, ms.ToArray());
        return path;
    }

    internal static void Chunk(Stream s, string type, byte[] data)
    {
        var len = new byte[4];
        WriteBE(len, 0, (uint)data.Length);
        s.Write(len);
        var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        s.Write(typed);
        var crc = new byte[4];
        WriteBE(crc, 0, Crc32(typed));
        s.Write(crc);
    }

    static void WriteBE(byte[] b, int at, uint v)
    {
        b[at] = (byte)(v >> 24);
        b[at + 1] = (byte)(v >> 16);
        b[at + 2] = (byte)(v >> 8);
        b[at + 3] = (byte)v;
    }

    static uint Crc32(byte[] data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
        }
        return ~crc;
    }
}
