using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace BestShot.Tests;

/// <summary>`serve` over HTTP: what it answers, and what it refuses (traversal, cross-site writes, foreign Hosts).</summary>
[Trait("Category", "Slow")]
public class ServeHttpTests
{
    static async Task<string> Csrf(HttpClient http, string url) =>
        Regex.Match(await http.GetStringAsync(url + "/"), "<meta name=\"csrf\" content=\"([0-9a-f]+)\"").Groups[1].Value;

    static HttpRequestMessage Post(string url, string path, object body, string? csrf, string? origin)
    {
        var req = new HttpRequestMessage(HttpMethod.Post, url + path)
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        if (csrf != null)
            req.Headers.Add("X-BestShot-CSRF", csrf);
        if (origin != null)
            req.Headers.Add("Origin", origin);
        return req;
    }

    [Fact]
    public async Task TheApiListsMomentsBestFirstAndServesThumbnails()
    {
        await using var s = await ServedGallery.Start(ServedGallery.TwelveBursts());
        using var http = new HttpClient();
        using var page = JsonDocument.Parse(await http.GetStringAsync(s.Url + "/api/moments?limit=100"));
        var root = page.RootElement;
        Assert.True(root.GetProperty("progress").GetProperty("finished").GetBoolean());
        Assert.Equal(37, root.GetProperty("progress").GetProperty("total").GetInt32());
        var items = root.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(12, items.Count); // one card per burst
        Assert.All(items, m => Assert.Equal(3, m.GetProperty("count").GetInt32()));
        Assert.All(items, m => Assert.Equal("burst", m.GetProperty("kind").GetString())); // clean, shifted, blurred: no sweep
        Assert.All(items, m => Assert.Equal(JsonValueKind.Array, m.GetProperty("cover").GetProperty("reasons").ValueKind));
        var scores = items.Select(m => m.GetProperty("cover").GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
        // Unrounded, so the page rounds once, as cull and rank do: kodim03's 59.49 went out as 59.5 and read 60 on the page
        // against 59 in the cull sheet.
        Assert.Contains(scores, v => Math.Abs(v * 10 - Math.Round(v * 10)) > 1e-6);
        // No card shows the blurred frame.
        Assert.All(items, m => Assert.DoesNotContain("_2.jpg", m.GetProperty("cover").GetProperty("name").GetString()));
        var bad = Assert.Single(root.GetProperty("unreadable").EnumerateArray());
        Assert.Equal("zz_broken.jpg", bad.GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(bad.GetProperty("reason").GetString()));

        var cover = items[0].GetProperty("cover");
        var thumb = await http.GetAsync(s.Url + cover.GetProperty("thumb").GetString());
        Assert.Equal("image/jpeg", thumb.Content.Headers.ContentType?.MediaType);
        using (var bitmap = SkiaSharp.SKBitmap.Decode(await thumb.Content.ReadAsByteArrayAsync()))
            Assert.Equal(360, bitmap.Width); // 360 px photos are not enlarged
        var original = await http.GetByteArrayAsync(s.Url + cover.GetProperty("file").GetString());
        Assert.Equal(File.ReadAllBytes(Path.Combine(s.Folder, cover.GetProperty("name").GetString()!)), original);
        using var moment = JsonDocument.Parse(
            await http.GetStringAsync(s.Url + "/api/moment/" + items[0].GetProperty("key").GetString())
        );
        Assert.Equal(3, moment.RootElement.GetProperty("photos").GetArrayLength());

        // The thumbnail was made once, and kept under the photo's content hash.
        string coverFile = Path.Combine(s.Folder, cover.GetProperty("name").GetString()!);
        string hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(coverFile)));
        Assert.Single(Directory.GetFiles(s.ThumbnailFolder, hash + "-*.jpg", SearchOption.AllDirectories));
        // Every photo, not one per moment; and a page that loads nothing from elsewhere.
        using var all = JsonDocument.Parse(await http.GetStringAsync(s.Url + "/api/moments?all=true&limit=100"));
        Assert.Equal(36, all.RootElement.GetProperty("total").GetInt32());
        string html = await http.GetStringAsync(s.Url + "/");
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
        Assert.DoesNotContain("http", await http.GetStringAsync(s.Url + "/app.js"));
    }

    [Fact]
    public void TheScanPublishesScoredPhotosBeforeItFinishes()
    {
        string dir = ServedGallery.TwelveBursts();
        var gallery = new BestShot.Web.Gallery(
            new BestShot.Web.ServeOptions
            {
                Roots = [dir],
                ScanChunk = 8,
                ThumbnailFolder = TestPaths.TempDir("scan-thumbs"),
            }
        );
        var steps = new List<BestShot.Web.GallerySnapshot>();
        gallery.Scan(CancellationToken.None, onStep: steps.Add);
        Assert.True(steps.Count >= 3, $"{steps.Count} steps");
        Assert.False(steps[0].Finished);
        Assert.Equal(8, steps[0].Scanned);
        Assert.NotEmpty(steps[0].Moments); // the page has moments to show after the first 8 photos
        Assert.Equal(steps.Select(s => s.Scanned).Order(), steps.Select(s => s.Scanned));
        Assert.True(steps[^1].Finished);
        Assert.Equal(37, steps[^1].Scanned);
        Assert.Equal(12, steps[^1].Moments.Count);
    }

    [Fact]
    public async Task TraversalAndFilesOutsideTheRootsAreRefusedWith404()
    {
        string dir = ServedGallery.TwelveBursts();
        string outside = TestPaths.TempDir("outside");
        File.Copy(Path.Combine(dir, "b00_0.jpg"), Path.Combine(outside, "secret.jpg"));
        File.CreateSymbolicLink(Path.Combine(dir, "link.jpg"), Path.Combine(outside, "secret.jpg"));
        await using var s = await ServedGallery.Start(dir);
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(s.Url + "/file/0/b00_0.jpg")).StatusCode);
        string[] probes =
        [
            "/file/0/../../../../etc/passwd",
            "/file/0/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
            "/file/0/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
            "/file/0/..%2f..%2fetc%2fpasswd",
            "/file/0//etc/passwd",
            "/file/0/%2Fetc%2Fpasswd",
            "/file/1/b00_0.jpg",
            "/file/0/link.jpg",
            "/file/0/zz_broken.jpg.xmp",
            "/thumb/9999",
        ];
        foreach (var probe in probes)
        {
            var req = new HttpRequestMessage(HttpMethod.Get, new Uri(s.Url + probe, UriKind.Absolute));
            var r = await http.SendAsync(req);
            Assert.True(r.StatusCode == HttpStatusCode.NotFound, $"{probe}: {(int)r.StatusCode}");
        }
        Assert.DoesNotContain(s.Gallery.Photos, p => p.Path.EndsWith("link.jpg", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WritesNeedTheSameOriginAndTheCsrfTokenAndGetsChangeNothing()
    {
        await using var s = await ServedGallery.Start(ServedGallery.TwelveBursts());
        using var http = new HttpClient();
        string csrf = await Csrf(http, s.Url);
        Assert.Equal(48, csrf.Length);
        var body = new { photo = 0, action = "pick" };
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(Post(s.Url, "/api/decide", body, null, s.Url))).StatusCode);
        Assert.Equal(
            HttpStatusCode.Forbidden,
            // one digit changed (the token starts with "0" one time in 16: then "1")
            (await http.SendAsync(Post(s.Url, "/api/decide", body, (csrf[0] == '0' ? "1" : "0") + csrf[1..], s.Url))).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await http.SendAsync(Post(s.Url, "/api/decide", body, csrf, "http://evil.example"))).StatusCode
        );
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(Post(s.Url, "/api/decide", body, csrf, null))).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await http.GetAsync(s.Url + "/api/decide?photo=0&action=pick")).StatusCode);
        Assert.Empty(Directory.GetFiles(s.Folder, "*.xmp")); // nothing refused wrote anything

        var ok = await http.SendAsync(Post(s.Url, "/api/decide", body, csrf, s.Url));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.True((await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("picked").GetBoolean());
        Assert.Single(Directory.GetFiles(s.Folder, "*.xmp"));
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(Post(s.Url, "/api/undo", new { }, csrf, s.Url))).StatusCode);
        Assert.Empty(Directory.GetFiles(s.Folder, "*.xmp")); // undo removed the sidecar it had created

        // The filters see the decisions: one pick, one reject, one photo with 4 stars.
        await http.SendAsync(Post(s.Url, "/api/decide", new { photo = 3, action = "pick" }, csrf, s.Url));
        await http.SendAsync(Post(s.Url, "/api/decide", new { photo = 4, action = "reject" }, csrf, s.Url));
        await http.SendAsync(
            Post(
                s.Url,
                "/api/decide",
                new
                {
                    photo = 5,
                    action = "stars",
                    stars = 4,
                },
                csrf,
                s.Url
            )
        );
        async Task<int[]> Ids(string query)
        {
            using var doc = JsonDocument.Parse(await http.GetStringAsync(s.Url + "/api/moments?all=true&limit=100&" + query));
            var items = doc.RootElement.GetProperty("items").EnumerateArray();
            return items.Select(m => m.GetProperty("cover").GetProperty("id").GetInt32()).Order().ToArray();
        }
        Assert.Equal(new[] { 3 }, await Ids("filter=picks"));
        Assert.Equal(new[] { 4 }, await Ids("filter=rejects"));
        Assert.Equal(new[] { 5 }, await Ids("filter=stars&min=4"));
        Assert.Empty(await Ids("filter=stars&min=5"));
        Assert.Equal(33, (await Ids("filter=unrated")).Length);
    }

    /// <summary>
    /// Issue 22: after `cull --write-xmp`, every keeper's sidecar carries a pick and stars, and the gallery showed them
    /// exactly like picks the person made. They are suggestions until the person decides, and the filters keep apart.
    /// </summary>
    [Fact]
    public async Task AfterCullWriteXmpTheKeepersAreSuggestionsUntilThePersonDecides()
    {
        string dir = ServedGallery.TwelveBursts();
        var cull = CliRunner.InProcess("cull", dir, "--write-xmp", "--cache", Path.Combine(TestPaths.TempDir("sg"), "s.sqlite"));
        Assert.True(cull.ExitCode == 3, cull.Stderr); // the broken file is skipped
        await using var s = await ServedGallery.Start(dir);
        using var http = new HttpClient();
        async Task<JsonElement[]> Covers(string query)
        {
            using var doc = JsonDocument.Parse(await http.GetStringAsync(s.Url + "/api/moments?all=true&limit=100&" + query));
            return doc.RootElement.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("cover").Clone()).ToArray();
        }
        var keepers = await Covers("filter=suggested");
        Assert.Equal(12, keepers.Length);
        Assert.All(keepers, p => Assert.True(p.GetProperty("suggested").GetBoolean() && p.GetProperty("picked").GetBoolean()));
        Assert.Empty(await Covers("filter=picks")); // the sidecar's pick is BestShot's, not the person's
        Assert.Equal(36, (await Covers("filter=unrated")).Length);

        string csrf = await Csrf(http, s.Url);
        int first = keepers[0].GetProperty("id").GetInt32();
        var ok = await http.SendAsync(Post(s.Url, "/api/decide", new { photo = first, action = "pick" }, csrf, s.Url));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var mine = await Covers("filter=picks");
        Assert.Equal([first], mine.Select(p => p.GetProperty("id").GetInt32()));
        Assert.False(mine[0].GetProperty("suggested").GetBoolean());
        Assert.Equal(11, (await Covers("filter=suggested")).Length);
    }

    [Fact]
    public async Task AForeignHostHeaderIsRefusedAndAPublicHostNeedsItsToken()
    {
        await using (var s = await ServedGallery.Start(ServedGallery.TwelveBursts()))
        {
            using var http = new HttpClient();
            var rebinding = new HttpRequestMessage(HttpMethod.Get, s.Url + "/api/moments");
            rebinding.Headers.Host = "attacker.example";
            Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(rebinding)).StatusCode);
            var local = new HttpRequestMessage(HttpMethod.Get, s.Url + "/api/moments");
            local.Headers.Host = "localhost";
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(local)).StatusCode);
        }

        await using var open = await ServedGallery.Start(ServedGallery.TwelveBursts(), token: "sesame", host: "0.0.0.0");
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies });
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(open.Url + "/api/moments")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(open.Url + "/?token=wrong")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(open.Url + "/?token=sesame")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(open.Url + "/api/moments")).StatusCode); // the cookie it set
    }
}

