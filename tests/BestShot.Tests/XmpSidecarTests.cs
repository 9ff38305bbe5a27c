using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using BestShot.Core.Group;
using BestShot.Core.Imaging;
using BestShot.Core.Present;

namespace BestShot.Tests;

/// <summary>`cull --write-xmp`: sidecars read back with exiftool, merged with other tools' work, originals untouched.</summary>
[Trait("Category", "Slow")]
public class XmpSidecarTests
{
    static void RequireExiftool() =>
        Skip.IfNot(
            File.Exists("/usr/bin/exiftool"),
            "exiftool is missing (Debian: libimage-exiftool-perl, which .ci/run installs); it checks the sidecars"
        );

    /// <summary>exiftool's reading of one sidecar's XMP, by tag name (group prefixes dropped).</summary>
    static Dictionary<string, JsonElement> Exiftool(string sidecar)
    {
        var psi = new ProcessStartInfo("exiftool", ["-j", "-XMP:all", sidecar]) { RedirectStandardOutput = true };
        using var p = Process.Start(psi)!;
        string json = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement[0].EnumerateObject().ToDictionary(x => x.Name, x => x.Value.Clone());
    }

    static Dictionary<string, string> Hashes(string dir) =>
        Directory.GetFiles(dir, "*.jpg").ToDictionary(f => f, f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    const string DarktableSidecar = """
        <x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="XMP Core 4.4.0-Exiv2">
         <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
          <rdf:Description rdf:about=""
            xmlns:xmp="http://ns.adobe.com/xap/1.0/"
            xmlns:dc="http://purl.org/dc/elements/1.1/"
            xmlns:darktable="http://darktable.sf.net/"
           xmp:Rating="2"
           darktable:history_end="1">
           <dc:subject><rdf:Bag><rdf:li>holiday</rdf:li><rdf:li>coffee</rdf:li></rdf:Bag></dc:subject>
           <darktable:history><rdf:Seq><rdf:li darktable:operation="exposure" darktable:enabled="1"
             darktable:params="0000000000000000"/></rdf:Seq></darktable:history>
          </rdf:Description>
         </rdf:RDF>
        </x:xmpmeta>
        """;

    [SkippableFact]
    public void SidecarsCarryRatingsLabelsAndPicksAndOriginalsKeepTheirHashes()
    {
        RequireExiftool();
        string dir = CullTests.Shoot();
        var before = Hashes(dir);
        string cache = Path.Combine(TestPaths.TempDir("xmp-cache"), "scores.sqlite");

        // A dry run writes nothing.
        var dry = CliRunner.InProcess("cull", dir, "--write-xmp", "--dry-run", "--cache", cache);
        Assert.True(dry.ExitCode == 0, dry.Stderr);
        Assert.Contains("would write 6 XMP sidecars", dry.Stderr);
        Assert.Empty(Directory.GetFiles(dir, "*.xmp"));

        var r = CliRunner.InProcess("cull", dir, "--write-xmp", "--json", "--cache", cache);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("wrote 6 XMP sidecars", r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        foreach (var photo in doc.RootElement.EnumerateArray().SelectMany(g => g.GetProperty("photos").EnumerateArray()))
        {
            string path = photo.GetProperty("path").GetString()!;
            var xmp = Exiftool(path + ".xmp");
            double score = photo.GetProperty("score").GetDouble();
            bool keeper = photo.GetProperty("keeper").GetBoolean(),
                reject = photo.GetProperty("reject").GetBoolean();
            Assert.Equal(reject ? -1 : photo.GetProperty("stars").GetInt32(), xmp["Rating"].GetInt32());
            Assert.Equal(Math.Round(score, 1), double.Parse(xmp["Score"].ToString(), System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(keeper ? "Green" : null, xmp.TryGetValue("Label", out var l) ? l.GetString() : null);
            Assert.Equal(
                keeper ? 3
                    : reject ? 1
                    : 0,
                xmp.TryGetValue("PickLabel", out var pick) ? pick.GetInt32() : 0
            );
        }
        Assert.Equal(before, Hashes(dir)); // the photos themselves were never written
    }

    [SkippableFact]
    public void ADarktableSidecarIsMergedAndItsHandSetRatingKept()
    {
        RequireExiftool();
        string dir = CullTests.Shoot();
        string sidecar = Path.Combine(dir, "c1.jpg.xmp");
        File.WriteAllText(sidecar, DarktableSidecar);
        File.WriteAllText(Path.Combine(dir, "r1.jpg.xmp"), "<x:xmpmeta this is not XML");
        byte[] broken = File.ReadAllBytes(Path.Combine(dir, "r1.jpg.xmp"));
        string cache = Path.Combine(TestPaths.TempDir("xmp-merge-cache"), "scores.sqlite");

        var r = CliRunner.InProcess("cull", dir, "--write-xmp", "--cache", cache);
        Assert.Equal(3, r.ExitCode); // some input was skipped: the broken sidecar
        Assert.Contains($"skip: {Path.Combine(dir, "r1.jpg.xmp")}: unreadable sidecar", r.Stderr);
        Assert.Equal(broken, File.ReadAllBytes(Path.Combine(dir, "r1.jpg.xmp")));
        Assert.Contains("wrote 5 XMP sidecars; 1 ratings set by hand kept", r.Stderr);

        var merged = Exiftool(sidecar);
        Assert.Equal(2, merged["Rating"].GetInt32()); // set by hand: kept
        Assert.Equal(["holiday", "coffee"], merged["Subject"].EnumerateArray().Select(x => x.GetString()));
        Assert.Equal("exposure", merged["HistoryOperation"].GetString());
        Assert.True(merged.ContainsKey("Score"));

        // Asked to, BestShot replaces the hand-set rating; the history and keywords stay.
        var again = CliRunner.InProcess("cull", dir, "--write-xmp", "--overwrite-ratings", "--json", "--cache", cache);
        var replaced = Exiftool(sidecar);
        int stars = JsonDocument
            .Parse(again.Stdout)
            .RootElement.EnumerateArray()
            .SelectMany(g => g.GetProperty("photos").EnumerateArray())
            .Single(p => p.GetProperty("path").GetString() == Path.Combine(dir, "c1.jpg"))
            .GetProperty("stars")
            .GetInt32();
        Assert.Equal(stars, replaced["Rating"].GetInt32());
        Assert.Equal("exposure", replaced["HistoryOperation"].GetString());
        Assert.Equal(2, replaced["Subject"].GetArrayLength());
        // ...and from then on the rating is BestShot's own, so a plain rerun may update it.
        var third = CliRunner.InProcess("cull", dir, "--write-xmp", "--cache", cache);
        Assert.Contains("0 ratings set by hand kept", third.Stderr);
    }

    [Fact]
    public void SidecarNamesAndStars()
    {
        Assert.Equal("/p/IMG_0001.CR2.xmp", XmpSidecars.PathFor("/p/IMG_0001.CR2", SidecarName.Full));
        Assert.Equal("/p/IMG_0001.xmp", XmpSidecars.PathFor("/p/IMG_0001.CR2", SidecarName.Adobe));
        Assert.Equal([1, 2, 3, 4, 5], new[] { 10.0, 30, 50, 70, 80 }.Select(Stars.Absolute));
    }

    [SkippableFact]
    public void WhenTheKeeperChangesItsLabelAndPickMoveButHandSetOnesStay()
    {
        RequireExiftool();
        string dir = TestPaths.TempDir("xmp-keeper");
        string a = Path.Combine(dir, "a.jpg"),
            b = Path.Combine(dir, "b.jpg"),
            c = Path.Combine(dir, "c.jpg");
        var capture = new BestShot.Core.Imaging.CaptureInfo(DateTimeOffset.UnixEpoch, "exif", "cam");
        BestShot.Core.Group.CulledPhoto P(string path, bool keeper) => new(path, 70, keeper, false, null, capture);
        File.WriteAllText(
            c + ".xmp",
            """<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">"""
                + """<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:Label="Red"/></rdf:RDF></x:xmpmeta>"""
        );
        var o = new XmpOptions();
        foreach (var p in new[] { P(a, true), P(b, false), P(c, true) })
            Assert.Null(XmpSidecars.Write(p, o).Problem);
        // A second cull makes b the keeper.
        foreach (var p in new[] { P(a, false), P(b, true), P(c, false) })
            Assert.Null(XmpSidecars.Write(p, o).Problem);
        var (ta, tb, tc) = (Exiftool(a + ".xmp"), Exiftool(b + ".xmp"), Exiftool(c + ".xmp"));
        Assert.False(ta.ContainsKey("Label"), "the old keeper loses the label BestShot gave it");
        Assert.False(ta.ContainsKey("PickLabel"), "and its accepted pick");
        Assert.Equal("Green", tb["Label"].GetString());
        Assert.Equal(3, tb["PickLabel"].GetInt32());
        Assert.Equal("Red", tc["Label"].GetString()); // set by hand: never BestShot's to change
    }
}
