using Garrison.Lexicons.Gazetteer;

namespace Garrison.Lexicons.Tests.Gazetteer;

public sealed class GazetteerFilesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("garrison-gazetteer-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Places_round_trip_through_gzip_tsv()
    {
        var path = Path.Combine(_directory, "places.tsv.gz");
        var written = new[]
        {
            new Place("x:1", "Ḩarir", PlaceKind.Place, "IQ", "Erbil", "ne:IRQ-3050", 36.55111, 44.35258, 4000, ["harir", "hareer"], "geonames-cities500"),
            new Place("x:2", "Bashur Airfield", PlaceKind.Airport, "IQ", null, null, 36.5337, 44.3399, null, [], "ourairports-full"),
        };
        GazetteerFiles.WritePlaces(path, written);

        var read = GazetteerFiles.ReadPlaces(path);

        Assert.Equal(2, read.Count);
        Assert.Equal(written[0] with { Aliases = [] }, read[0] with { Aliases = [] });
        Assert.Equal(["harir", "hareer"], read[0].Aliases);
        Assert.Null(read[1].Admin1);
        Assert.Null(read[1].Population);
        Assert.Empty(read[1].Aliases);
    }

    [Fact]
    public void A_bad_row_names_the_file_and_line()
    {
        var path = Path.Combine(_directory, "places.tsv");
        File.WriteAllText(path,
            "id\tname\tkind\tcountry\tadmin1\tadmin1_id\tlat\tlon\tpopulation\taliases\tsource\n" +
            "a\tA\tplace\tIQ\t\t\t33\t44\t\ta\tsrc\n" +
            "b\tB\tplace\tIQ\t\t\tnorth\t44\t\tb\tsrc\n");

        var error = Assert.Throws<InvalidDataException>(() => GazetteerFiles.ReadPlaces(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("line 3", error.Message);
    }

    [Fact]
    public void A_missing_gazetteer_says_how_to_build_it()
    {
        var error = Assert.Throws<FileNotFoundException>(() => Garrison.Lexicons.Gazetteer.Gazetteer.Load(_directory));
        Assert.Contains("build-gazetteer.sh", error.Message);
    }

    [Fact]
    public void Validator_reports_duplicate_ids_bad_coordinates_and_missing_sources()
    {
        var places = new[]
        {
            new Place("x:1", "A", PlaceKind.Place, "IQ", null, null, 33, 44, null, [], "src"),
            new Place("x:1", "B", PlaceKind.Place, "IQ", null, null, 95, 44, null, [], "src"),
            new Place("x:3", "C", PlaceKind.Place, "IQ", null, null, 33, 181, null, [], " "),
        };

        var findings = GazetteerValidator.ValidateBuilt("places.tsv.gz", places);

        Assert.Contains(findings, f => f.IsError && f.Message.Contains("duplicate id 'x:1'"));
        Assert.Contains(findings, f => f.IsError && f.Message.StartsWith("x:1: coordinates 95,44"));
        Assert.Contains(findings, f => f.IsError && f.Message.StartsWith("x:3: coordinates"));
        Assert.Contains(findings, f => f.IsError && f.Message == "x:3: no source");
    }

    [Fact]
    public void Validator_lists_curated_names_given_to_two_entries()
    {
        var data = CuratedData(
            "aliases:\n  - id: a:1\n    names: [Harir Air Base]\n    source: s\n  - id: a:2\n    names: [Harir air-base]\n    source: s\n");

        var findings = GazetteerValidator.ValidateCurated(data, null);

        var collision = Assert.Single(findings);
        Assert.False(collision.IsError);
        Assert.Contains("'harir air base' is given to several entries: a:1, a:2", collision.Message);
    }

    [Fact]
    public void Validator_rejects_a_curated_name_without_source_or_target()
    {
        var data = CuratedData("aliases:\n  - id: a:1\n    names: [X]\n");
        Assert.Contains(GazetteerValidator.ValidateCurated(data, null), f => f.IsError && f.Message.Contains("no source"));

        data = CuratedData("aliases:\n  - id: a:9\n    names: [X]\n    source: s\n");
        var built = new[] { new Place("a:1", "A", PlaceKind.Place, "IQ", null, null, 33, 44, null, [], "src") };
        Assert.Contains(GazetteerValidator.ValidateCurated(data, built), f => f.IsError && f.Message == "id 'a:9' is not in the built gazetteer");
    }

    private string CuratedData(string aliases)
    {
        var data = Path.Combine(_directory, "data");
        Directory.CreateDirectory(Path.Combine(data, "gazetteer"));
        File.WriteAllText(Path.Combine(data, "gazetteer", "sources.yml"),
            "sources:\n  - key: k\n    package: p@1.0.0\n    file: f\n    licence: MIT\n");
        File.WriteAllText(Path.Combine(data, "gazetteer", "aliases.yml"), aliases);
        return data;
    }
}
