using System.CommandLine;
using System.Text.Json;
using Garrison.Lexicons.Gazetteer;

namespace Garrison.Cli.Tests.Commands;

/// <summary>Runs only when data/build holds the built gazetteer (./test.sh builds it through eng/setup.d).</summary>
public sealed class GazetteerBuiltFactAttribute : FactAttribute
{
    public GazetteerBuiltFactAttribute()
    {
        var build = Gazetteer.DefaultBuildDirectory();
        if (!File.Exists(Path.Combine(build, GazetteerFiles.PlacesFile)))
        {
            Skip = $"{build}/gazetteer is not built: run eng/data/build-gazetteer.sh";
        }
    }
}

public class GazetteerCommandsTests
{
    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = Program.BuildRoot().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Lookup_rejects_an_unknown_kind_on_stderr()
    {
        var (exit, output, error) = Run("lookup", "Erbil", "--kind", "volcano");
        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains("unknown kind 'volcano'", error);
    }

    [Fact]
    public void Data_validate_passes_on_the_repository_data()
    {
        var (exit, output, error) = Run("data", "validate");
        Assert.True(exit == 0, error);
        Assert.Contains("data validate: 0 errors", output);
    }

    [GazetteerBuiltFact]
    public void Lookup_prints_json_candidates_best_first()
    {
        var (exit, output, _) = Run("lookup", "Ain al-Asad", "--format", "json", "--country", "IQ");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("Ain al-Asad", json.RootElement.GetProperty("query").GetString());
        var best = json.RootElement.GetProperty("matches")[0];
        Assert.Equal("ourairports:ORAA", best.GetProperty("id").GetString());
        Assert.Equal("facility", best.GetProperty("kind").GetString());
        Assert.Equal("Al Anbar", best.GetProperty("admin1").GetString());
        Assert.InRange(best.GetProperty("lat").GetDouble(), 33.7, 33.9);
        Assert.InRange(best.GetProperty("lon").GetDouble(), 42.3, 42.5);
    }
}
