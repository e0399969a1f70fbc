using Garrison.Domain.Records;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Garrison.Lexicons.Entities;

/// <summary>
/// Reads entity lexicon files. Each file is YAML with a <c>source:</c> (where its facts came from), a <c>licence:</c>
/// and a list of <c>entries:</c> (id, name, kind, aliases, country, admin1, lat, lon, demonyms, forces, government).
/// </summary>
public static class EntityLexiconLoader
{
    /// <summary>The folders under data/ that hold entity files.</summary>
    public static readonly string[] Folders = ["actors", "places"];

    public static EntityLexicon LoadFrom(string dataDirectory)
    {
        var entries = new List<LexiconEntry>();
        foreach (var folder in Folders)
        {
            var path = Path.Combine(dataDirectory, folder);
            if (!Directory.Exists(path))
            {
                continue;
            }

            foreach (var file in Directory.GetFiles(path, "*.yml").Order(StringComparer.Ordinal))
            {
                entries.AddRange(ReadFile(file));
            }
        }

        return new EntityLexicon(entries);
    }

    public static IReadOnlyList<LexiconEntry> ReadFile(string path) => Parse(File.ReadAllText(path), path);

    public static IReadOnlyList<LexiconEntry> Parse(string yaml, string fileName)
    {
        EntityFile file;
        try
        {
            file = Deserializer.Deserialize<EntityFile>(yaml) ?? new EntityFile();
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new InvalidDataException($"{fileName}: {e.Message}", e);
        }

        if (string.IsNullOrWhiteSpace(file.Source))
        {
            throw new InvalidDataException($"{fileName}: every lexicon file needs a 'source:' line");
        }

        var result = new List<LexiconEntry>();
        foreach (var raw in file.Entries)
        {
            if (string.IsNullOrWhiteSpace(raw.Id) || string.IsNullOrWhiteSpace(raw.Name))
            {
                throw new InvalidDataException($"{fileName}: an entry lacks an id or a name");
            }

            if (!TryParseKind(raw.Kind, out var kind))
            {
                throw new InvalidDataException($"{fileName}: entry '{raw.Id}' has unknown kind '{raw.Kind}'");
            }

            if (raw.Lat is < -90 or > 90 || raw.Lon is < -180 or > 180)
            {
                throw new InvalidDataException($"{fileName}: entry '{raw.Id}' has coordinates out of range");
            }

            result.Add(new LexiconEntry(raw.Id, raw.Name, kind, raw.Aliases)
            {
                Country = raw.Country ?? (kind == EntityKind.Country ? raw.Name : null),
                Admin1 = raw.Admin1,
                Lat = raw.Lat,
                Lon = raw.Lon,
                Demonyms = raw.Demonyms,
                Forces = raw.Forces,
                Government = raw.Government,
                Source = raw.Source ?? file.Source,
            });
        }

        return result;
    }

    /// <summary>Spec kinds are snake_case ("armed_group"); the enum is PascalCase.</summary>
    public static bool TryParseKind(string? text, out EntityKind kind) =>
        Enum.TryParse((text ?? "").Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out kind);

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    private sealed class EntityFile
    {
        public string? Source { get; set; }

        public string? Licence { get; set; }

        public List<RawEntry> Entries { get; set; } = [];
    }

    private sealed class RawEntry
    {
        public string Id { get; set; } = "";

        public string Name { get; set; } = "";

        public string? Kind { get; set; }

        public List<string> Aliases { get; set; } = [];

        public string? Country { get; set; }

        public string? Admin1 { get; set; }

        public double? Lat { get; set; }

        public double? Lon { get; set; }

        public List<string> Demonyms { get; set; } = [];

        public string? Forces { get; set; }

        public string? Government { get; set; }

        public string? Source { get; set; }
    }
}
