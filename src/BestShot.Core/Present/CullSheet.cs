using System.Globalization;
using System.Net;
using System.Text;
using BestShot.Core.Data;
using BestShot.Core.Group;

namespace BestShot.Core.Present;

/// <summary>
/// `cull --html`: one self-contained page, best moment first. A burst is a row: its keeper large with its score, the
/// other frames beside it at 240 px (large enough to judge focus), rejects' pictures dimmed and their reason written
/// in full-contrast text. Single photos share a grid, so a trip of 140 singles is a page, not a scroll of rows. Text
/// never sits on top of text: the look's phrases are a line of the caption, not a label over the picture.
/// Thumbnails are embedded, so the page opens offline and can be mailed as one file.
/// </summary>
public static class CullSheet
{
    public static void Write(string path, IReadOnlyList<Moment> moments)
    {
        var photos = moments.SelectMany(m => m.Photos).ToList();
        var thumbs = Thumbnails.Jpegs(photos.Select(p => p.Path).ToList());
        var thumbOf = photos.Select((p, i) => (p.Path, Thumb: thumbs[i])).ToDictionary(x => x.Path, x => x.Thumb);
        var ci = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.Append(PageHead.Open("BestShot cull"));
        s.Append(
            """
            section.moment { display: flex; gap: 14px; align-items: flex-start; margin: 18px 32px; padding: 14px;
              background: var(--card); border-radius: 10px; }
            .singles { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 14px; margin: 18px 32px; }
            .singles section.moment { margin: 0; display: block; }
            .singles figure.keeper, .singles figure.keeper img { width: 100%; }
            .singles figure.keeper img { height: auto; aspect-ratio: 3 / 2; }
            figure { margin: 0; position: relative; }
            figure img { display: block; border-radius: 6px; background: #000; object-fit: cover; }
            figure.keeper img { width: 360px; height: 240px; outline: 2px solid var(--gold); }
            figure.frame img { width: 240px; height: 160px; }
            figure.reject img { opacity: .45; outline: 2px solid var(--red); }
            figcaption { font-size: 13px; color: var(--muted); margin-top: 6px; max-width: 360px; overflow-wrap: anywhere; }
            figure.frame figcaption { max-width: 240px; }
            .singles figcaption { max-width: none; }
            .score { color: var(--text); font-weight: 600; font-variant-numeric: tabular-nums; }
            .why { display: block; color: #ff9d97; }
            .badge { position: absolute; top: 8px; left: 8px; background: var(--gold); color: #111; border-radius: 999px; padding: 1px 9px;
              font-weight: 600; font-size: 13px; }
            .reasons { display: block; margin-top: 3px; color: #ffd38a; font-size: 12px; }
            .siblings { display: flex; flex-wrap: wrap; gap: 12px; }
            .missing { width: 240px; height: 160px; display: grid; place-items: center; color: var(--muted); background: #000;
              border-radius: 6px; }
            </style></head><body>
            """
        );
        int rejects = photos.Count(p => p.Reject);
        s.Append(ci, $"<header><h1>BestShot cull</h1><p>{photos.Count} photos in {moments.Count} moments, best first · ");
        s.Append(ci, $"{rejects} rejects · scores on the 0–100 scale (a clean photo ≈ 70)</p></header>\n");
        bool inGrid = false;
        foreach (var m in moments)
        {
            bool single = m.Photos.Count == 1;
            if (single != inGrid)
                s.Append(single ? "<div class=\"singles\">\n" : "</div>\n");
            inGrid = single;
            s.Append(ci, $"<section class=\"moment {m.Kind}\" data-group=\"{m.Id}\">");
            // Brackets and panoramas are named: all their frames are kept, which "+N similar" would not say.
            string? badge =
                m.Kind is "bracket" or "panorama" ? $"{m.Kind} · {m.Photos.Count} frames, all kept"
                : m.Photos.Count > 1 ? $"+{m.Photos.Count - 1} similar"
                : null;
            s.Append(Figure(m.Best, "keeper", thumbOf[m.Best.Path], badge));
            if (m.Photos.Count > 1)
            {
                s.Append("<div class=\"siblings\">");
                foreach (var p in m.Photos.Skip(1))
                    s.Append(Figure(p, p.Reject ? "frame reject" : "frame", thumbOf[p.Path], null));
                s.Append("</div>");
            }
            s.Append("</section>\n");
        }
        if (inGrid)
            s.Append("</div>\n");
        s.Append("</body></html>\n");
        AtomicFile.WriteAllText(path, s.ToString());
    }

    static string Figure(CulledPhoto p, string cls, byte[]? thumb, string? badge)
    {
        var ci = CultureInfo.InvariantCulture;
        string name = WebUtility.HtmlEncode(Path.GetFileName(p.Path));
        string img =
            thumb == null
                ? "<div class=\"missing\">no preview</div>"
                : $"<img alt=\"{name}\" src=\"data:image/jpeg;base64,{Convert.ToBase64String(thumb)}\">";
        string why = p.Why == null ? "" : $"<span class=\"why\">reject · {WebUtility.HtmlEncode(p.Why)}</span>";
        // The look checks' phrases: a line of the caption under the picture, never a label over it or over other text.
        string reasons = p.Reasons is { Count: > 0 } r
            ? $"<span class=\"reasons\">{WebUtility.HtmlEncode(string.Join(" · ", r))}</span>"
            : "";
        string b = badge == null ? "" : $"<span class=\"badge\">{badge}</span>";
        return string.Create(
            ci,
            $"<figure class=\"{cls}\" title=\"{WebUtility.HtmlEncode(p.Path)}\" data-score=\"{p.Score:F1}\">{img}{b}<figcaption>"
                + $"<span class=\"score\">{p.Score:F0}</span> {name}{why}{reasons}</figcaption></figure>"
        );
    }
}
