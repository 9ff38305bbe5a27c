namespace BestShot.Core.Present;

/// <summary>
/// The one page head and base stylesheet of everything BestShot shows: `rank --html`, `cull --html` and the gallery
/// (served as /base.css). One palette, one type scale; each page adds only its own layout.
/// </summary>
public static class PageHead
{
    public const string BaseCss = """
        :root { color-scheme: dark; --bg: #15171a; --card: #202328; --text: #e8e6e3; --muted: #9aa0a6;
          --gold: #f5c542; --red: #e5534b; --green: #4caf50; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
          background: var(--bg); color: var(--text); }
        header { padding: 28px 32px 8px; }
        h1 { margin: 0 0 4px; font-size: 24px; font-weight: 600; }
        header p { margin: 0; color: var(--muted); }

        """;

    /// <summary>A page's start, up to an open style element holding <see cref="BaseCss"/>: the page adds its own rules and
    /// closes it.</summary>
    public static string Open(string title) =>
        $"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{System.Net.WebUtility.HtmlEncode(title)}</title>
            <style>

            """ + BaseCss;
}
