using System.CommandLine;
using BestShot.Cli.Commands;
using BestShot.Core.Data;
using BestShot.Core.Facts;

namespace BestShot.Cli;

/// <summary>
/// bestshot's commands, in the order of the data flow: import → filter (stats) → features and model (synth, train,
/// eval, export) → score (rank) → present. Built on a console so that tests can run any command in-process.
/// </summary>
public static class BestShotCli
{
    /// <summary>
    /// Parses and runs. A command line that does not parse (a missing argument, an unknown option, a value of the wrong
    /// type) is bad input, exit 2, with one `error:` line each and where to find help; System.CommandLine's own
    /// handling would exit 1, the code this project keeps for bugs.
    /// </summary>
    public static int Run(CliConsole console, string[] args, InvocationConfiguration? configuration = null)
    {
        var parse = Build(console).Parse(args);
        if (parse.Errors.Count == 0)
            return Invoke(console, parse, configuration ?? new InvocationConfiguration());
        foreach (var e in parse.Errors)
            console.Error(e.Message);
        console.Note($"see: {string.Join(' ', ["bestshot", .. CommandPath(parse.CommandResult), "--help"])}");
        return ExitCodes.BadInput;
    }

    /// <summary>
    /// Runs the parsed command. Ctrl-C that ends in an OperationCanceledException anywhere is an interruption (130),
    /// not a bug: System.CommandLine's own handler returned 1 for it without a word. Any other exception is a bug
    /// (1), printed whole.
    /// </summary>
    static int Invoke(CliConsole console, ParseResult parse, InvocationConfiguration configuration)
    {
        configuration.EnableDefaultExceptionHandler = false;
        CacheRoot.Choose(parse.GetValue<string?>(CacheDirOption));
        try
        {
            return parse.Invoke(configuration);
        }
        catch (OperationCanceledException)
        {
            console.Note("interrupted");
            return ExitCodes.Interrupted;
        }
        catch (StoreException e)
        {
            // The photo-facts store is unusable (a newer schema, or a shared database gone for minutes): what was
            // scored before is stored, and the same command continues once the store answers.
            console.Error(e.Message);
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (DiskFull.Is(e))
        {
            // Files are written whole or not at all and caches commit as they go, so what finished is kept.
            console.Error($"the disk is full ({e.Message}): free some space and try again; what was finished is kept");
            return ExitCodes.BadInput;
        }
        catch (Exception e)
        {
            console.Bug(e);
            return ExitCodes.Bug;
        }
        finally
        {
            CacheRoot.Choose(null); // tests run many commands in one process
        }
    }

    const string CacheDirOption = "--cache-dir";

    static IEnumerable<string> CommandPath(System.CommandLine.Parsing.CommandResult? c)
    {
        var names = new List<string>();
        for (; c?.Parent is System.CommandLine.Parsing.CommandResult parent; c = parent)
            names.Insert(0, c.Command.Name);
        return names;
    }

    public static RootCommand Build(CliConsole console) =>
        new("BestShot scores your photos, ranks them and says which to keep.")
        {
            new Option<string?>(CacheDirOption)
            {
                Description = "Folder for every cache (default $XDG_CACHE_HOME/bestshot or ~/.cache/bestshot)",
                Recursive = true,
            },
            RankCommand.Create(console),
            CullCommand.Create(console),
            ServeCommand.Create(console),
            ImportCommand.Create(console),
            StatsCommand.Create(console),
            SynthCommand.Create(console),
            TrainCommand.Create(console),
            EvalCommand.Create(console),
            ExportCommand.Create(console),
            QualityHeadCommand.Create(console),
            BenchCommand.Create(console),
            CacheCommand.Create(console),
            Int8Command.Create(console),
        };
}
