using System.Net;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using BestShot.Core.Imaging;
using BestShot.Core.Present;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BestShot.Web;

/// <summary>
/// The gallery's HTTP side. Reads are GETs and change nothing; every change is a POST that must come from the page
/// itself (same Origin, and the CSRF token the page was served with). On loopback the Host header must name loopback
/// (a DNS-rebinding page cannot reach it); on any other host every request must carry the access token. Files are
/// served only by id or by a path that is one of the gallery's photos, so `..`, encoded dots, absolute paths and
/// symlinks leading out of the roots all end in 404.
/// </summary>
public static class GalleryServer
{
    public const string CsrfHeader = "X-BestShot-CSRF",
        TokenCookie = "bestshot_token";

    public static WebApplication Build(ServeOptions o, Gallery gallery, Action<string>? log = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            if (o.Host == "localhost")
                k.ListenLocalhost(o.Port);
            else
                k.Listen(IPAddress.Parse(o.Host.Trim('[', ']')), o.Port);
        });
        builder.Services.AddSingleton(gallery);
        var app = builder.Build();
        string csrf = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var thumbs = new ThumbnailCache(o.ThumbnailFolder);

        app.Use(
            async (ctx, next) =>
            {
                if (Refusal(ctx, o, csrf) is { } refused)
                {
                    ctx.Response.StatusCode = refused.Status;
                    await ctx.Response.WriteAsync(refused.Why);
                    return;
                }
                await next();
            }
        );

        app.MapGet("/", () => Results.Content(Page(csrf), "text/html; charset=utf-8"));
        app.MapGet("/app.js", () => Results.Content(Asset("app.js"), "text/javascript; charset=utf-8"));
        app.MapGet("/base.css", () => Results.Content(PageHead.BaseCss, "text/css; charset=utf-8"));
        app.MapGet("/app.css", () => Results.Content(Asset("app.css"), "text/css; charset=utf-8"));
        app.MapGet(
            "/api/moments",
            (string? filter, int? min, bool? all, int? offset, int? limit) =>
                Results.Json(
                    GalleryApi.Moments(gallery, new GalleryQuery(filter ?? "all", min ?? 0, all != true, offset ?? 0, limit ?? 60))
                )
        );
        app.MapGet("/api/moment/{key}", (string key) => GalleryApi.Moment(gallery, key) is { } m ? Results.Json(m) : Results.NotFound());
        app.MapGet(
            "/thumb/{id:int}",
            (int id) =>
                gallery.ById(id) is { } p && thumbs.FileFor(p.Path) is { } file
                    ? Results.File(file, "image/jpeg", enableRangeProcessing: false)
                    : Results.NotFound()
        );
        app.MapGet("/file/{root:int}/{**rest}", (int root, string rest) => Original(gallery, root, rest));
        app.MapPost(
            "/api/decide",
            async (HttpRequest req) =>
                await ReadDecision(req) is var (r, bad) && bad == null ? Decide(gallery, r) : Results.BadRequest(bad)
        );
        app.MapPost("/api/undo", () => gallery.Undo() is { } p ? Results.Json(GalleryApi.Photo(gallery, p.Id)) : Results.NoContent());
        log?.Invoke($"serving {gallery.Photos.Count} photo files");
        return app;
    }

    public sealed record DecideRequest(int Photo, string Action, int Stars = 0);

    /// <summary>The request body, or one line on what is wrong with it (never an exception, which would be a 500).</summary>
    static async Task<(DecideRequest? Request, string? Problem)> ReadDecision(HttpRequest req)
    {
        if (!req.HasJsonContentType())
            return (null, "the body must be JSON (Content-Type: application/json)");
        try
        {
            return await req.ReadFromJsonAsync<DecideRequest>() is { } r ? (r, null) : (null, "the body is empty JSON (null)");
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or BadHttpRequestException or InvalidOperationException)
        {
            return (null, "the body is not a decision: {\"photo\": ID, \"action\": \"pick|reject|stars\", \"stars\": 0-5}");
        }
    }

    static IResult Decide(Gallery g, DecideRequest? r)
    {
        if (r == null || g.ById(r.Photo) is not { } photo)
            return Results.NotFound();
        if (g.Current.Unreadable.FirstOrDefault(u => u.Photo.Id == photo.Id) is { Photo: not null } unreadable)
            return Results.Problem(
                $"{Path.GetFileName(photo.Path)} could not be read ({unreadable.Reason}); no decision written",
                statusCode: 409
            );
        XmpDecisions.Action? action = r.Action switch
        {
            "pick" => XmpDecisions.Action.Pick,
            "reject" => XmpDecisions.Action.Reject,
            "stars" when r.Stars is >= 0 and <= 5 => XmpDecisions.Action.Stars,
            _ => null,
        };
        if (action == null)
            return Results.BadRequest("action must be pick, reject or stars (0-5)");
        return g.Decide(photo, action.Value, r.Stars) is { } problem
            ? Results.Problem(problem, statusCode: 409)
            : Results.Json(GalleryApi.Photo(g, photo.Id));
    }

    /// <summary>An original, only if the path names one of the gallery's photos under that root.</summary>
    static IResult Original(Gallery g, int root, string rest)
    {
        if (root < 0 || root >= g.RootPaths.Count || rest.Contains('\0'))
            return Results.NotFound();
        string full = Path.GetFullPath(Path.Combine(g.RootPaths[root], rest));
        var photo = g.Photos.FirstOrDefault(p => p.Root == root && Path.Combine(g.RootPaths[root], p.Relative) == full);
        if (photo == null)
            return Results.NotFound();
        if (RawFiles.IsRaw(photo.Path))
        {
            try
            {
                return Results.Bytes(ImageDecoder.ReadFile(photo.Path), "image/jpeg"); // the embedded preview
            }
            catch (ImageDecodeException)
            {
                return Results.NotFound();
            }
        }
        string type = Path.GetExtension(photo.Path).ToLowerInvariant() switch
        {
            ".jpg" or ".jpeg" or ".jpe" => "image/jpeg",
            ".png" => "image/png",
            ".webp" => "image/webp",
            ".gif" => "image/gif",
            ".avif" => "image/avif",
            _ => "application/octet-stream",
        };
        return Results.File(photo.Path, type);
    }

    /// <summary>Why a request is refused (status and a line of text), or null to let it through.</summary>
    static (int Status, string Why)? Refusal(HttpContext ctx, ServeOptions o, string csrf)
    {
        var req = ctx.Request;
        if (o.IsLoopback && !IsLoopbackHost(req.Host.Host))
            return (400, "bad Host header: this gallery answers to 127.0.0.1 and localhost only");
        if (o.Token != null)
        {
            string? given = req.Cookies[TokenCookie];
            if (req.Query["token"] is { Count: 1 } q && Same(q[0]!, o.Token))
            {
                ctx.Response.Cookies.Append(TokenCookie, o.Token, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict });
                given = o.Token;
            }
            if (given == null || !Same(given, o.Token))
                return (401, "this gallery needs its access token (the link `bestshot serve` printed)");
        }
        if (HttpMethods.IsGet(req.Method) || HttpMethods.IsHead(req.Method))
            return null;
        string origin = $"{req.Scheme}://{req.Host}";
        string? from = req.Headers.Origin.FirstOrDefault() ?? Referer(req);
        if (from == null || !string.Equals(from, origin, StringComparison.OrdinalIgnoreCase))
            return (403, "cross-origin request refused");
        if (req.Headers[CsrfHeader].FirstOrDefault() is not { } token || !Same(token, csrf))
            return (403, "missing or wrong CSRF token; reload the page");
        return null;
    }

    static string? Referer(HttpRequest req) =>
        Uri.TryCreate(req.Headers.Referer.FirstOrDefault(), UriKind.Absolute, out var u) ? $"{u.Scheme}://{u.Authority}" : null;

    static bool IsLoopbackHost(string host) => host is "localhost" or "127.0.0.1" or "[::1]" or "::1";

    static bool Same(string a, string b) => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    static string Page(string csrf) => Asset("index.html").Replace("{{CSRF}}", csrf, StringComparison.Ordinal);

    static string Asset(string name)
    {
        using var stream =
            Assembly.GetExecutingAssembly().GetManifestResourceStream("wwwroot/" + name)
            ?? throw new InvalidOperationException($"missing embedded asset {name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
