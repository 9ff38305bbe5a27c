using BestShot.Core.Imaging;
using BestShot.Lab.Synth;
using BestShot.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace BestShot.Tests;

/// <summary>A gallery served in-process on a free loopback port, over a shoot written for the test, already scanned.</summary>
public sealed class ServedGallery : IAsyncDisposable
{
    public required WebApplication App { get; init; }
    public required Gallery Gallery { get; init; }
    public required string Folder { get; init; }
    public required string Url { get; init; }
    public required string ThumbnailFolder { get; init; }

    public static async Task<ServedGallery> Start(string folder, string? token = null, string host = "127.0.0.1")
    {
        var o = new ServeOptions
        {
            Roots = [folder],
            Host = host,
            Port = 0,
            Token = token,
            ScoreCachePath = Path.Combine(TestPaths.TempDir("serve-cache"), "scores.sqlite"),
            ThumbnailFolder = TestPaths.TempDir("serve-thumbs"),
        };
        var gallery = new Gallery(o);
        gallery.Scan(CancellationToken.None);
        var app = GalleryServer.Build(o, gallery);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        int port = new Uri(address).Port;
        return new ServedGallery
        {
            App = app,
            Gallery = gallery,
            Folder = folder,
            Url = $"http://127.0.0.1:{port}",
            ThumbnailFolder = o.ThumbnailFolder,
        };
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }

    /// <summary>
    /// A shoot of 12 bursts of 3 frames (clean, shifted, blurred) from the samples, a minute apart, with EXIF times,
    /// plus one unreadable file: what the keyboard test culls.
    /// </summary>
    public static string TwelveBursts()
    {
        string dir = TestPaths.TempDir("twelve-bursts");
        var start = new DateTimeOffset(2026, 7, 1, 10, 0, 0, TimeSpan.Zero);
        var sources = Directory.GetFiles(TestPaths.Samples).Where(PhotoFiles.IsPhoto).Order(StringComparer.Ordinal).ToList();
        for (int b = 0; b < 12; b++)
        {
            var src = ImageDecoder.Decode(sources[b % sources.Count]);
            // Three different regions of each sample: 12 scenes that do not look alike.
            int w = src.Width * 2 / 3,
                h = src.Height * 2 / 3,
                x0 = (b / sources.Count) * (src.Width - w) / 2;
            var scene = LanczosResizer.Resize(src.Crop(x0, (src.Height - h) / 2, w, h), 360, 240);
            var frames = new[]
            {
                scene,
                LanczosResizer.Resize(src.Crop(x0 + 4, (src.Height - h) / 2 + 3, w, h), 360, 240),
                Degrade.GaussianBlur(scene, 3),
            };
            for (int f = 0; f < 3; f++)
                ExifJpeg.Write(
                    frames[f],
                    Path.Combine(dir, $"b{b:D2}_{f}.jpg"),
                    90,
                    new ExifJpeg.Tags(start.AddSeconds(60 * b + 0.3 * f), "Gallery Cam", "1", 0)
                );
        }
        File.WriteAllBytes(Path.Combine(dir, "zz_broken.jpg"), [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 1, 2, 3]);
        return dir;
    }
}
