using System.Text.Json;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.IO.Converters;

namespace Garrison.Lexicons.Gazetteer;

/// <summary>
/// Point-in-polygon over admin-1 shapes (NetTopologySuite: an STR-tree of envelopes, then an indexed
/// point-in-area test on the few shapes whose envelope holds the point). At run time the shapes are the
/// simplified basemap/admin1.json, so a point within about a kilometre of a border or coast may fall
/// outside every shape; callers then fall back to the nearest admin-1 centre.
/// </summary>
public sealed class Admin1Locator
{
    private readonly STRtree<(string Id, IPointOnGeometryLocator Locator)> _index = new();

    public Admin1Locator(IEnumerable<(string Id, Geometry Shape)> shapes)
    {
        foreach (var (id, shape) in shapes)
        {
            if (shape.IsEmpty)
            {
                continue;
            }

            _index.Insert(shape.EnvelopeInternal, (id, new IndexedPointInAreaLocator(shape)));
        }

        _index.Build();
    }

    public static JsonSerializerOptions GeoJsonOptions()
    {
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory());
        return options;
    }

    /// <summary>Loads basemap/admin1.json as written by the gazetteer build (property "id" = admin-1 entry id).</summary>
    public static Admin1Locator Load(string path)
    {
        using var stream = File.OpenRead(path);
        var collection = JsonSerializer.Deserialize<FeatureCollection>(stream, GeoJsonOptions())
            ?? throw new InvalidDataException($"{path}: not a GeoJSON FeatureCollection");
        return new Admin1Locator(collection
            .Where(f => f.Geometry is not null)
            .Select(f => (GeoJsonAttributes.Text(f.Attributes, "id") ?? string.Empty, f.Geometry)));
    }

    /// <summary>The id of the admin-1 shape holding the point, or null when none does.</summary>
    public string? Locate(double latitude, double longitude)
    {
        var coordinate = new Coordinate(longitude, latitude);
        foreach (var (id, locator) in _index.Query(new Envelope(coordinate)))
        {
            if (locator.Locate(coordinate) != Location.Exterior)
            {
                return id;
            }
        }

        return null;
    }
}

/// <summary>Reads GeoJSON properties whatever the reader stored them as (JsonElement or a CLR value).</summary>
public static class GeoJsonAttributes
{
    public static string? Text(IAttributesTable? attributes, string name)
    {
        if (attributes is null || !attributes.Exists(name))
        {
            return null;
        }

        var value = attributes[name];
        var text = value switch
        {
            null => null,
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
            JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
            JsonElement e => e.GetRawText(),
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }
}
