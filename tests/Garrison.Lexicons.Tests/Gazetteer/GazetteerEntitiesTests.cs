using Garrison.Domain.Records;
using Garrison.Lexicons.Gazetteer;

namespace Garrison.Lexicons.Tests.Gazetteer;

public class GazetteerEntitiesTests
{
    private static readonly Lazy<Garrison.Lexicons.Gazetteer.Gazetteer> Fixture =
        new(() => Garrison.Lexicons.Gazetteer.Gazetteer.Load(Path.Combine(AppContext.BaseDirectory, "Gazetteer", "Fixture")));

    [Fact]
    public void Resolves_a_known_spelling_to_a_located_entity()
    {
        var entity = GazetteerEntities.Resolver(Fixture.Value)("Ain al-Asad");

        Assert.NotNull(entity);
        Assert.Equal("Al Asad Air Base", entity.Name);
        Assert.Equal(EntityKind.Facility, entity.Kind);
        Assert.Equal("Al Anbar", entity.Admin1);
        Assert.Equal("IQ", entity.Country);
        Assert.Equal("ourairports:ORAA", entity.Ref);
        Assert.Equal(33.7856, entity.Lat);
    }

    [Theory]
    [InlineData("Ramadie")] // fuzzy only
    [InlineData("Hit")] // a town, but under four letters
    [InlineData("Tuesday")]
    public void Refuses_unsure_matches(string name) => Assert.Null(GazetteerEntities.Resolver(Fixture.Value)(name));

    [Fact]
    public void Provinces_and_countries_map_to_their_kinds_and_precision()
    {
        var resolve = GazetteerEntities.Resolver(Fixture.Value);
        Assert.Equal(EntityKind.Province, resolve("Anbar province")?.Kind);
        Assert.Equal(EntityKind.Country, resolve("Iraq")?.Kind);
        Assert.Equal(3, GazetteerEntities.GeoPrecision(PlaceKind.Country));
        Assert.Equal(2, GazetteerEntities.GeoPrecision(PlaceKind.Admin1));
        Assert.Equal(1, GazetteerEntities.GeoPrecision(PlaceKind.Facility));
    }
}
