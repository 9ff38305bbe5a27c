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
    CacheCommand.Create(),
    Int8Command.Create(),
};
int exit = root.Parse(args).Invoke();
// For tests: record which native libraries this process mapped (e.g. to prove `rank` never loads libtorch).
if (Environment.GetEnvironmentVariable("BESTSHOT_WRITE_MAPS") is { Length: > 0 } mapsPath && File.Exists("/proc/self/maps"))
    File.WriteAllText(mapsPath, File.ReadAllText("/proc/self/maps"));
return exit;
