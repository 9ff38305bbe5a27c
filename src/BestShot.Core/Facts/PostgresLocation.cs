using Npgsql;

namespace BestShot.Core.Facts;

/// <summary>
/// A PostgreSQL URL as libpq and most tools write it, postgres://USER:PASSWORD@HOST:PORT/DATABASE?host=/socket/dir,
/// turned into the key=value form Npgsql reads; a key=value string passes through.
/// </summary>
public static class PostgresLocation
{
    public static string ToConnectionString(string location)
    {
        if (!location.Contains("://"))
            return location;
        var uri = new Uri(location);
        var b = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host.Length > 0 ? Uri.UnescapeDataString(uri.Host) : "localhost",
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')) is { Length: > 0 } db ? db : null,
        };
        if (uri.Port > 0)
            b.Port = uri.Port;
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            b.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
                b.Password = Uri.UnescapeDataString(parts[1]);
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            var (key, value) = (Uri.UnescapeDataString(kv[0]), kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "");
            // libpq's names for the settings people put in URLs; anything else is Npgsql's own keyword.
            b[
                key switch
                {
                    "host" => "Host",
                    "port" => "Port",
                    "user" => "Username",
                    "password" => "Password",
                    "sslmode" => "SSL Mode",
                    "connect_timeout" => "Timeout",
                    _ => key,
                }
            ] = value;
        }
        return b.ConnectionString;
    }

    /// <summary>The store as messages name it: host, port and database, never the password.</summary>
    public static string Describe(NpgsqlConnectionStringBuilder b) => $"postgres://{b.Username}@{b.Host}:{b.Port}/{b.Database}";
}
