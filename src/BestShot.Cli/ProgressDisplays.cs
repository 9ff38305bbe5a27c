using BestShot.Training.Train;
using Spectre.Console;

namespace BestShot.Cli;

/// <summary>Spectre's live progress bar, advanced from outside: Spectre runs the display on its own task.</summary>
sealed class ProgressBar : IProgressBar
{
    readonly TaskCompletionSource _finished = new();
    readonly Task _display;
    readonly ProgressTask _task;

    public ProgressBar(IAnsiConsole console, string label, int total)
    {
        var started = new TaskCompletionSource<ProgressTask>();
        _display = console
            .Progress()
            .Columns(
                new TaskDescriptionColumn(),
                new ProgressBarColumn(),
                new PercentageColumn(),
                new RateColumn(),
                new RemainingTimeColumn(),
                new SpinnerColumn()
            )
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

/// <summary>Plain progress lines at most every `seconds`, and a last one for jobs longer than that.</summary>
sealed class ProgressLines(TextWriter output, string label, int total, double seconds) : IProgressBar
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
            if (_finished || (!last && t < _next))
                return;
            _finished = last; // the final line is written once, and not at all for a job shorter than the interval
            _next = t + _interval;
            if (last && t < _interval)
                return;
            double rate = done / Math.Max(t, 1e-9);
            string left = done < total && rate > 0 ? $", about {TimeSpan.FromSeconds((total - done) / rate):h\\:mm\\:ss} left" : "";
            output.WriteLine(
                FormattableString.Invariant($"{label}: {done}/{total} ({100.0 * done / Math.Max(1, total):F0} %), {rate:F1}/s{left}")
            );
        }
    }

    public void Dispose() { }
}

/// <summary>Items per second (photos, batches...), from Spectre's own speed estimate.</summary>
sealed class RateColumn : ProgressColumn
{
    public override Spectre.Console.Rendering.IRenderable Render(
        Spectre.Console.Rendering.RenderOptions options,
        ProgressTask task,
        TimeSpan deltaTime
    ) => new Text(task.Speed is double s ? $"{s:F1}/s" : "", new Style(Color.Grey));
}
