using System.Globalization;

namespace BestShot.Core.Import;

/// <summary>Times in a posts table are unix seconds or ISO 8601; a time without an offset is taken as UTC.</summary>
public static class TimeParser
{
    public static bool TryParse(string text, out long unixSeconds)
    {
        text = text.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && double.IsFinite(seconds))
        {
            unixSeconds = (long)Math.Floor(seconds);
            return true;
        }
        if (
            DateTimeOffset.TryParse(
                text,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
                out var dto
            )
        )
        {
            unixSeconds = dto.ToUnixTimeSeconds();
            return true;
        }
        unixSeconds = 0;
        return false;
    }
}
