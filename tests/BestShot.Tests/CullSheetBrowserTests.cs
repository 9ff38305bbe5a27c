using System.Text.Json;
using Microsoft.Playwright;

namespace BestShot.Tests;

/// <summary>
/// The cull sheet as a person sees it, in Debian's chromium through Playwright (issue 22): no text box over another,
/// singles in a grid rather than a row each, siblings large enough to judge focus, and dimmed frames' text readable.
/// </summary>
[Trait("Category", "Slow")]
public class CullSheetBrowserTests
{
    const string Chromium = HeadlessChromium.Executable;

    /// <summary>
    /// Measured in the page: every pair of text boxes in a figure (badge, caption, reasons), their bounding boxes;
    /// every sibling picture's width; singles' positions; and each caption's contrast against the card (WCAG 2.1,
    /// with the opacity of every ancestor applied to the text colour).
    /// </summary>
    const string Measure = """
        () => {
          const lum = (c) => { const v = c.map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; });
            return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
          const rgb = (s) => s.match(/[\d.]+/g).slice(0, 3).map(Number);
          const card = rgb(getComputedStyle(document.querySelector('section.moment')).backgroundColor);
          const overlaps = [];
          for (const fig of document.querySelectorAll('figure')) {
            const boxes = [...fig.querySelectorAll('.badge, figcaption, .reasons, .why, .score')]
              .map(e => [e, e.getBoundingClientRect()]);
            for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
              const [a, ra] = boxes[i], [b, rb] = boxes[j];
              if (a.contains(b) || b.contains(a)) continue;
              const x = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
              const y = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
              if (x > 0.5 && y > 0.5) overlaps.push(fig.title + ': ' + a.className + ' / ' + b.className);
            }
          }
          const contrasts = [...document.querySelectorAll('figcaption, figcaption span')].map(e => {
            let alpha = 1; for (let n = e; n; n = n.parentElement) alpha *= +getComputedStyle(n).opacity;
            const fg = rgb(getComputedStyle(e).color).map((c, k) => alpha * c + (1 - alpha) * card[k]);
            const [l1, l2] = [lum(fg), lum(card)].sort((p, q) => q - p);
            return (l1 + 0.05) / (l2 + 0.05);
          });
          const siblings = [...document.querySelectorAll('.siblings figure img')].map(i => i.getBoundingClientRect().width);
          const singles = [...document.querySelectorAll('.singles section.moment')].map(s => s.getBoundingClientRect().top);
          return { overlaps, minContrast: Math.min(...contrasts), siblings, singles, height: document.body.scrollHeight };
        }
        """;

    [SkippableFact]
    public async Task TheSheetHasNoOverlappingTextSinglesInAGridLargeSiblingsAndReadableDimmedText()
    {
        Skip.IfNot(File.Exists(Chromium), "Debian's chromium is missing (.ci/run installs it)");
        // The cull shoot (a burst with two rejects carrying reasons, two singles) plus eight more single photos.
        string dir = CullTests.Shoot();
        var sources = Directory.GetFiles(TestPaths.Samples).Where(BestShot.Core.Imaging.PhotoFiles.IsPhoto).Order().ToList();
        for (int i = 0; i < 8; i++)
        {
            var img = BestShot.Core.Imaging.ImageDecoder.Decode(sources[i % sources.Count]);
            // The top-left or bottom-right half of a sample: ten pictures that do not look alike.
            int w = img.Width / 2,
                h = img.Height / 2;
            var crop = i < 4 ? img.Crop(0, 0, w, h) : img.Crop(img.Width - w, img.Height - h, w, h);
            string path = Path.Combine(dir, $"single{i}.jpg");
            BestShot.Core.Imaging.ImageEncoder.SaveJpeg(crop, path, 90);
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddDays(-i - 1));
        }
        string html = Path.Combine(TestPaths.TempDir("sheet"), "cull.html");
        var r = CliRunner.InProcess("cull", dir, "--html", html, "--no-cache");
        Assert.True(r.ExitCode == 0, r.Stderr);

        await using var chromium = await HeadlessChromium.Open();
        var page = chromium.Page;
        await page.GotoAsync("file://" + html);
        var m = await page.EvaluateAsync<JsonElement>(Measure);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.ChangeExtension(html, ".png"), FullPage = true });
        if (Environment.GetEnvironmentVariable("BESTSHOT_UPDATE_SCREENSHOTS") == "1")
            File.Copy(Path.ChangeExtension(html, ".png"), Path.Combine(TestPaths.RepoRoot, "docs", "img", "cull-sheet.png"), true);

        Assert.Empty(m.GetProperty("overlaps").EnumerateArray().Select(x => x.GetString()));
        Assert.True(m.GetProperty("minContrast").GetDouble() >= 4.5, $"contrast {m.GetProperty("minContrast")}");
        var siblings = m.GetProperty("siblings").EnumerateArray().Select(x => x.GetDouble()).ToList();
        Assert.Equal(3, siblings.Count);
        Assert.All(siblings, w => Assert.True(w >= 240, $"a sibling {w} px wide"));
        // Ten singles in rows of several: at most four distinct rows on a 1400 px page, not one row each.
        var tops = m.GetProperty("singles").EnumerateArray().Select(x => Math.Round(x.GetDouble())).ToList();
        Assert.True(tops.Count >= 10, $"{tops.Count} singles");
        Assert.True(tops.Distinct().Count() <= 4, $"singles on {tops.Distinct().Count()} rows");
    }
}
