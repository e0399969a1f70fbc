using System.Text.Json;
using Garrison.Domain.Dates;
using Garrison.Domain.Records;
using Garrison.Interchange.Export;
using Garrison.Interchange.Tests.Support;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using NodaTime;

namespace Garrison.Interchange.Tests;

public sealed class GeoJsonExporterTests
{
    private static async Task<(FeatureCollection Features, JsonDocument Raw)> ExportAsync(ExportRequest request)
    {
        var store = new InMemoryStore();
        await store.IngestAsync(Fixture.Document, Fixture.Record);
        store.State = new StateRecord(new LocalDate(2026, 1, 19),
            [],
            [new ControlRow("Iraqi security forces", "Al-Asad Air Base", PartialDate.OfDay(2026, 1, 18), null, ["report-1"])],
            []);
        var output = new StringWriter();
        await new GeoJsonExporter().WriteAsync(store, request, output);

        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory());
        var features = JsonSerializer.Deserialize<FeatureCollection>(output.ToString(), options)!;
        return (features, JsonDocument.Parse(output.ToString()));
    }

    [Fact]
    public async Task Reads_back_as_a_feature_collection_with_longitude_first()
    {
        var (features, raw) = await ExportAsync(new ExportRequest(At: new LocalDate(2026, 1, 19)));

        Assert.Equal("FeatureCollection", raw.RootElement.GetProperty("type").GetString());
        var handover = features.Single(f => f.Attributes.GetOptionalValue("type") as string == "handover");
        var point = Assert.IsType<Point>(handover.Geometry);
        Assert.Equal(42.4412, point.X); // longitude
        Assert.Equal(33.7856, point.Y); // latitude

        var coordinates = raw.RootElement.GetProperty("features").EnumerateArray()
            .First(f => f.GetProperty("geometry").ValueKind == JsonValueKind.Object).GetProperty("geometry").GetProperty("coordinates");
        Assert.True(Math.Abs(coordinates[0].GetDouble()) <= 180 && Math.Abs(coordinates[1].GetDouble()) <= 90);
        Assert.False(raw.RootElement.TryGetProperty("crs", out _)); // RFC 7946 dropped crs: WGS 84 only
    }

    [Fact]
    public async Task Installations_carry_their_state_on_the_date()
    {
        var (features, raw) = await ExportAsync(new ExportRequest(At: new LocalDate(2026, 1, 19)));

        var installation = features.Single(f => (string)f.Attributes["feature_type"] == "installation");
        Assert.Equal("Al-Asad Air Base", installation.Attributes["name"]);
        Assert.Equal("2026-01-19", installation.Attributes["at"]);
        var json = raw.RootElement.GetProperty("features").EnumerateArray()
            .Single(f => f.GetProperty("properties").GetProperty("feature_type").GetString() == "installation");
        var control = json.GetProperty("properties").GetProperty("controlled_by")[0];
        Assert.Equal("Iraqi security forces", control.GetProperty("controller").GetString());
        Assert.Equal("2026-01-18", control.GetProperty("since").GetString());
    }

    [Fact]
    public async Task Events_without_coordinates_keep_a_null_geometry()
    {
        var (features, raw) = await ExportAsync(new ExportRequest());

        var statement = features.Single(f => f.Attributes.GetOptionalValue("type") as string == "statement");
        Assert.Null(statement.Geometry);
        Assert.All(raw.RootElement.GetProperty("features").EnumerateArray(), f => Assert.True(f.TryGetProperty("geometry", out _)));
        Assert.DoesNotContain(features, f => (string)f.Attributes["feature_type"] == "installation");
    }
}
