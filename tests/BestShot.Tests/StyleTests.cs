namespace BestShot.Tests;

/// <summary>The project's style rules that a compiler does not check.</summary>
public class StyleTests
{
    static readonly string[] SourcePatterns = ["*.cs", "*.js", "*.css", "*.html"];

    /// <summary>Hand-written sources under <paramref name="dirs"/>: C#, and the gallery's JS, CSS and HTML.</summary>
    static List<string> Sources(params string[] dirs)
    {
        var sep = Path.DirectorySeparatorChar;
        var files = dirs.Select(d => Path.Combine(TestPaths.RepoRoot, d))
            .SelectMany(r => SourcePatterns.SelectMany(p => Directory.EnumerateFiles(r, p, SearchOption.AllDirectories)))
            .Where(f => !f.Contains($"{sep}obj{sep}") && !f.Contains($"{sep}bin{sep}"))
            .ToList();
        Assert.True(files.Count > 50, $"found only {files.Count} source files");
        Assert.Contains(files, f => f.EndsWith(".js"));
        return files;
    }

    static string Relative(string f) => Path.GetRelativePath(TestPaths.RepoRoot, f);

    [Fact]
    public void NoSourceLineIsLongerThan140Characters()
    {
        var longLines = Sources("src", "tests")
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line.Length)))
            .Where(x => x.Length > 140)
            .Select(x => $"{Relative(x.f)}:{x.i + 1} ({x.Length})")
            .ToList();
        Assert.True(longLines.Count == 0, "lines over 140 characters: " + string.Join(", ", longLines));
    }

    [Fact]
    public void NoProductFileIsLongerThan300Lines()
    {
        var longFiles = Sources("src")
            .Select(f => (f, lines: File.ReadLines(f).Count()))
            .Where(x => x.lines > 300)
            .Select(x => $"{Relative(x.f)} ({x.lines} lines)")
            .ToList();
        Assert.True(longFiles.Count == 0, "files over 300 lines: " + string.Join(", ", longFiles));
    }
}
