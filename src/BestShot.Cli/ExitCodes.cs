namespace BestShot.Cli;

/// <summary>Every exit code BestShot's commands return (the README's table lists them).</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>An unexpected failure: a bug, reported with its trace.</summary>
    public const int Bug = 1;

    /// <summary>Bad input: a missing or unreadable dataset, file or option value; or a full disk.</summary>
    public const int BadInput = 2;

    /// <summary>Some photos could not be read; the rest were ranked.</summary>
    public const int SomeSkipped = 3;

    /// <summary>Ctrl-C: the work done so far is kept (score cache, last checkpoint); the same command continues it.</summary>
    public const int Interrupted = 130;
}
