using Npgsql;

namespace Garrison.Storage.Postgres;

/// <summary>
/// A knowledge base on a PostgreSQL server, named the way libpq and most tools name one:
/// <c>postgres://user[:password]@host[:port]/dbname[?sslmode=require&amp;…]</c> (or <c>postgresql://</c>). Npgsql only
/// reads key=value connection strings, so the URL is translated here; query parameters are passed through as
/// connection-string keywords. A password left out of the URL comes from PGPASSWORD or ~/.pgpass, as Npgsql reads them.
/// </summary>
public static class PostgresLocation
{
    private static readonly string[] Schemes = ["postgres://", "postgresql://"];

    /// <summary>True when <paramref name="location"/> is a PostgreSQL URL rather than a file path.</summary>
    public static bool IsUrl(string location) =>
        Schemes.Any(s => location.StartsWith(s, StringComparison.OrdinalIgnoreCase));

    /// <summary>The Npgsql connection string a PostgreSQL URL stands for.</summary>
    /// <exception cref="FormatException">The URL lacks a host or database name, or has an unknown parameter.</exception>
    public static string ToConnectionString(string url)
    {
        if (!IsUrl(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new FormatException($"{Redact(url)}: not a PostgreSQL URL (expected postgres://user@host:port/dbname)");
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length == 0 || database.Contains('/', StringComparison.Ordinal))
        {
            throw new FormatException($"{Redact(url)}: the URL names no database (expected postgres://user@host:port/dbname)");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host.Trim('[', ']'),
            Database = database,
        };
        if (!uri.IsDefaultPort && uri.Port > 0)
        {
            builder.Port = uri.Port;
        }

        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = pair.Split('=', 2) is [var k, var v] ? (k, v) : (pair, "");
            key = Uri.UnescapeDataString(key);
            try
            {
                builder[key] = Uri.UnescapeDataString(value);
            }
            catch (ArgumentException ex)
            {
                throw new FormatException($"{Redact(url)}: unknown connection parameter '{key}' ({ex.Message})", ex);
            }
        }

        return builder.ConnectionString;
    }

    /// <summary>The URL with any password replaced, for messages.</summary>
    public static string Redact(string url)
    {
        var at = url.IndexOf('@', StringComparison.Ordinal);
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (at < 0 || schemeEnd < 0 || at < schemeEnd)
        {
            return url;
        }

        var colon = url.IndexOf(':', schemeEnd + 3);
        return colon > 0 && colon < at ? url[..(colon + 1)] + "***" + url[at..] : url;
    }

    /// <summary>host:port/database of a connection string: names the knowledge base in messages without its password.</summary>
    public static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"postgres://{builder.Username}@{builder.Host}:{builder.Port}/{builder.Database}";
    }
}
