using BestShot.Core.Data;
using BestShot.Training.Train;
using Spectre.Console;

namespace BestShot.Cli;

/// <summary>
/// The two streams every command writes to. Std carries only what the command is asked to print (tables, --json,
/// --csv), so it can be piped; Err carries the rest: progress, `skip:` and `warn:` lines, errors, summaries. Every
/// message about a file is one line, naming the file and the problem. Tests pass Spectre's TestConsole for both.
/// </summary>
public sealed class CliConsole(IAnsiConsole std, IAnsiConsole err, bool liveProgress)
{
    public IAnsiConsole Std { get; } = std;
    public IAnsiConsole Err { get; } = err;

    /// <summary>Stdout as plain text: JSON and CSV must not be wrapped or styled.</summary>
    public TextWriter StdOut => Std.Profile.Out.Writer;
    TextWriter ErrOut => Err.Profile.Out.Writer;

    /// <summary>The process's own stdout and stderr; live progress bars only when stderr is a terminal.</summary>
    public static CliConsole ForProcess() =>
        new(
            AnsiConsole.Console,
            AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }),
            !Console.IsErrorRedirected
        );

    public void Print(string line) => StdOut.WriteLine(line);

    public void Error(string message) => ErrOut.WriteLine($"error: {SafeText.OneLine(message)}");

    /// <summary>An exception no code expected: one error line, then its whole trace for the report.</summary>
    public void Bug(Exception e)
    {
        Error($"unexpected failure (a bug; please report it): {e.GetType().Name}: {e.Message}");
        ErrOut.WriteLine(e.ToString());
    }

    /// <summary>A file or folder left out of the work, and why: `skip: PATH: reason`.</summary>
    public void Skip(string path, string reason) => ErrOut.WriteLine($"skip: {SafeText.OneLine(path)}: {SafeText.OneLine(reason)}");

    /// <summary>A skip line already joined by its source (the importer's "file:line: reason").</summary>
    public void Skip(string message) => ErrOut.WriteLine($"skip: {SafeText.OneLine(message)}");

    /// <summary>The work goes on, but differently from what was asked: `warn: reason`.</summary>
    public void Warn(string message) => ErrOut.WriteLine($"warn: {SafeText.OneLine(message)}");

    /// <summary>A plain line on stderr (summaries, "interrupted" notes).</summary>
    public void Note(string line) => ErrOut.WriteLine(SafeText.OneLine(line));

    /// <summary>A quiet, grey line on stderr.</summary>
    public void Info(string line) => Err.MarkupLine($"[grey]{Markup.Escape(line)}[/]");

    public void Wrote(string path) => Err.MarkupLine($"Wrote [bold]{Markup.Escape(path)}[/]");

    /// <summary>Runs `work` under a progress display; work reports the steps done so far.</summary>
    public void Progress(string label, int total, Action<Action<int>> work)
    {
        using var bar = StartProgress(label, total);
        work(bar.Report);
    }

    /// <summary>
    /// A progress bar on stderr. When stderr is not a terminal (a log file, CI) a bar would be noise, so a plain line
    /// is written every 10 seconds instead: a ten-minute feature extraction still shows it is alive.
    /// </summary>
    public IProgressBar StartProgress(string label, int total) =>
        liveProgress ? new ProgressBar(Err, label, total) : new ProgressLines(ErrOut, label, total, LogInterval);

    /// <summary>Seconds between plain progress lines (BESTSHOT_PROGRESS_SECONDS overrides).</summary>
    static double LogInterval =>
        double.TryParse(
            Environment.GetEnvironmentVariable("BESTSHOT_PROGRESS_SECONDS"),
            System.Globalization.CultureInfo.InvariantCulture,
            out var s
        )
            ? s
            : 10;
}
