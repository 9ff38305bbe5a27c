using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Playwright;

namespace BestShot.Tests;

/// <summary>
/// `serve` in a real browser: Playwright drives Debian's chromium (browsers cannot be downloaded here), culls a shoot
/// of 12 bursts with the keyboard, and the sidecars are read back with exiftool.
/// </summary>
[Trait("Category", "Slow")]
public class ServeBrowserTests
{
    const string Chromium = HeadlessChromium.Executable;

    static Dictionary<string, string> Hashes(string dir) =>
        Directory
            .GetFiles(dir, "*.jpg")
            .ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    static Dictionary<string, JsonElement> Exiftool(string sidecar)
    {
        var psi = new ProcessStartInfo("exiftool", ["-j", "-n", "-XMP:all", sidecar]) { RedirectStandardOutput = true };
        using var p = Process.Start(psi)!;
        string json = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement[0].EnumerateObject().ToDictionary(x => x.Name, x => x.Value.Clone());
    }

    /// <summary>A screenshot, also copied to docs/img when BESTSHOT_UPDATE_SCREENSHOTS=1 (the README shows serve.png).</summary>
    static async Task Shot(IPage page, string path)
    {
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        if (Environment.GetEnvironmentVariable("BESTSHOT_UPDATE_SCREENSHOTS") == "1")
            File.Copy(path, Path.Combine(TestPaths.RepoRoot, "docs", "img", Path.GetFileName(path)), overwrite: true);
    }

    [SkippableFact]
    public async Task KeyboardCullingOfTwelveBurstsWritesExactlyTheExpectedSidecars()
    {
        Skip.IfNot(File.Exists(Chromium), "Debian's chromium is missing (.ci/run installs it)");
        Skip.IfNot(File.Exists("/usr/bin/exiftool"), "exiftool is missing (.ci/run installs libimage-exiftool-perl)");
        string dir = ServedGallery.TwelveBursts();
        var before = Hashes(dir);
        await using var s = await ServedGallery.Start(dir);

        // What the grid will show, from the API: moments best first, each moment's frames best first.
        using var http = new HttpClient();
        using var listing = JsonDocument.Parse(await http.GetStringAsync(s.Url + "/api/moments?limit=100"));
        var moments = listing.RootElement.GetProperty("items").EnumerateArray().ToList();
        string Cover(int i) => moments[i].GetProperty("cover").GetProperty("name").GetString()!;
        using var fourth = JsonDocument.Parse(
            await http.GetStringAsync(s.Url + "/api/moment/" + moments[3].GetProperty("key").GetString())
        );
        var frames = fourth.RootElement.GetProperty("photos").EnumerateArray().Select(p => p.GetProperty("name").GetString()!).ToList();

        await using var chromium = await HeadlessChromium.Open();
        var page = chromium.Page;
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync(s.Url + "/");
        await page.WaitForSelectorAsync(".card[data-i='11'] img");
        await page.WaitForFunctionAsync("[...document.querySelectorAll('.card img')].every(i => i.complete && i.naturalWidth > 0)");
        Assert.Equal(12, await page.Locator(".card[data-i]").CountAsync());
        Assert.Contains("not readable", await page.Locator(".card.bad").InnerTextAsync()); // the broken file, as a placeholder
        // The bar counts photos, not files: it said "37 photos" for 36 photos and the broken file.
        Assert.Equal("36 photos · 1 unreadable", await page.Locator("#progress-text").InnerTextAsync());

        async Task Key(string key, string waitFor)
        {
            await page.Keyboard.PressAsync(key);
            await page.WaitForSelectorAsync(waitFor);
        }
        await Key("p", ".card[data-i='0'] .marks .pick:not(.suggested)");
        await page.Keyboard.PressAsync("ArrowRight");
        await Key("x", ".card[data-i='1'] .marks .rej:not(.suggested)");
        await page.Keyboard.PressAsync("ArrowDown");
        await Key("3", ".card[data-i='2'] .marks .stars:not(.suggested)");
        await page.Keyboard.PressAsync("ArrowDown");
        await Key("Enter", "#frames .frame.keeper");
        await page.Keyboard.PressAsync("ArrowRight");
        await Key("x", ".frame[data-i='1'] .marks .rej:not(.suggested)");
        await page.Keyboard.PressAsync("ArrowRight");
        await Key("p", ".frame[data-i='2'] .marks .pick:not(.suggested)");
        string shots = TestPaths.TempDir("serve-shot");
        await Shot(page, Path.Combine(shots, "serve-burst.png"));
        await Key("Space", "#large:not([hidden]) #large-img");
        await page.WaitForFunctionAsync("document.getElementById('large-img').naturalWidth > 0");
        await Shot(page, Path.Combine(shots, "serve-large.png"));
        await Key("z", "#stage.zoomed");
        await page.Keyboard.PressAsync("Escape");
        await page.Keyboard.PressAsync("Escape");
        await page.WaitForSelectorAsync("#burst", new PageWaitForSelectorOptions { State = WaitForSelectorState.Hidden });
        await page.Keyboard.PressAsync("ArrowDown");
        await Key("p", ".card[data-i='4'] .marks .pick:not(.suggested)");
        await page.Keyboard.PressAsync("u"); // undo the last pick: its sidecar goes
        await page.WaitForSelectorAsync(
            ".card[data-i='4'] .marks .pick:not(.suggested)",
            new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached }
        );
        await Key("?", "#help:not([hidden])");
        await page.Keyboard.PressAsync("?");

