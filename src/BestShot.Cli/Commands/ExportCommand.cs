using System.CommandLine;
using BestShot.Training.Train;
using Spectre.Console;

namespace BestShot.Cli.Commands;

/// <summary>`bestshot export RUN --out model.onnx`: the best checkpoint as one self-contained ONNX file.</summary>
public static class ExportCommand
{
    public static Command Create(CliConsole console)
    {
        var runArg = new Argument<string>("run") { Description = "A run folder (uses best.ckpt) or a checkpoint file" };
        var output = new Option<string>("--out", "-o") { Description = "ONNX file to write", Required = true };
        var headOnly = new Option<bool>("--head-only")
        {
            Description =
                "Write only the head (a few hundred KB); BestShot joins it to the packaged backbone when loading (frozen-backbone runs)",
        };
        var int8 = new Option<bool>("--int8")
        {
            Description = "Embed the int8 (QDQ) backbone instead of fp32: about 3× faster on CPUs (frozen-backbone runs)",
        };
        var cmd = new Command("export", "Export a trained run as one ONNX file (backbone, head and preprocessing constants)")
        {
            runArg,
            output,
            headOnly,
            int8,
        };
        cmd.SetAction(r =>
        {
            string run = r.GetValue(runArg)!;
            string checkpoint = Directory.Exists(run) ? new RunFolder(run).Best : run;
            try
            {
                Exporter.Export(checkpoint, r.GetValue(output)!, r.GetValue(headOnly), r.GetValue(int8));
            }
            catch (Exception e) when (e is CheckpointException or InvalidOperationException)
            {
                console.Error(e.Message);
                return ExitCodes.BadInput;
            }
            console.Wrote(r.GetValue(output)!);
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
