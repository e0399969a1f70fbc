using System.Collections.Frozen;
using System.Text.Json;

namespace Garrison.Storage.Sql;

/// <summary>Enum values as the database stores them: the same snake_case words as the JSON record ("air_drone_strike").</summary>
public static class VocabularyText
{
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum => Cache<TEnum>.Names[value];

    public static TEnum Parse<TEnum>(string text)
        where TEnum : struct, Enum =>
        Cache<TEnum>.Values.TryGetValue(text, out var value)
            ? value
            : throw new InvalidDataException($"'{text}' is not a {typeof(TEnum).Name} this Garrison knows");

    private static class Cache<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> Names =
            Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()));

        public static readonly FrozenDictionary<string, TEnum> Values =
            Names.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
    }
}
