using System.CommandLine;
using BestShot.Core.Features;
using BestShot.Core.Rank;
using Spectre.Console;

namespace BestShot.Cli.Commands;

/// <summary>`bestshot cache`: where the caches live, how big they are, and `cache clear` to delete them.</summary>
public static class CacheCommand
{
    static string[] Files(string db) => [db, db + "-wal", db + "-shm"];

    public static Command Create()
    {
        var show = new Command("cache", $"Show BestShot's caches (scores: {ScoreCache.DefaultPath}; training features: {FeatureCache.DefaultPath}); `cache clear` deletes them");
        show.SetAction(_ =>
        {
            var t = new Table().AddColumns("cache", "file", "size");
            foreach (var (name, path) in new[] { ("rank scores", ScoreCache.DefaultPath), ("training features", FeatureCache.DefaultPath) })
            {
                long size = Files(path).Where(File.Exists).Sum(f => new FileInfo(f).Length);
                t.AddRow(name, Markup.Escape(path), File.Exists(path) ? $"{size / 1048576.0:F1} MB" : "(none)");
            }
            Out.Std.Write(t);
            return ExitCodes.Ok;
        });
        var clear = new Command("clear", "Delete the score and feature caches (they are rebuilt on demand; photos are never touched)");
        clear.SetAction(_ =>
        {
            int removed = 0;
            foreach (var f in Files(ScoreCache.DefaultPath).Concat(Files(FeatureCache.DefaultPath)).Where(File.Exists))
            {
                File.Delete(f);
                removed++;
            }
            Out.Err.WriteLine(removed == 0 ? "No caches to clear." : $"Cleared {removed} cache files.");
            return ExitCodes.Ok;
        });
        show.Subcommands.Add(clear);
        return show;
    }
}