/// <summary>`bestshot serve` as a user starts it: a real process, stopped with Ctrl+C.</summary>
[Trait("Category", "Slow")]
public class ServeProcessTests
{
    [Fact]
    public async Task ServeScoresInTheBackgroundStopsOnCtrlCAndNeverLoadsLibtorch()
    {
        string dir = ServedGallery.TwelveBursts();
        string work = TestPaths.TempDir("serve-process");
        string maps = Path.Combine(work, "maps.txt");
        int port = 20000 + Random.Shared.Next(20000);
        var psi = CliRunner.InterruptibleStartInfo("serve", dir, "--port", port.ToString(), "--cache", Path.Combine(work, "s.sqlite"));
        psi.Environment["BESTSHOT_WRITE_MAPS"] = maps;
        psi.Environment["XDG_CACHE_HOME"] = work; // thumbnails
        using var p = System.Diagnostics.Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        using var http = new HttpClient();
        bool finished = false;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!finished && waited.Elapsed < TimeSpan.FromSeconds(120) && !p.HasExited)
        {
            await Task.Delay(250);
            try
            {
                using var doc = JsonDocument.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/api/moments"));
                finished = doc.RootElement.GetProperty("progress").GetProperty("finished").GetBoolean();
            }
            catch (HttpRequestException) { } // not listening yet
        }
        Assert.True(finished, "the scan did not finish: " + (p.HasExited ? await stderr : "still running"));
        await System.Diagnostics.Process.Start("kill", ["-INT", p.Id.ToString()])!.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await p.WaitForExitAsync(timeout.Token);
        string err = await stderr;
        Assert.True(p.ExitCode == 0, $"exit {p.ExitCode}: {err}");
        Assert.Contains($"BestShot gallery: http://127.0.0.1:{port}/", err);
        Assert.Contains("zz_broken.jpg", err); // the unreadable file, named once
        CliRunner.AssertScoredWithoutLibtorch(maps);
    }

    [Fact]
    public async Task APublicHostWarnsAndPrintsItsTokenOnce()
    {
        int port = 20000 + Random.Shared.Next(20000);
        string work = TestPaths.TempDir("serve-public");
        var psi = CliRunner.InterruptibleStartInfo("serve", ServedGallery.TwelveBursts(), "--host", "0.0.0.0", "--port", port.ToString());
        psi.Environment["XDG_CACHE_HOME"] = work;
        using var p = System.Diagnostics.Process.Start(psi)!;
        var lines = new List<string>();
        string? link = null;
        while (link == null && await p.StandardError.ReadLineAsync() is { } line)
        {
            lines.Add(line);
            if (line.Contains("BestShot gallery: ", StringComparison.Ordinal))
                link = line;
        }
        Assert.NotNull(link);
        Assert.Contains(lines, l => l.StartsWith("warn: --host 0.0.0.0: anyone who can reach this machine", StringComparison.Ordinal));
        string token = System.Text.RegularExpressions.Regex.Match(link, "token=([0-9a-f]{32})").Groups[1].Value;
        Assert.Equal(32, token.Length);
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync($"http://127.0.0.1:{port}/api/moments")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.1:{port}/?token={token}")).StatusCode);
        await System.Diagnostics.Process.Start("kill", ["-INT", p.Id.ToString()])!.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await p.WaitForExitAsync(timeout.Token);
        string rest = await p.StandardError.ReadToEndAsync();
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(string.Join("\n", lines) + rest, token)); // shown once
    }

    [Fact]
    public void APublicHostPrintsAWarningAndARefusalNeedsNoServer()
    {
        var r = CliRunner.InProcess("serve", TestPaths.Samples, "--host", "not-an-address");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--host not-an-address: give an IP address", r.Stderr);
        var none = CliRunner.InProcess("serve", TestPaths.TempDir("empty-serve"));
        Assert.Contains("no photos found", none.Stderr);
    }
}
