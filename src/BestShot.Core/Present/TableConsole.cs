using Spectre.Console;

namespace BestShot.Core.Present;

/// <summary>
/// A Spectre console over a writer for tables. On a terminal, Spectre fits the table to the window; piped to a file or
/// another program there is no window, and Spectre's 80-column fallback wrapped and split file names, so the table is
/// then as wide as its content.
/// </summary>
public static class TableConsole
{
    const int Unbounded = 4096;

    public static IAnsiConsole For(TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        bool terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        if (!terminal)
            console.Profile.Width = Unbounded;
        return console;
    }
}
