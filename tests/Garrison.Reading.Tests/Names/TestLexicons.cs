using Garrison.Lexicons;
using Garrison.Reading.Pipeline;

namespace Garrison.Reading.Tests.Names;

/// <summary>The repository's lexicons, loaded once for all tests (they are immutable).</summary>
internal static class TestLexicons
{
    private static readonly Lazy<ReadingLexicons> Loaded = new(() => ReadingLexicons.Load(DataDirectory.Locate()));

    public static ReadingLexicons Value => Loaded.Value;
}
