using BestShot.Cli;

int exit = BestShotCli.Run(CliConsole.ForProcess(), args);

// For tests: record which native libraries this process mapped (e.g. to prove `rank` never loads libtorch).
if (Environment.GetEnvironmentVariable("BESTSHOT_WRITE_MAPS") is { Length: > 0 } mapsPath && File.Exists("/proc/self/maps"))
    File.WriteAllText(mapsPath, File.ReadAllText("/proc/self/maps"));

// A model load left running on Ctrl-C must not meet the runtime's shutdown (LeftBehind says why).
if (LeftBehind.Running)
    LeftBehind.Exit(exit);
return exit;
