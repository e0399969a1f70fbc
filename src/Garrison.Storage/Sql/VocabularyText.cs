using System.Text.Json;

namespace Garrison.Storage.Sql;

/// <summary>Enum values as the database stores them: the same snake_case words as the JSON record ("air_drone_strike").</summary>
/// <remarks>
/// Plain arrays searched in order (a vocabulary has a few dozen words at most): a frozen dictionary per enum type cost a
/// short ingest more in building and compiling its generic code (once per enum type) than all its lookups.
/// </remarks>
public static class VocabularyText
{
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var values = Cache<TEnum>.Values;
        for (var i = 0; i < values.Length; i++)
        {
            if (EqualityComparer<TEnum>.Default.Equals(values[i], value))
            {
                return Cache<TEnum>.Names[i];
            }
        }

        throw new ArgumentOutOfRangeException(nameof(value), value, $"not a {typeof(TEnum).Name} this Garrison knows");
    }

    public static TEnum Parse<TEnum>(string text)
        where TEnum : struct, Enum
    {
        var names = Cache<TEnum>.Names;
        for (var i = 0; i < names.Length; i++)
        {
            if (string.Equals(names[i], text, StringComparison.Ordinal))
            {
                return Cache<TEnum>.Values[i];
            }
        }

        throw new InvalidDataException($"'{text}' is not a {typeof(TEnum).Name} this Garrison knows");
    }

    private static class Cache<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly TEnum[] Values = Enum.GetValues<TEnum>();

        public static readonly string[] Names = [.. Values.Select(v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()))];
    }
}
