namespace BestShot.Core.Data;

/// <summary>Writes through a temporary file in the same folder and renames it, so a crash never leaves half a file.</summary>
public static class AtomicFile
{
    public static void Write(string path, Action<string> writeTo)
    {
        string dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(dir);
        string tmp = Path.Combine(dir, TempName(Path.GetFileName(path)));
        try
        {
            writeTo(tmp);
            File.Move(tmp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp))
                File.Delete(tmp);
        }
    }

    /// <summary>Longest file name most Linux file systems take, in bytes.</summary>
    const int NameLimit = 255;

    /// <summary>
    /// ".NAME.PID.RANDOM.tmp", with NAME shortened so the whole stays within the file-name limit: a 244-byte photo name
    /// once failed with "path too long" because only its temporary name was too long.
    /// </summary>
    public static string TempName(string name)
    {
        string suffix = $".{Environment.ProcessId}.{Guid.NewGuid():N}"[..^20] + ".tmp";
        while (name.Length > 0 && System.Text.Encoding.UTF8.GetByteCount(name) + 1 + suffix.Length > NameLimit)
            name = name[..^1];
        return "." + name + suffix;
    }

    static readonly System.Text.RegularExpressions.Regex Stale = new(@"^\..*\.(\d+)\.[0-9a-f]{12,32}\.tmp$");

    /// <summary>
    /// Deletes the temporary files a killed write left in a folder (ours by their name, from a process that no longer
    /// runs); returns how many. A write in progress in another live process is left alone.
    /// </summary>
    public static int SweepStale(string folder)
    {
        int swept = 0;
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateFiles(folder, ".*.tmp").ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
        foreach (var f in candidates)
        {
            var m = Stale.Match(Path.GetFileName(f));
            if (!m.Success || !int.TryParse(m.Groups[1].Value, out int pid) || IsAlive(pid))
                continue;
            try
            {
                File.Delete(f);
                swept++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return swept;
    }

    static bool IsAlive(int pid)
    {
        if (pid == Environment.ProcessId)
            return true;
        try
        {
            using var p = System.Diagnostics.Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public static void WriteAllText(string path, string text) => Write(path, tmp => File.WriteAllText(tmp, text));

    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, tmp => File.WriteAllBytes(tmp, bytes));
}
