using System.Globalization;
using System.Net;
using System.Text;
using BestShot.Core.Data;
using BestShot.Core.Rank;

namespace BestShot.Core.Present;

/// <summary>
/// A self-contained contact sheet: one HTML file with the thumbnails embedded as JPEG data URIs, best first, each
/// with its rank and score. Opens offline in any browser, and can be mailed or archived as one file.
/// </summary>
public static class HtmlReport
{
    public static void Write(
        string path,
        IReadOnlyList<RankedPhoto> ranked,
        string modelName,
        IReadOnlyList<(string Path, string Reason)> skipped
    )
    {
        var thumbs = Thumbnails
            .Jpegs(ranked.Select(r => r.Path).ToList())
            .Select(b => b == null ? null : Convert.ToBase64String(b))
            .ToArray();
        var ci = CultureInfo.InvariantCulture;
        double best = ranked.Count > 0 ? ranked[0].Score : 0,
            worst = ranked.Count > 0 ? ranked[^1].Score : 0;
        var s = new StringBuilder();
        s.Append(PageHead.Open("BestShot ranking"));
        s.Append(
            """
            header p.scale { margin-top: 4px; font-size: 13px; }
            main { display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 18px; padding: 20px 32px 40px; }
            figure { margin: 0; background: var(--card); border-radius: 10px; overflow: hidden; box-shadow: 0 1px 3px rgba(0,0,0,.4);
              position: relative; }
            figure.top { outline: 2px solid var(--gold); }
            figure img { display: block; width: 100%; height: 200px; object-fit: cover; background: #000; }
            .rank { position: absolute; top: 10px; left: 10px; background: rgba(0,0,0,.7); padding: 2px 10px; border-radius: 999px;
              font-weight: 600; }
            figure.top .rank { background: var(--gold); color: #111; }
            .reasons { position: absolute; top: 44px; left: 10px; right: 10px; background: rgba(0, 0, 0, 0.72); color: #ffd38a;
              border-radius: 6px; padding: 2px 8px; font-size: 13px; }
            figcaption { padding: 10px 12px 12px; }
            .score { font-variant-numeric: tabular-nums; font-weight: 600; }
            .bar { height: 4px; background: #33373d; border-radius: 2px; margin: 6px 0 8px; }
            .bar span { display: block; height: 100%; background: linear-gradient(90deg, #4f8cff, var(--gold)); border-radius: 2px; }
            .name { color: var(--muted); font-size: 13px; overflow-wrap: anywhere; }
            .missing { height: 200px; display: grid; place-items: center; color: var(--muted); }
            section.skipped { padding: 0 32px 32px; color: var(--muted); }
            </style></head><body>
            """
        );
        s.Append(
            ci,
            $"<header><h1>BestShot ranking</h1><p>{ranked.Count} photos, best first · model {WebUtility.HtmlEncode(modelName)} · "
                + $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC</p>{ScaleLegend(ranked)}</header>\n<main>\n"
        );
        for (int i = 0; i < ranked.Count; i++)
        {
            var r = ranked[i];
            // On the 0–100 scale the bar is absolute, so sheets of different folders compare; raw scores fill relative to this sheet.
            double fill =
                r.Score100 is double points ? points / 100
                : best > worst ? (r.Score - worst) / (best - worst)
                : 1;
            string shown = r.Score100 is double p100 ? p100.ToString("F0", ci) : r.Score.ToString("F3", ci);
            string name = WebUtility.HtmlEncode(Path.GetFileName(r.Path));
            s.Append(
                ci,
                $"<figure class=\"photo{(r.Rank == 1 ? " top" : "")}\" data-rank=\"{r.Rank}\" data-score=\"{r.Score:F4}\" "
                    + $"data-score100=\"{r.Score100:F1}\" "
                    + $"title=\"{WebUtility.HtmlEncode(r.Path)}\">"
            );
            s.Append(
                thumbs[i] is string b64
                    ? $"<img alt=\"{name}\" src=\"data:image/jpeg;base64,{b64}\">"
                    : "<div class=\"missing\">no preview</div>"
            );
            // Why a low score: the look checks' phrases, on the picture.
            if (r.Reasons is { Count: > 0 } reasons)
                s.Append($"<span class=\"reasons\">{WebUtility.HtmlEncode(string.Join(" · ", reasons))}</span>");
            s.Append(
                ci,
                $"<span class=\"rank\">#{r.Rank}</span><figcaption><span class=\"score\">{shown}</span><div class=\"bar\"><span "
                    + $"style=\"width:{fill * 100:F0}%\"></span></div><div class=\"name\">{name}</div></figcaption></figure>\n"
            );
        }
        s.Append("</main>\n");
        if (skipped.Count > 0)
        {
            s.Append(ci, $"<section class=\"skipped\"><h2>Skipped ({skipped.Count})</h2><ul>");
            foreach (var (p, why) in skipped)
                s.Append(ci, $"<li>{WebUtility.HtmlEncode(p)}: {WebUtility.HtmlEncode(why)}</li>");
            s.Append("</ul></section>\n");
        }
        s.Append("</body></html>\n");
        AtomicFile.WriteAllText(path, s.ToString());
    }

    static string ScaleLegend(IReadOnlyList<RankedPhoto> ranked) =>
        ranked.Count > 0 && ranked[0].Score100 == null
            ? "<p class=\"scale\">Raw model scores: this model has no 0–100 scale, so compare them within this sheet only.</p>"
            : "<p class=\"scale\">Scores on BestShot's 0–100 scale, the same in every folder: a typical clean photo scores about 70, "
                + "a ruined one (badly blurred, noisy or exposed) about 10.</p>";
}
