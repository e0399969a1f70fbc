namespace Garrison.Domain.Records;

/// <summary>
/// A list of strings that can hand out an item's bytes, when they are plain ASCII, without building the string: a state
/// answer read from SQLite's state index lists ~150k source ids at 10^6 facts (~38k distinct), which a writer of UTF-8
/// (the <c>state</c> command's JSON) can copy as they are instead of building each as a string only to encode it back.
/// </summary>
public interface IAsciiStringList : IReadOnlyList<string>
{
    /// <summary>
    /// The item's bytes when every one is ASCII (they then read as the same characters in UTF-8 and UTF-16, so a writer
    /// escapes them as it would the string); false for an item outside ASCII, which is read as a string instead. The
    /// span is valid while the list is.
    /// </summary>
    bool TryGetAscii(int index, out ReadOnlySpan<byte> ascii);
}
