using Garrison.Lexicons.Gazetteer;
using Xunit.Abstractions;

namespace Garrison.Lexicons.Tests.Gazetteer;

/// <summary>A fact that runs only when the real gazetteer was built into data/build (./test.sh builds it first).</summary>
public sealed class BuiltGazetteerFactAttribute : FactAttribute
{
    public BuiltGazetteerFactAttribute()
    {
        if (BuiltGazetteer.MissingReason is { } reason)
        {
            Skip = reason;
        }
    }
}

public sealed class BuiltGazetteerTheoryAttribute : TheoryAttribute
{
    public BuiltGazetteerTheoryAttribute()
    {
        if (BuiltGazetteer.MissingReason is { } reason)
        {
            Skip = reason;
        }
    }
}

public static class BuiltGazetteer
{
    private static readonly Lazy<Garrison.Lexicons.Gazetteer.Gazetteer> Loaded = new(() => Garrison.Lexicons.Gazetteer.Gazetteer.Load(Directory!));

    public static string? Directory
    {
        get
        {
            try
            {
                return Garrison.Lexicons.Gazetteer.Gazetteer.DefaultBuildDirectory();
            }
            catch (DirectoryNotFoundException)
            {
                return null;
            }
        }
    }

    public static string? MissingReason =>
        Directory is { } d && File.Exists(Path.Combine(d, GazetteerFiles.PlacesFile))
            ? null
            : "data/build/gazetteer is not built: run eng/data/build-gazetteer.sh (./test.sh runs it through eng/setup.d)";

    public static Garrison.Lexicons.Gazetteer.Gazetteer Value => Loaded.Value;
}

/// <summary>Lookups over the real built gazetteer: common spellings from many countries, within 25 km.</summary>
public class BuiltGazetteerTests(ITestOutputHelper output)
{
    private static Garrison.Lexicons.Gazetteer.Gazetteer G => BuiltGazetteer.Value;

    [BuiltGazetteerTheory]
    [InlineData("Ain al-Asad", null, 33.79, 42.44, "facility")]
    [InlineData("Al Asad Air Base", null, 33.79, 42.44, "facility")]
    [InlineData("Ayn al Asad airbase", null, 33.79, 42.44, "facility")]
    [InlineData("Harir Air Base", null, 36.53, 44.34, "")]
    [InlineData("Camp Speicher", null, 34.67, 43.54, "facility")]
    [InlineData("Arbil", null, 36.19, 44.01, "place")]
    [InlineData("Irbil", null, 36.19, 44.01, "place")]
    [InlineData("Hewler", null, 36.19, 44.01, "place")]
    [InlineData("Ramadi", null, 33.42, 43.31, "place")]
    [InlineData("Fallujah", null, 33.35, 43.78, "place")]
    [InlineData("Kyiv", null, 50.45, 30.52, "place")]
    [InlineData("Kiev", null, 50.45, 30.52, "place")]
    [InlineData("Kharkov", null, 49.99, 36.23, "place")]
    [InlineData("Mogadishu", null, 2.04, 45.34, "place")]
    [InlineData("Tessalit", "ML", 20.20, 1.01, "place")]
    [InlineData("Abeibara", null, 19.12, 1.75, "place")]
    [InlineData("Aleppo", null, 36.20, 37.16, "place")]
    [InlineData("Deir ez-Zor", null, 35.34, 40.14, "place")]
    [InlineData("Sanaa", null, 15.35, 44.21, "place")]
    [InlineData("Kandahar", "AF", 31.61, 65.71, "place")]
    [InlineData("Al Udeid Air Base", null, 25.12, 51.31, "facility")]
    [InlineData("Muwaffaq Salti Air Base", null, 31.83, 36.78, "facility")]
    [InlineData("Incirlik Air Base", null, 37.00, 35.43, "facility")]
    [InlineData("Tiyas Air Base", null, 34.52, 37.63, "facility")]
    [InlineData("T-4 airbase", null, 34.52, 37.63, "facility")]
    [InlineData("Hmeimim", null, 35.40, 35.95, "")]
    [InlineData("Amara", null, 31.84, 47.14, "place")]
    [InlineData("Kut", "IQ", 32.51, 45.82, "place")]
    [InlineData("Sinjar", null, 36.32, 41.88, "place")]
    [InlineData("Sinjar", "SY", 35.59, 37.00, "place")]
    [InlineData("Gao", "ML", 16.27, -0.04, "place")]
    [InlineData("Kismayo", null, -0.36, 42.55, "place")]
    [InlineData("Bagram Air Base", null, 34.95, 69.26, "")]
    public void Common_spellings_resolve_within_25_km(string name, string? country, double lat, double lon, string kind)
    {
        var matches = G.Find(name, country);
        Assert.NotEmpty(matches);
        var best = matches[0].Place;
        output.WriteLine($"{name} → {best.Id} {best.Name} {best.Kind} {best.Country} {best.Admin1} {best.Latitude},{best.Longitude}");
        Assert.InRange(Garrison.Lexicons.Gazetteer.Gazetteer.GreatCircleKilometres(lat, lon, best.Latitude, best.Longitude), 0, 25);
        if (kind.Length > 0)
        {
            Assert.Equal(kind, best.Kind.ToToken());
        }
    }

