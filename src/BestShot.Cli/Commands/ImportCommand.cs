using System.CommandLine;
using BestShot.Core.Data;
using BestShot.Core.Filter;
using BestShot.Core.Import;
using Spectre.Console;

namespace BestShot.Cli.Commands;

/// <summary>`bestshot import SOURCE --out DATASET`: a posts table or an Instaloader download → a canonical dataset.</summary>
public static class ImportCommand
{
    public static Command Create(CliConsole console)
    {
        var source = new Argument<string>("source")
        {
            Description = "A posts table (.csv or .jsonl) or an Instaloader download (one profile folder, or a folder of them)",
        };
        var output = new Option<string>("--out", "-o") { Description = "Dataset folder to write (posts.csv)", Required = true };
        var followers = new Option<double?>("--followers")
        {
            Description = "Instaloader: follower count when the download does not record it",
        };
        var following = new Option<double?>("--following")
        {
            Description = "Instaloader: following count when the download does not record it",
        };
        var scrape = new Option<string?>("--scrape-time")
        {
            Description =
                "Instaloader: when the download was made (unix seconds or ISO 8601); default: each metadata file's modification time",
        };
        var ratings = new Option<bool>("--ratings")
        {
            Description =
                "SOURCE is a folder of photos rated by hand (XMP sidecars or embedded XMP): stars are the label, a reject "
                + "the lowest, unrated photos are left out",
        };
        var shoots = new Option<ShootBy>("--shoots")
        {
            Description = "--ratings: what a shoot (compared within, like one account's posts) is: a folder, or a capture day",
            DefaultValueFactory = _ => ShootBy.Folder,
        };
        var filters = DatasetChoices.Filters();
        var cmd = new Command("import", "Import posts (or rated photos) and validate them; prints the seed's filter report")
        {
            source,
            output,
            followers,
            following,
            scrape,
            ratings,
            shoots,
        };
        filters.AddTo(cmd);
        cmd.SetAction(r =>
        {
            DateTimeOffset? scrapeTime = null;
            if (r.GetValue(scrape) is string s)
            {
                if (!TimeParser.TryParse(s, out long unix))
                {
                    console.Error($"--scrape-time '{s}' is not a unix time or an ISO 8601 date");
                    return ExitCodes.BadInput;
                }
                scrapeTime = DateTimeOffset.FromUnixTimeSeconds(unix);
            }
            var report = new ImportReport { OnSkip = console.Skip };
            List<Post> posts;
            try
            {
                posts = r.GetValue(ratings)
                    ? PostImporter.ImportRatings(r.GetValue(source)!, r.GetValue(shoots), report)
                    : PostImporter.Import(
                        r.GetValue(source)!,
                        new InstaloaderOptions
                        {
                            Followers = r.GetValue(followers),
                            Following = r.GetValue(following),
                            ScrapeTime = scrapeTime,
                        },
                        report
                    );
            }
            catch (DatasetException e)
            {
                console.Error(e.Message);
                return ExitCodes.BadInput;
            }
            if (posts.Count == 0)
            {
                console.Error(
                    r.GetValue(ratings)
                        ? $"no rated photos found in {r.GetValue(source)} (stars come from XMP sidecars or embedded XMP: "
                            + "rate some photos in darktable, digiKam or Lightroom first); nothing written"
                        : $"no posts found in {r.GetValue(source)} (expected an Instaloader download: one folder per "
                            + "profile with <time>_UTC.jpg and .json.xz files; for your own star ratings add --ratings); nothing written"
                );
                return ExitCodes.BadInput;
            }
            string outDir = r.GetValue(output)!;
            DatasetFile.Write(outDir, posts);

            var f = SeedFilter.Apply(posts, filters.Bind(r));
            var table = new Table().AddColumns("", "count");
            var w = Vocabulary.For(posts);
            table.AddRow(w.Ratings ? "photos read" : "rows read", report.RowsRead.ToString());
            table.AddRow("skipped (bad)", report.Skipped.Count.ToString());
            table.AddRow($"{w.Items} imported", posts.Count.ToString());
            table.AddRow(w.Groups, report.Users.ToString());
            table.AddRow($"{w.Items} passing the seed's filters", f.Kept.Count.ToString());
            table.AddRow($"{w.Groups} passing the seed's filters", f.UsersKept.ToString());
            console.Err.Write(table);
            console.Err.MarkupLineInterpolated(
                $"Wrote [bold]{Path.Combine(outDir, DatasetFile.PostsFileName)}[/]. `bestshot stats {outDir}` shows the full report."
            );
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
