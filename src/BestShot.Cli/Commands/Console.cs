using BestShot.Training.Train;
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
    /// <summary>A file or folder left out of the work, and why: `skip: PATH: reason`.</summary>
    public static void Skip(string message) => System.Console.Error.WriteLine($"skip: {message}");
    /// <summary>The work goes on, but differently from what was asked: `warn: reason`.</summary>
    public static void Warn(string message) => System.Console.Error.WriteLine($"warn: {message}");

    /// <summary>Seconds between plain progress lines when stderr is redirected (BESTSHOT_PROGRESS_SECONDS overrides).</summary>
    static double LogInterval => double.TryParse(Environment.GetEnvironmentVariable("BESTSHOT_PROGRESS_SECONDS"), System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 10;

    /// <summary>Runs `work` under a progress display; work reports the steps done so far.</summary>
    public static void Progress(string label, int total, Action<Action<int>> work)
    {
        using var bar = StartProgress(label, total);
        work(bar.Report);
    }

    /// <summary>
    /// A progress bar on stderr. When stderr is redirected (a log file, CI) a bar would be noise, so a plain line
    /// is written every 10 seconds instead: a ten-minute feature extraction still shows it is alive.
    /// </summary>
    public static IProgressBar StartProgress(string label, int total) =>
        System.Console.IsErrorRedirected ? new ProgressLines(label, total, LogInterval) : new ProgressBar(Err, label, total);
}

/// <summary>Spectre's live progress bar, advanced from outside: Spectre runs the display on its own task.</summary>
sealed class ProgressBar : IProgressBar
{
    readonly TaskCompletionSource _finished = new();
    readonly Task _display;
    readonly ProgressTask _task;

    public ProgressBar(IAnsiConsole console, string label, int total)
    {
        var started = new TaskCompletionSource<ProgressTask>();
        _display = console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RateColumn(),
                new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                started.SetResult(ctx.AddTask(label, maxValue: total));
                await _finished.Task;
            });
        _task = started.Task.GetAwaiter().GetResult();
    }

    public void Report(int done) => _task.Value = done;

    public void Dispose()
    {
        _finished.TrySetResult();
        _display.GetAwaiter().GetResult();
    }
}

/// <summary>Plain progress lines every `interval` seconds, for a redirected stderr.</summary>
sealed class ProgressLines(string label, int total, double seconds) : IProgressBar
{
    readonly double _interval = seconds;
    readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    readonly object _gate = new();
    double _next = seconds;
    bool _finished;

    public void Report(int done)
    {
        lock (_gate)
        {
            double t = _clock.Elapsed.TotalSeconds;
            bool last = done >= total;
            if (_finished || (!last && t < _next)) return;
            _finished = last; // the final line is written once, and not at all for a job shorter than the interval
            _next = t + _interval;
            if (last && t < _interval) return;
            double rate = done / Math.Max(t, 1e-9);
            string left = done < total && rate > 0 ? $", about {TimeSpan.FromSeconds((total - done) / rate):h\\:mm\\:ss} left" : "";
            System.Console.Error.WriteLine(FormattableString.Invariant(
                $"{label}: {done}/{total} ({100.0 * done / Math.Max(1, total):F0} %), {rate:F1}/s{left}"));
        }
    }

    public void Dispose() { }
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
