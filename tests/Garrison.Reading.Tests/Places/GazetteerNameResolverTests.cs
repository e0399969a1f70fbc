using Garrison.Domain.Records;
using Garrison.Lexicons.Gazetteer;
using Garrison.Reading.Places;
using Xunit;

namespace Garrison.Reading.Tests.Places;

public sealed class GazetteerNameResolverTests
{
    // A tiny hand-made gazetteer: two towns share a name in different countries, one town is a common word.
    private static readonly Gazetteer Fixture = new(
        [
            new Place("t:1", "Qayyarah", PlaceKind.Place, "IQ", "Nineveh", null, 35.8, 43.3, 20000, ["qayyarah", "qayara"], "test"),
            new Place("t:2", "Springfield", PlaceKind.Place, "US", "Illinois", null, 39.8, -89.6, 110000, ["springfield"], "test"),
            new Place("t:3", "Springfield", PlaceKind.Place, "IQ", "Anbar", null, 33.4, 43.3, 500, ["springfield"], "test"),
            new Place("t:4", "Police", PlaceKind.Place, "PL", null, null, 53.5, 14.6, 30000, ["police"], "test"),
            new Place("t:5", "Hit", PlaceKind.Place, "IQ", "Anbar", null, 33.6, 42.8, 90000, ["hit"], "test"),
            new Place("t:6", "Gelan", PlaceKind.Place, "CN", "Chongqing", null, 30.0, 107.1, 56000, ["gelan"], "test"),
            new Place("t:7", "Ghanzi", PlaceKind.Admin1, "BW", null, null, -21.7, 21.6, null, ["ghanzi"], "test"),
        ],
        [
            new CountryInfo("IQ", "IRQ", "368", "Iraq"), new CountryInfo("US", "USA", "840", "United States"), new CountryInfo("PL", "POL", "616", "Poland"),
            new CountryInfo("AF", "AFG", "004", "Afghanistan"), new CountryInfo("CN", "CHN", "156", "China"), new CountryInfo("BW", "BWA", "072", "Botswana"),
        ]);

    private static readonly GazetteerNameResolver Resolver = new(Fixture, new HashSet<string>(StringComparer.Ordinal) { "police" });

    [Fact]
    public void A_town_gets_kind_admin1_country_name_and_coordinates()
    {
        var entity = Resolver.Resolve("Qayara");

        Assert.NotNull(entity);
        Assert.Equal(("Qayyarah", EntityKind.Place, "Nineveh", "Iraq"), (entity.Name, entity.Kind, entity.Admin1, entity.Country));
        Assert.Equal(35.8, entity.Lat);
    }

    [Fact]
    public void Short_names_and_stoplisted_words_are_refused()
    {
        Assert.Null(Resolver.Resolve("Hit"));
        Assert.Null(Resolver.Resolve("Police"));
    }

    [Fact]
    public void Population_decides_unless_the_document_names_a_country()
    {
        Assert.Equal("United States", Resolver.Resolve("Springfield")?.Country);
        Assert.Equal("Iraq", Resolver.Resolve("Springfield", ["Iraq"])?.Country);
    }

    [Fact]
    public void A_report_about_one_country_does_not_take_a_small_town_or_a_province_abroad()
    {
        Assert.Equal("China", Resolver.Resolve("Gelan")?.Country);
        Assert.Null(Resolver.Resolve("Gelan", ["Afghanistan"]));
        Assert.Null(Resolver.Resolve("Ghanzi", ["Afghanistan"]));
    }

    [Fact]
    public void A_large_city_abroad_is_still_taken()
    {
        Assert.Equal("United States", Resolver.Resolve("Springfield", ["Poland"])?.Country);
    }
    [Fact]
    public void The_countries_asked_with_decide_even_when_one_list_changes_between_names()
    {
        // The resolver keeps the last countries' codes per thread: the same list instance changed, another resolver,
        // and the countries asked in turn must each give the answer a fresh resolver gives.
        var countries = new List<string> { "Iraq" };
        Assert.Equal("Iraq", Resolver.Resolve("Springfield", countries)?.Country);
        countries[0] = "China";
        Assert.Equal("China", Resolver.Resolve("Gelan", countries)?.Country);
        countries[0] = "Afghanistan";
        Assert.Null(Resolver.Resolve("Gelan", countries));
        countries.Clear();
        Assert.Equal("China", Resolver.Resolve("Gelan", countries)?.Country);
        countries.AddRange(["Poland", "Iraq"]);
        Assert.Equal("Iraq", Resolver.Resolve("Springfield", countries)?.Country);
        var other = new GazetteerNameResolver(Fixture, new HashSet<string>(StringComparer.Ordinal));
        Assert.Equal("Iraq", other.Resolve("Springfield", ["Poland", "Iraq"])?.Country);
        Assert.Equal("United States", Resolver.Resolve("Springfield", ["Poland"])?.Country);
        Assert.Equal("United States", Resolver.Resolve("Springfield", ["Botswana"])?.Country);
        Assert.Equal("Iraq", Resolver.Resolve("Springfield", ["Botswana", "Iraq"])?.Country);
    }
}
