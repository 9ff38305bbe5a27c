using System.Runtime.InteropServices;

namespace BestShot.Cli;

/// <summary>
/// Work left running on Ctrl-C because it cannot be cancelled: ONNX Runtime loading a model. If the process then
/// ends normally, the runtime's shutdown and ONNX Runtime's static destructors run while that thread is still inside
/// the native library, and the process died of SIGSEGV (exit 139, seen in CI under load) after it had already said
/// "interrupted". Such a process ends with _exit instead: nothing is left to flush but the console, which is
/// flushed first, and nothing was written (an interrupted command writes no files).
/// </summary>
public static class LeftBehind
{
    static readonly List<Task> Tasks = [];

    public static void Track(Task task)
    {
        lock (Tasks)
            Tasks.Add(task);
    }

    public static bool Running
    {
        get
        {
            lock (Tasks)
                return Tasks.Any(t => !t.IsCompleted);
        }
    }

    /// <summary>Ends the process at once with the exit code, skipping the runtime's shutdown.</summary>
    public static void Exit(int code)
    {
        Console.Out.Flush();
        Console.Error.Flush();
        _exit(code);
    }

    [DllImport("libc", SetLastError = false)]
    static extern void _exit(int status);
}
