namespace BestShot.Tests;

/// <summary>The project's style rules that a compiler does not check.</summary>
public class StyleTests
{
    [Fact]
    public void NoSourceLineIsLongerThan140Characters()
    {
        var roots = new[] { "src", "tests" }.Select(d => Path.Combine(TestPaths.RepoRoot, d));
        var files = roots
            .SelectMany(r => Directory.EnumerateFiles(r, "*.cs", SearchOption.AllDirectories))
            .Where(f =>
                !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")
            )
            .ToList();
        Assert.True(files.Count > 50, $"found only {files.Count} source files");
        var longLines = files
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line.Length)))
            .Where(x => x.Length > 140)
            .Select(x => $"{Path.GetRelativePath(TestPaths.RepoRoot, x.f)}:{x.i + 1} ({x.Length})")
            .ToList();
        Assert.True(longLines.Count == 0, "lines over 140 characters: " + string.Join(", ", longLines));
    }
}
