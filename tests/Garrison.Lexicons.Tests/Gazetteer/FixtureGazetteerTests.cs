using Garrison.Lexicons.Gazetteer;

namespace Garrison.Lexicons.Tests.Gazetteer;

/// <summary>Loader and ranking rules on the tiny hand-written gazetteer in Gazetteer/Fixture.</summary>
public class FixtureGazetteerTests
{
    private static readonly string FixtureDirectory = Path.Combine(AppContext.BaseDirectory, "Gazetteer", "Fixture");
    private static readonly Lazy<Garrison.Lexicons.Gazetteer.Gazetteer> Shared = new(() => Garrison.Lexicons.Gazetteer.Gazetteer.Load(FixtureDirectory));

    private static Garrison.Lexicons.Gazetteer.Gazetteer G => Shared.Value;

    [Fact]
    public void Loads_every_row_of_the_fixture()
    {
        Assert.Equal(15, G.Count);
        var erbil = G.Get("geonames:95446");
        Assert.NotNull(erbil);
        Assert.Equal(PlaceKind.Place, erbil.Kind);
        Assert.Equal(932800, erbil.Population);
        Assert.Contains("hewler", erbil.Aliases);
    }

    [Theory]
    [InlineData("Hewler")]
    [InlineData("Arbil")]
    [InlineData("Irbil")]
    [InlineData("Erbil")]
    public void Erbil_spellings_give_the_city_first(string name)
    {
        var best = G.Find(name)[0];
        Assert.Equal("geonames:95446", best.Place.Id);
        Assert.Equal(MatchTier.Exact, best.Tier);
    }

    [Fact]
    public void A_province_word_prefers_the_admin1_unit()
    {
        Assert.Equal("ne:IRQ-AR", G.Find("Erbil province")[0].Place.Id);
        Assert.Equal("ne:IRQ-AN", G.Find("Al Anbar Governorate")[0].Place.Id);
        Assert.Equal("ne:IRQ-AR", G.Find("Erbil", kindHint: PlaceKind.Admin1)[0].Place.Id);
    }

    [Fact]
    public void Transliteration_variants_match_in_the_variant_tier()
    {
        var best = G.Find("Ayn al-Assad")[0];
        Assert.Equal("ourairports:ORAA", best.Place.Id);
        Assert.Equal(MatchTier.Variant, best.Tier);
        Assert.Equal("geonames:94787", G.Find("Hadeetha")[0].Place.Id);
    }

    [Fact]
    public void Air_base_words_prefer_facilities_and_match_the_core_name()
    {
        var best = G.Find("Erbil air base")[0];
        Assert.Equal(PlaceKind.Airport, best.Place.Kind);
        Assert.Equal("ourairports:ORAA", G.Find("Camp Al Asad")[0].Place.Id);
    }

    [Fact]
    public void Fuzzy_tier_only_for_long_names_and_only_when_nothing_sure_matched()
    {
        var typo = G.Find("Ramadie");
        Assert.Equal("geonames:98717", typo[0].Place.Id);
        Assert.Equal(MatchTier.Fuzzy, typo[0].Tier);
        Assert.Empty(G.Find("Erbl"));
        Assert.Empty(G.Find("Hi"));
        Assert.Empty(G.Find("Hut"));
    }

    [Fact]
    public void Country_hint_decides_between_same_named_places()
    {
        Assert.Equal("IQ", G.Find("Sinjar")[0].Place.Country);
        Assert.Equal("SY", G.Find("Sinjar", countryHint: "SY")[0].Place.Country);
        Assert.Equal("SY", G.Find("Sinjar", countryHint: "Syria")[0].Place.Country);
    }

    [Fact]
    public void Big_city_outranks_the_province_of_the_same_name()
    {
        Assert.Equal("geonames:703448", G.Find("Kiev")[0].Place.Id);
        Assert.Equal("ne:UKR-KV", G.Find("Kiev oblast")[0].Place.Id);
    }

    [Fact]
    public void Nearest_returns_closest_entries_with_distances()
    {
        var nearest = G.Nearest(33.79, 42.44, 2);
        Assert.Equal("ourairports:ORAA", nearest[0].Place.Id);
        Assert.True(nearest[0].Kilometres < 1);
        Assert.True(nearest[1].Kilometres > nearest[0].Kilometres);
        Assert.Equal("geonames:94298", G.Nearest(33.66, 42.78, 1, PlaceKind.Place)[0].Place.Id);
    }

    [Fact]
    public void Admin1_of_a_point_uses_polygons_then_nearest_centre()
    {
        var ramadi = G.Admin1Of(33.42, 43.31);
        Assert.NotNull(ramadi);
        Assert.Equal("ne:IRQ-AN", ramadi.Admin1.Id);
        Assert.True(ramadi.InsidePolygon);

        var kyiv = G.Admin1Of(50.45, 30.52);
        Assert.NotNull(kyiv);
        Assert.Equal("ne:UKR-KV", kyiv.Admin1.Id);
        Assert.False(kyiv.InsidePolygon);
    }

    [Theory]
    [InlineData("IQ", "IRQ")]
    [InlineData("irq", "IRQ")]
    [InlineData("368", "IRQ")]
    [InlineData("Syria", "SYR")]
    [InlineData("Syrian Arab Republic", "SYR")]
    public void Country_lookup_by_code_or_name(string query, string iso3) =>
        Assert.Equal(iso3, G.Country(query)?.Iso3);

    [Fact]
    public void Unknown_country_is_null() => Assert.Null(G.Country("Atlantis"));

    [Fact]
    public void Great_circle_distance_is_right()
    {
        // Baghdad to Erbil is about 320 km.
        var km = Garrison.Lexicons.Gazetteer.Gazetteer.GreatCircleKilometres(33.34, 44.40, 36.19, 44.01);
        Assert.InRange(km, 310, 330);
    }
}
