using System.CommandLine;
using BestShot.Cli.Commands;

namespace BestShot.Cli;

/// <summary>
/// bestshot's commands, in the order of the data flow: import → filter (stats) → features and model (synth, train,
/// eval, export) → score (rank) → present. Built on a console so that tests can run any command in-process.
/// </summary>
public static class BestShotCli
{
    public static RootCommand Build(CliConsole console) =>
        new("BestShot scores your photos, ranks them and says which to keep.")
        {
            RankCommand.Create(console),
            CullCommand.Create(console),
            ServeCommand.Create(console),
            ImportCommand.Create(console),
            StatsCommand.Create(console),
            SynthCommand.Create(console),
            TrainCommand.Create(console),
            EvalCommand.Create(console),
            ExportCommand.Create(console),
            BenchCommand.Create(console),
            CacheCommand.Create(console),
            Int8Command.Create(console),
        };
}
