using Garrison.Domain.Dates;
using Garrison.Domain.Provenance;
using Garrison.Domain.Quantities;
using Garrison.Domain.Records;

namespace Garrison.Reading.Documents;

/// <summary>A sentence of the body, with the paragraph it belongs to.</summary>
public sealed record Sentence(TextSpan Span, int Paragraph);

public enum TokenKind
{
    Word,
    Number,
    Punctuation,
    Symbol,
}

public sealed record Token(TextSpan Span, string Text, TokenKind Kind);

/// <summary>A date expression in the text, resolved against the dateline. Unresolvable ones keep a reason.</summary>
public sealed record DateMention(TextSpan Span, DateSpan Value)
{
    /// <summary>Why a mention could not be resolved, when it could not.</summary>
    public string? Unresolved { get; init; }
}

/// <summary>A number in the text with its hedge ("roughly", "more than", "scores of").</summary>
public sealed record QuantityMention(TextSpan Span, Quantity Value);

/// <summary>A name matched to an entity (lexicon, gazetteer or fallback).</summary>
public sealed record NameMention(TextSpan Span, EntityRecord Entity)
{
    /// <summary>True when the mention points back to a name given earlier ("the base", "the ministry").</summary>
    public bool Anaphoric { get; init; }
}
