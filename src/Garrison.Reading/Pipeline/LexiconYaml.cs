using Garrison.Lexicons;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Garrison.Reading.Pipeline;

/// <summary>Reads the reading stages' word lists from data/lexicon/en/*.yml (snake_case keys).</summary>
internal static class LexiconYaml
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build();

    /// <summary>The path of an English lexicon file in Garrison's data folder.</summary>
    public static string DefaultPath(string fileName) => Path.Combine(DataDirectory.Locate(), "lexicon", "en", fileName);

    public static T Read<T>(string path)
        where T : class, new()
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: lexicon file not found", path);
        }

        try
        {
            using var reader = new StreamReader(path);
            return Deserializer.Deserialize<T>(reader) ?? new T();
        }
        catch (YamlException e)
        {
            throw new InvalidDataException($"{path}: line {e.Start.Line}: {e.Message}", e);
        }
    }
}
