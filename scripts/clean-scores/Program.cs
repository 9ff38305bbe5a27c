// Usage: dotnet run -c Release --project scripts/clean-scores -- DATASET PHOTOS INSTALOADER [MODEL]
//   DATASET: a `synth degradations` set made from PHOTOS (its users are photo{index}_{name}, index into PHOTOS);
//   its validation users (split seed 0, the reported split) name the clean originals never trained on.
// Prints, with the built-in model (or MODEL, a head file): the score distribution of those originals per collection (and of every photo
// under INSTALOADER), and of the set's held-out damaged copies per severity.
using BestShot.Core.Data;
using BestShot.Core.Imaging;
using BestShot.Core.Score;
using BestShot.Core.Synth;

var posts = DatasetFile.Read(args[0]);
var split = SplitAndPairs.SplitByUser(posts, 0);
var heldOut = split.Validation.Select(p => p.UserId).ToHashSet();
string root = Path.GetFullPath(args[1]);
var photos = PhotoFiles.Find(root);
var clean = heldOut.Select(u => photos[int.Parse(u[5..9])]).Concat(PhotoFiles.Find(args[2])).ToList();
var copies = split.Validation.Where(p => !p.PostId.EndsWith("__original", StringComparison.Ordinal)).ToList();
var paths = clean.Concat(copies.Select(p => Path.Combine(args[0], p.ImagePath))).ToList();

using var scorer = OnnxScorer.Open(args.Length > 3 ? args[3] : null);
var meta = new float[BestShot.Core.Features.MetadataFeatures.Count];
var scores = BatchScorer.Score(scorer, paths.Select(p => new ScoreRequest(p, meta)).ToList());
double Score(int i) => scorer.Scale!.To100(scores[i]!.Score);
string Collection(string p) => p.StartsWith(root, StringComparison.Ordinal) ? Path.GetRelativePath(root, p).Split('/')[0] : "instaloader";

void Table(string title, IEnumerable<(string Group, int Index)> rows)
{
    Console.WriteLine($"| {title} | photos | median | 10th percentile | under 30 |");
    Console.WriteLine("|---|---|---|---|---|");
    foreach (var g in rows.Where(x => scores[x.Index] != null).GroupBy(x => x.Group).OrderBy(g => g.Key, StringComparer.Ordinal))
    {
        var v = g.Select(x => Score(x.Index)).Order().ToList();
        Console.WriteLine($"| {g.Key} | {v.Count} | {v[v.Count / 2]:F0} | {v[v.Count / 10]:F0} | {100.0 * v.Count(x => x < 30) / v.Count:F0} % |");
    }
}

Console.WriteLine($"{heldOut.Count} held-out sources of {photos.Count}; built-in model {scorer.ModelId}");
Table("clean originals", clean.Select((p, i) => (Collection(p), i)));
Table("damaged copies, severity", copies.Select((p, k) => (DegradationsSynth.Parse(p.PostId)!.Value.Severity.ToString(), clean.Count + k)));
