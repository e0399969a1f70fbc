namespace Garrison.Domain.Provenance;

/// <summary>
/// Character offsets (UTF-16, end exclusive) into a document's body, the text after its header.
/// Every annotation and every claim keeps one.
/// </summary>
public readonly record struct TextSpan(int Start, int End)
{
    public int Length => End - Start;

    public bool Overlaps(TextSpan other) => Start < other.End && other.Start < End;

    public bool Contains(TextSpan other) => Start <= other.Start && other.End <= End;

    public string Slice(string body) => body[Start..End];

    public override string ToString() => $"[{Start},{End})";
}
