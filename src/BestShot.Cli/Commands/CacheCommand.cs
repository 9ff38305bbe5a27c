using System.CommandLine;
using BestShot.Core.Data;
using Spectre.Console;

namespace BestShot.Cli.Commands;

/// <summary>`bestshot cache`: where the caches live, how big they are, and `cache clear` to delete them.</summary>
public static class CacheCommand
{
    public static Command Create(CliConsole console)
    {
        var show = new Command(
            "cache",
            $"Show BestShot's caches (photo facts, training features, gallery thumbnails, int8 backbones), all under "
                + $"{CacheRoot.Folder} unless --cache-dir says otherwise; `cache clear` deletes them"
        );
        show.SetAction(_ =>
        {
            var t = new Table().AddColumns("cache", "file", "size");
            foreach (var c in CacheRoot.List())
                t.AddRow(c.Name, Markup.Escape(c.Path), c.Bytes is long b ? $"{b / 1048576.0:F1} MB" : "(none)");
            console.Std.Write(t);
            return ExitCodes.Ok;
        });
        var clear = new Command("clear", "Delete every cache (they are rebuilt on demand; photos are never touched)");
        clear.SetAction(_ =>
        {
            int removed = CacheRoot.Clear();
            console.Note(removed == 0 ? "No caches to clear." : $"Cleared {removed} cache files.");
            return ExitCodes.Ok;
        });
        show.Subcommands.Add(clear);
        return show;
    }
}
