using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Garrison.Lexicons.Gazetteer.Build;

/// <summary>data/gazetteer/sources.yml: the pinned packages the gazetteer is derived from.</summary>
public sealed class GazetteerSources
{
    public List<SourceEntry> Sources { get; set; } = [];

    public static GazetteerSources Load(string path)
    {
        var sources = Yaml.Read<GazetteerSources>(path);
        foreach (var (entry, index) in sources.Sources.Select((e, i) => (e, i)))
        {
            if (string.IsNullOrWhiteSpace(entry.Key) || string.IsNullOrWhiteSpace(entry.Package)
                || string.IsNullOrWhiteSpace(entry.File) || string.IsNullOrWhiteSpace(entry.Licence))
            {
                throw new InvalidDataException($"{path}: source #{index + 1} needs key, package, file and licence");
            }
        }

        return sources;
    }

    public string FileOf(string key, string sourcesDirectory) =>
        Path.Combine(sourcesDirectory, Sources.FirstOrDefault(s => s.Key == key)?.File
            ?? throw new InvalidDataException($"sources.yml has no source with key '{key}'"));
}

public sealed class SourceEntry
{
    public string Key { get; set; } = string.Empty;

    public string Package { get; set; } = string.Empty;

    public string File { get; set; } = string.Empty;

    public string What { get; set; } = string.Empty;

    public string Licence { get; set; } = string.Empty;

    public string? Attribution { get; set; }
}

/// <summary>
/// data/gazetteer/aliases.yml: names that reports use for entries of the built gazetteer and that the open
/// lists lack or spell otherwise ("Harir Air Base" for OurAirports' Bashur Airfield). Each row says why.
/// </summary>
public sealed class CuratedAliases
{
    public List<CuratedAlias> Aliases { get; set; } = [];

    public static CuratedAliases Load(string path)
    {
        var curated = Yaml.Read<CuratedAliases>(path);
        foreach (var (entry, index) in curated.Aliases.Select((e, i) => (e, i)))
        {
            if (string.IsNullOrWhiteSpace(entry.Id) || entry.Names.Count == 0)
            {
                throw new InvalidDataException($"{path}: alias row #{index + 1} needs an id and at least one name");
            }

            if (string.IsNullOrWhiteSpace(entry.Source))
            {
                throw new InvalidDataException($"{path}: alias row #{index + 1} ({entry.Id}) has no source");
            }
        }

        return curated;
    }
}

public sealed class CuratedAlias
{
    public string Id { get; set; } = string.Empty;

    public List<string> Names { get; set; } = [];

    public string Source { get; set; } = string.Empty;

    public string? Note { get; set; }
}

internal static class Yaml
{
    public static T Read<T>(string path)
        where T : new()
    {
        var deserializer = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();
        try
        {
            return deserializer.Deserialize<T>(File.ReadAllText(path)) ?? new T();
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new InvalidDataException($"{path}: line {e.Start.Line}: {e.InnerException?.Message ?? e.Message}", e);
        }
    }
}
