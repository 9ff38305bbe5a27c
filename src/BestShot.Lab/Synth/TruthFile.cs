using System.Text.Json;
using BestShot.Core.Data;

namespace BestShot.Lab.Synth;

/// <summary>
/// What a generator planted, written beside its dataset (synth.json, taste.json) for people and scripts to read:
/// indented JSON, written atomically so a killed generator never leaves half a truth.
/// </summary>
public static class TruthFile
{
    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Write(string path, object truth) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(truth, Indented));
}
