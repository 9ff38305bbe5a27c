using Spectre.Console;

namespace BestShot.Cli.Commands;

/// <summary>
/// Human output goes to stderr through Spectre.Console, so stdout carries only what a command is asked to print
/// (tables, or --json). Errors are one line, naming the file and the problem.
/// </summary>
public static class Out
{
    public static readonly IAnsiConsole Err = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(System.Console.Error),
    });

    public static readonly IAnsiConsole Std = AnsiConsole.Console;

    public static void Error(string message) => System.Console.Error.WriteLine($"error: {message}");
    public static void Warn(string message) => System.Console.Error.WriteLine($"skip: {message}");

    /// <summary>A progress bar on stderr that does nothing when stderr is redirected, so logs stay readable.</summary>
    public static void Progress(string label, int total, Action<Action<int>> work)
    {
        if (System.Console.IsErrorRedirected)
        {
            work(_ => { });
            return;
        }
        Err.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RateColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(label, maxValue: total);
                work(done => task.Value = done);
            });
    }
}

/// <summary>Items per second (photos, batches...), from Spectre's own speed estimate.</summary>
sealed class RateColumn : ProgressColumn
{
    public override Spectre.Console.Rendering.IRenderable Render(Spectre.Console.Rendering.RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
        new Text(task.Speed is double s ? $"{s:F1}/s" : "", new Style(Color.Grey));
}

/// <summary>Exit codes shared by every command.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>Bad input: a missing or unreadable dataset, file or option value.</summary>
    public const int BadInput = 2;
}
