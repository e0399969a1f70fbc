using Garrison.Domain.Dates;
using Garrison.Domain.Quantities;
using NodaTime;

namespace Garrison.Domain.Records;

/// <summary>What the knowledge base holds true on one date (spec: The state record).</summary>
public sealed record StateRecord(
    LocalDate At,
    IReadOnlyList<PresenceRow> Presence,
    IReadOnlyList<ControlRow> Control,
    IReadOnlyList<TroopLevelRow> TroopLevels);

public sealed record PresenceRow(string Force, string Place, PartialDate? Since, PartialDate? Until, IReadOnlyList<string> Sources);

public sealed record ControlRow(string Controller, string Place, PartialDate? Since, PartialDate? Until, IReadOnlyList<string> Sources);

public sealed record TroopLevelRow(string Force, string Area, Quantity Quantity, PartialDate? Since, PartialDate? Until, IReadOnlyList<string> Sources)
{
    /// <summary>Other figures for the same force and area on the same date, from reports that disagree.</summary>
    public IReadOnlyList<TroopLevelRow>? Disputed { get; init; }
}