        string shot = Path.Combine(shots, "serve.png");
        await Shot(page, shot);
        Assert.True(new FileInfo(shot).Length > 50_000, "the screenshot shows thumbnails, not an empty page");
        Assert.Empty(errors);

        var expected = new Dictionary<string, string>
        {
            [Cover(0)] = "pick",
            [Cover(1)] = "reject",
            [Cover(2)] = "3",
            [frames[1]] = "reject",
            [frames[2]] = "pick",
        };
        Assert.Equal(
            expected.Keys.Select(n => n + ".xmp").Order(StringComparer.Ordinal),
            Directory.GetFiles(dir, "*.xmp").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)
        );
        foreach (var (name, what) in expected)
        {
            var x = Exiftool(Path.Combine(dir, name + ".xmp"));
            switch (what)
            {
                case "pick":
                    Assert.Equal(3, x["PickLabel"].GetInt32());
                    Assert.Equal("Green", x["Label"].GetString());
                    break;
                case "reject":
                    Assert.Equal(-1, x["Rating"].GetInt32());
                    Assert.Equal(1, x["PickLabel"].GetInt32());
                    break;
                default:
                    Assert.Equal(3, x["Rating"].GetInt32());
                    Assert.False(x.ContainsKey("PickLabel"));
                    break;
            }
        }
        Assert.Equal(before, Hashes(dir)); // the photos themselves are never written

        // A second tab sees the decisions on load.
        var second = await chromium.NewTab();
        await second.GotoAsync(s.Url + "/");
        await second.WaitForSelectorAsync(".card[data-i='0'] .marks .pick:not(.suggested)");
        Assert.Equal(1, await second.Locator(".card[data-i='1'] .marks .rej:not(.suggested)").CountAsync());
    }

    /// <summary>
    /// Issue 22: after `cull --write-xmp`, BestShot's keepers are suggestions (a dashed outline, "keep?") until the
    /// person presses P; the picked card then shows a solid "✓ pick". Screenshot: docs/img/serve-suggested.png.
    /// </summary>
    [SkippableFact]
    public async Task SuggestionsLookDifferentFromThePersonsOwnPicks()
    {
        Skip.IfNot(File.Exists(Chromium), "Debian's chromium is missing (.ci/run installs it)");
        string dir = ServedGallery.TwelveBursts();
        var cull = CliRunner.InProcess("cull", dir, "--write-xmp", "--cache", Path.Combine(TestPaths.TempDir("sgb"), "s.sqlite"));
        Assert.True(cull.ExitCode == 3, cull.Stderr);
        await using var s = await ServedGallery.Start(dir);
        await using var chromium = await HeadlessChromium.Open();
        var page = chromium.Page;
        await page.GotoAsync(s.Url + "/");
        await page.WaitForSelectorAsync(".card[data-i='11'] img");
        await page.WaitForFunctionAsync("[...document.querySelectorAll('.card img')].every(i => i.complete && i.naturalWidth > 0)");
        Assert.Equal(12, await page.Locator(".card .marks .pick.suggested").CountAsync());
        Assert.Equal(0, await page.Locator(".card .marks .pick:not(.suggested)").CountAsync());
        Assert.Equal("dashed", await page.Locator(".card[data-i='1']").EvaluateAsync<string>("e => getComputedStyle(e).borderTopStyle"));

        await page.Keyboard.PressAsync("p");
        await page.WaitForSelectorAsync(".card[data-i='0'] .marks .pick:not(.suggested)");
        Assert.Equal("✓ pick", await page.Locator(".card[data-i='0'] .marks .pick").InnerTextAsync());
        Assert.Equal(11, await page.Locator(".card .marks .pick.suggested").CountAsync());
        await page.Keyboard.PressAsync("ArrowRight"); // the selection's gold frame moves off the picked card
        await Shot(page, Path.Combine(TestPaths.TempDir("shots"), "serve-suggested.png"));
        Assert.Equal("solid", await page.Locator(".card[data-i='0']").EvaluateAsync<string>("e => getComputedStyle(e).borderTopStyle"));
    }
}
