using Microsoft.Playwright;

namespace BestShot.Tests;

/// <summary>
/// A page in Debian's chromium, driven by Playwright (browsers cannot be downloaded here), 1400×900: what the browser
/// tests look through. Disposing closes the browser and Playwright's driver.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    public const string Executable = "/usr/bin/chromium";

    readonly IPlaywright _playwright;
    readonly IBrowser _browser;

    public IPage Page { get; }

    /// <summary>Another tab of the same browser (shared cookies, as a person's second tab).</summary>
    public Task<IPage> NewTab() => _browser.NewPageAsync();

    HeadlessChromium(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
    }

    public static async Task<HeadlessChromium> Open()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(
            new BrowserTypeLaunchOptions
            {
                ExecutablePath = Executable,
                Headless = true,
                Args = ["--no-sandbox"],
            }
        );
        var page = await browser.NewPageAsync(
            new BrowserNewPageOptions
            {
                ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
            }
        );
        return new HeadlessChromium(playwright, browser, page);
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