    [BuiltGazetteerFact]
    public void Al_Asad_air_base_is_ORAA_in_Anbar()
    {
        var best = G.Find("Ain al-Asad")[0].Place;
        Assert.Equal("ourairports:ORAA", best.Id);
        Assert.Equal("IQ", best.Country);
        Assert.Equal("Al Anbar", best.Admin1);
    }

    [BuiltGazetteerFact]
    public void Al_Anbar_Governorate_is_the_province()
    {
        var best = G.Find("Al Anbar Governorate")[0].Place;
        Assert.Equal(PlaceKind.Admin1, best.Kind);
        Assert.Equal("IQ", best.Country);
        Assert.InRange(Garrison.Lexicons.Gazetteer.Gazetteer.GreatCircleKilometres(33.2, 41.5, best.Latitude, best.Longitude), 0, 100);
    }

    [BuiltGazetteerFact]
    public void Point_in_polygon_finds_the_governorate_and_oblast()
    {
        Assert.Equal("Al Anbar", G.Admin1Of(33.42, 43.31)?.Admin1.Name);
        Assert.Equal("Erbil", G.Admin1Of(36.19, 44.01)?.Admin1.Name);
        var kharkiv = G.Admin1Of(49.99, 36.23);
        Assert.NotNull(kharkiv);
        Assert.Equal("UA", kharkiv.Admin1.Country);
        Assert.True(kharkiv.InsidePolygon);
    }

    [BuiltGazetteerFact]
    public void Countries_by_code_and_common_name()
    {
        Assert.Equal("SY", G.Country("Syria")?.Iso2);
        Assert.Equal("IR", G.Country("Iran")?.Iso2);
        Assert.Equal("IQ", G.Country("IRQ")?.Iso2);
        Assert.Equal("country", G.Find("Syria")[0].Place.Kind.ToToken());
    }

    [BuiltGazetteerFact]
    public void Covers_the_world_not_only_Iraq()
    {
        var countries = G.Places.Where(p => p.Kind == PlaceKind.Place).Select(p => p.Country).Distinct().Count();
        var admin1 = G.Places.Count(p => p.Kind == PlaceKind.Admin1);
        output.WriteLine($"{G.Count} entries, places in {countries} countries, {admin1} admin-1 units, loaded in {G.LoadTime.TotalMilliseconds:0} ms");
        Assert.True(countries > 200, $"places in only {countries} countries");
        Assert.True(admin1 > 4000, $"only {admin1} admin-1 units");
        Assert.True(G.Places.Count(p => p.Country == "IQ" && p.Kind is PlaceKind.Facility or PlaceKind.Airport) >= 30);
    }
}
