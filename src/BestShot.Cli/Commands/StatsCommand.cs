using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using BestShot.Core.Data;
using BestShot.Core.Filter;
using BestShot.Core.Import;
using Spectre.Console;

namespace BestShot.Cli.Commands;

/// <summary>`bestshot stats DATASET`: the seed's dataset table and what each filter rejects.</summary>
public static class StatsCommand
{
    public static Command Create(CliConsole console)
    {
        var dataset = new Argument<string>("dataset") { Description = "Dataset folder written by import or synth" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of tables" };
        var split = DatasetChoices.Split();
        var filters = DatasetChoices.Filters();
        var cmd = new Command("stats", "Print the seed's dataset table (over kept posts), the filter report and the split")
        {
            dataset,
            json,
            split,
        };
        filters.AddTo(cmd);
        cmd.SetAction(r =>
        {
            List<Post> posts;
            try
            {
                posts = DatasetFile.Read(r.GetValue(dataset)!);
            }
            catch (DatasetException e)
            {
                console.Error(e.Message);
                return ExitCodes.BadInput;
            }
            var stats = DatasetStats.Compute(posts, filters.Bind(r));
            var splitOptions = new SplitOptions { Mode = r.GetValue(split), Filters = filters.Bind(r) };
            var applied = splitOptions.Apply(posts);
            if (r.GetValue(json))
                console.Print(ToJson(stats, applied));
            else
            {
                var words = Vocabulary.For(posts);
                Print(console, stats, words);
                console.Print(
                    $"{splitOptions.Describe(applied.Mode)}: {applied.Train.Count} train / {applied.Validation.Count} validation "
                        + $"{words.Items}, {applied.ScoredPairs} validation pairs"
                );
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }

    public static string ToJson(DatasetStats s, SplitResult split)
    {
        object Sum(Summary x) =>
            new
            {
                mean = Nan(x.Mean),
                std = Nan(x.Std),
                median = Nan(x.Median),
                min = Nan(x.Min),
                max = Nan(x.Max),
            };
        return JsonSerializer.Serialize(
            new
            {
                posts_in = s.PostsIn,
                users_in = s.UsersIn,
                posts_kept = s.PostsKept,
                users_kept = s.UsersKept,
                post_likes = Sum(s.PostLikes),
                profile_avg_likes = Sum(s.ProfileAvgLikes),
                followers = Sum(s.Followers),
                following = Sum(s.Following),
                split = split.Mode.ToString().ToLowerInvariant(),
                train_posts = split.Train.Count,
                validation_posts = split.Validation.Count,
                validation_pairs = split.ScoredPairs,
                rejected = s.Rejections.ToDictionary(
                    x => x.Rule,
                    x => new
                    {
                        description = x.Description,
                        posts = x.Posts,
                        users = x.Users,
                    }
                ),
            }
        );
    }

    static double? Nan(double v) => double.IsNaN(v) ? null : v;

    static void Print(CliConsole console, DatasetStats s, Vocabulary words)
    {
        static string F(double v) =>
            double.IsNaN(v) ? "-"
            : Math.Abs(v) >= 100 || v == Math.Floor(v) ? v.ToString("N0", CultureInfo.InvariantCulture)
            : v.ToString("0.##", CultureInfo.InvariantCulture);
        var t = new Table().Title($"Dataset (kept {words.Items})").AddColumns("", "Number", "Mean", "Std", "Median", "Min", "Max");
        t.AddRow(Title(words.Groups), s.UsersKept.ToString("N0", CultureInfo.InvariantCulture), "", "", "", "", "");
        t.AddRow(Title(words.Items), s.PostsKept.ToString("N0", CultureInfo.InvariantCulture), "", "", "", "", "");
        if (words.Ratings)
        {
            // Stars are stored as likes (import --ratings); the order statistics map back exactly.
            static string Stars(double likes) => F(Math.Round(RatingsReader.StarsOf(likes), 2));
            var l = s.PostLikes;
            t.AddRow("Stars (0: rejected)", "", "", "", Stars(l.Median), Stars(l.Min), Stars(l.Max));
        }
        else
            foreach (
                var (name, x) in new[]
                {
                    ("Post Likes", s.PostLikes),
                    ("Profile Avg Likes", s.ProfileAvgLikes),
                    ("Followers", s.Followers),
                    ("Following", s.Following),
                }
            )
                t.AddRow(name, "", F(x.Mean), F(x.Std), F(x.Median), F(x.Min), F(x.Max));
        console.Std.Write(t);

        var f = new Table()
            .Title($"Filters: {s.PostsIn} {words.Items} / {s.UsersIn} {words.Groups} in, {s.PostsKept} / {s.UsersKept} kept")
            .AddColumns("rule", $"rejects {words.Items}", $"of {words.Groups}");
        static string Title(string w) => char.ToUpperInvariant(w[0]) + w[1..];
        // The seed's rules in the data's words: for rated photos, a shoot with fewer than 6 photos, stars far apart.
        string Rule(RuleCount x) =>
            !words.Ratings
                ? x.Description
                : x.Rule switch
                {
                    "min_posts" => x.Description.Replace("posts", "photos", StringComparison.Ordinal) + " in a shoot",
                    "max_likes_ratio" => "stars too far apart in a shoot (the seed's max/min likes rule)",
                    "min_age" => "rated less than a day after it was taken",
                    _ => "(does not apply to ratings)",
                };
        foreach (var x in s.Rejections)
            f.AddRow(Rule(x), x.Posts.ToString(), x.Users.ToString());
        console.Std.Write(f);
    }
}
