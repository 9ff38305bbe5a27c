using System.CommandLine;
using BestShot.Cli.Commands;

// bestshot: import → filter → features → model → train → score → rank/group → present.
var root = new RootCommand("BestShot scores your photos, ranks them and says which to keep.")
{
    RankCommand.Create(),
    ImportCommand.Create(),
    StatsCommand.Create(),
    SynthCommand.Create(),
    TrainCommand.Create(),
    EvalCommand.Create(),
    ExportCommand.Create(),
    BenchCommand.Create(),
};
return root.Parse(args).Invoke();
