using BestShot.Core.Data;

namespace BestShot.Core.Features;

/// <summary>The facts about a post other than its image, in their raw units.</summary>
/// <param name="PostTime">Post time, unix seconds (UTC).</param>
/// <param name="ScrapTime">When the likes were counted, unix seconds (UTC).</param>
public sealed record PostMetadata(double AvgLikes, double Followers, double Following, long PostTime, long ScrapTime)
{
    public static PostMetadata Of(Post p) => new(p.AvgLikes, p.Followers, p.Following, p.PostTime, p.ScrapTime);
}

/// <summary>
/// The seed's 8 metadata inputs, computed by this one function for training and inference alike:
/// [log(avg_likes)/15, log(days_ago+1)/10, sin/cos(day of week), sin/cos(minute of day), log(followers+1)/15,
/// log(following+1)/15], all in UTC, Monday = day 0 (Python's weekday()).
/// The seed trained on raw log(avg_likes) (about 3 to 9) but sampled with log(250)/15 (about 0.37), so its model
/// saw avg-likes values at inference far outside anything it was trained on. BestShot divides by 15 everywhere,
/// like the follower counts, which puts all the log features on one scale.
/// </summary>
public static class MetadataFeatures
{
    public const int Count = 8;

    public static readonly string[] Names =
    [
        "log_avg_likes",
        "log_days_ago",
        "day_sin",
        "day_cos",
        "time_sin",
        "time_cos",
        "log_followers",
        "log_following",
    ];

    public static float[] Compute(PostMetadata m)
    {
        var v = new float[Count];
        Compute(m, v);
        return v;
    }

    public static void Compute(PostMetadata m, Span<float> v)
    {
        double daysAgo = Math.Max(0, m.ScrapTime - m.PostTime) / 86400.0;
        var t = DateTimeOffset.FromUnixTimeSeconds(m.PostTime).UtcDateTime;
        int weekday = ((int)t.DayOfWeek + 6) % 7; // .NET counts from Sunday; the seed from Monday
        int minute = t.Hour * 60 + t.Minute;
        v[0] = (float)(Math.Log(m.AvgLikes) / 15.0);
        v[1] = (float)(Math.Log(daysAgo + 1) / 10.0);
        v[2] = (float)Math.Sin(2 * Math.PI * weekday / 7);
        v[3] = (float)Math.Cos(2 * Math.PI * weekday / 7);
        v[4] = (float)Math.Sin(2 * Math.PI * minute / 1440);
        v[5] = (float)Math.Cos(2 * Math.PI * minute / 1440);
        v[6] = (float)(Math.Log(m.Followers + 1) / 15.0);
        v[7] = (float)(Math.Log(m.Following + 1) / 15.0);
    }
}
