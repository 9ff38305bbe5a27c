using BestShot.Core.Group;
using BestShot.Core.Present;

namespace BestShot.Web;

/// <summary>
/// A photo as the page needs it: the model's verdict (Keeper, Reject, Why), what the sidecar says (Stars, Picked,
/// Rejected) and whether that is BestShot's suggestion (Suggested) or the person's own decision, and where to fetch it.
/// </summary>
public sealed record PhotoDto(
    int Id,
    string Name,
    double Score,
    bool Keeper,
    bool Reject,
    string? Why,
    int? Stars,
    bool Picked,
    bool Rejected,
    bool Suggested,
    string Thumb,
    string File,
    IReadOnlyList<string> Reasons
);

/// <param name="Key">Stable across scan steps: the id of the moment's first photo (ids follow the sorted walk).</param>
public sealed record MomentDto(string Key, string Kind, int Count, PhotoDto Cover);

public sealed record ProgressDto(int Scanned, int Total, bool Finished);

public sealed record MomentsPage(
    ProgressDto Progress,
    int Total,
    IReadOnlyList<MomentDto> Items,
    IReadOnlyList<UnreadableDto> Unreadable
);

public sealed record UnreadableDto(int Id, string Name, string Reason);

public sealed record MomentDetail(string Key, string Kind, IReadOnlyList<PhotoDto> Photos);

/// <summary>Which photos the grid shows (<see cref="GalleryApi"/>'s filters); by moment or all.</summary>
public sealed record GalleryQuery(string Filter = "all", int MinStars = 0, bool OnePerMoment = true, int Offset = 0, int Limit = 60);

/// <summary>The JSON the page reads, built from the current snapshot and the decisions.</summary>
public static class GalleryApi
{
    public static MomentsPage Moments(Gallery g, GalleryQuery q)
    {
        var snap = g.Current;
        var items = new List<MomentDto>();
        foreach (var m in snap.Moments)
        {
            string key = Key(g, m);
            var matching = m.Photos.Select(p => Dto(g, p)).OfType<PhotoDto>().Where(p => Matches(p, q)).ToList();
            if (q.OnePerMoment)
            {
                if (matching.Count > 0)
                    items.Add(new MomentDto(key, m.Kind, m.Photos.Count, matching[0]));
            }
            else
                items.AddRange(matching.Select(p => new MomentDto(key, m.Kind, m.Photos.Count, p)));
        }
        var page = items.Skip(Math.Max(0, q.Offset)).Take(Math.Clamp(q.Limit, 1, 500)).ToList();
        var unreadable = snap.Unreadable.Select(u => new UnreadableDto(u.Photo.Id, Path.GetFileName(u.Photo.Path), u.Reason)).ToList();
        return new MomentsPage(new ProgressDto(snap.Scanned, snap.Total, snap.Finished), items.Count, page, unreadable);
    }

    public static MomentDetail? Moment(Gallery g, string key)
    {
        var m = g.Current.Moments.FirstOrDefault(m => Key(g, m) == key);
        return m == null ? null : new MomentDetail(key, m.Kind, m.Photos.Select(p => Dto(g, p)).OfType<PhotoDto>().ToList());
    }

    public static PhotoDto? Photo(Gallery g, int id)
    {
        var photo = g.ById(id);
        var culled = photo == null ? null : g.Current.Moments.SelectMany(m => m.Photos).FirstOrDefault(p => p.Path == photo.Path);
        return culled == null ? null : Dto(g, culled);
    }

    static string Key(Gallery g, Moment m) => "m" + m.Photos.Min(p => g.ByPath(p.Path)?.Id ?? int.MaxValue);

    static PhotoDto? Dto(Gallery g, CulledPhoto p)
    {
        if (g.ByPath(p.Path) is not { } photo)
            return null;
        var d = g.DecisionOf(photo.Id);
        string file = $"/file/{photo.Root}/" + string.Join('/', photo.Relative.Split('/').Select(Uri.EscapeDataString));
        return new PhotoDto(
            photo.Id,
            Path.GetFileName(p.Path),
            p.Score, // unrounded: the page rounds it once, as cull and rank do (59.49 sent as 59.5 read 60 there, 59 here)
            p.Keeper,
            p.Reject,
            p.Why,
            d.Stars,
            d.Picked,
            d.Rejected,
            !d.Decided,
            $"/thumb/{photo.Id}",
            file,
            p.Reasons ?? []
        );
    }

    /// <summary>
    /// The person's picks and rejects are theirs alone; BestShot's keepers and rejects are suggestions until the person
    /// decides ("suggested", "suggested-rejects"), so the two never mix in one filter.
    /// </summary>
    static bool Matches(PhotoDto p, GalleryQuery q) =>
        q.Filter switch
        {
            "picks" => p.Picked && !p.Suggested,
            "rejects" => p.Rejected && !p.Suggested,
            "suggested" => p.Suggested && p.Keeper,
            "suggested-rejects" => p.Suggested && p.Reject,
            "eyes-closed" => p.Reasons.Contains("eyes closed"),
            "unrated" => p.Suggested,
            "stars" => p.Stars >= q.MinStars && !p.Suggested,
            _ => true,
        };
}
