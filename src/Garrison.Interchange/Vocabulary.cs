using Garrison.Domain.Records;

namespace Garrison.Interchange;

/// <summary>The spec's snake_case names of enum values, as the one JSON shape writes them.</summary>
internal static class Vocabulary
{
    public static string Snake<T>(T value)
        where T : struct, Enum => RecordJson.Serialize(value).Trim('"');
}
