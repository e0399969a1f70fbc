using System.CommandLine;
using Garrison.Lexicons;
using Garrison.Lexicons.Gazetteer;
using Garrison.Lexicons.Gazetteer.Build;

namespace Garrison.Cli.Commands;

/// <summary>`garrison data build|validate`: derive the gazetteer from its pinned open-data packages, check the data files.</summary>
internal static class DataCommand
{
    public static Command Create()
    {
        var command = new Command("data", "Build and check Garrison's data files (gazetteer, basemap).");
        command.Subcommands.Add(Build());
        command.Subcommands.Add(Validate());
        return command;
    }

    private static Command Build()
    {
        var sources = new Option<string?>("--sources")
        {
            Description = "folder the packages of data/gazetteer/sources.yml are installed in (default: artifacts/gazetteer-sources; eng/data/build-gazetteer.sh fills it)",
        };
        var output = new Option<string?>("--out") { Description = "output folder (default: data/build)" };
        var command = new Command("build", "Derive data/build/gazetteer and data/build/basemap from the installed source packages.");
        command.Options.Add(sources);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            var data = DataDirectory.Locate();
            var sourcesDirectory = parse.GetValue(sources)
                ?? Environment.GetEnvironmentVariable("GARRISON_GAZETTEER_CACHE")
                ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(data))!, "artifacts", "gazetteer-sources");
            var outputDirectory = parse.GetValue(output) ?? Path.Combine(data, "build");
            if (!Directory.Exists(sourcesDirectory))
            {
                stderr.WriteLine($"garrison data build: source folder {sourcesDirectory} does not exist; run eng/data/build-gazetteer.sh, which installs the packages and then builds");
                return 2;
            }

            try
            {
                var summary = new GazetteerBuilder(sourcesDirectory, data, outputDirectory, stderr).Build();
                stdout.WriteLine($"gazetteer built in {summary.Elapsed.TotalSeconds:0.0} s into {outputDirectory}");
                stdout.WriteLine("entries by kind: " + string.Join(", ", summary.ByKind.Select(k => $"{k.Key} {k.Value}")));
                stdout.WriteLine("entries by source: " + string.Join(", ", summary.BySource.Select(k => $"{k.Key} {k.Value}")));
                foreach (var (file, bytes) in summary.FileBytes)
                {
                    stdout.WriteLine($"  {file}: {bytes / 1024.0 / 1024.0:0.00} MB");
                }

                return 0;
            }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                stderr.WriteLine($"garrison data build: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static Command Validate()
    {
        var build = new Option<string?>("--build") { Description = "built data folder to check (default: data/build)" };
        var command = new Command("validate", "Check the data files: schema, duplicate ids, coordinates, sources, colliding curated names.");
        command.Options.Add(build);
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            var data = DataDirectory.Locate();
            var buildDirectory = parse.GetValue(build) ?? Path.Combine(data, "build");
            var placesPath = Path.Combine(buildDirectory, GazetteerFiles.PlacesFile);
            List<Place>? places = null;
            var findings = new List<ValidationFinding>();
            if (File.Exists(placesPath))
            {
                try
                {
                    places = GazetteerFiles.ReadPlaces(placesPath);
                    findings.AddRange(GazetteerValidator.ValidateBuilt(placesPath, places));
                }
                catch (InvalidDataException e)
                {
                    findings.Add(new(true, placesPath, e.Message));
                }
            }
            else
            {
                stderr.WriteLine($"note: {placesPath} is not built; only the curated files are checked (run eng/data/build-gazetteer.sh)");
            }

            findings.AddRange(GazetteerValidator.ValidateCurated(data, places));
            foreach (var finding in findings)
            {
                stderr.WriteLine($"{(finding.IsError ? "error" : "warning")}: {finding.File}: {finding.Message}");
            }

            if (places is not null)
            {
                stdout.WriteLine($"{placesPath}: {places.Count} entries, {GazetteerValidator.SharedNameCount(places)} names shared by several entries (ranking decides)");
            }

            var errors = findings.Count(f => f.IsError);
            stdout.WriteLine($"data validate: {errors} errors, {findings.Count - errors} warnings");
            return errors == 0 ? 0 : 1;
        });
        return command;
    }
}
