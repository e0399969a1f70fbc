using Garrison.Storage;
using NodaTime;

namespace Garrison.Interchange.Export;

/// <summary>
/// What to export: events whose dates overlap [From, To] at a place (any of null = no filter); installations
/// as they stood on <see cref="At"/>. <see cref="Timestamp"/> fills ACLED's upload-time column, passed in
/// rather than read from a clock so that exports are reproducible.
/// </summary>
public sealed record ExportRequest(LocalDate? From = null, LocalDate? To = null, string? Place = null, LocalDate? At = null)
{
    public Instant? Timestamp { get; init; }

    public EventQuery ToEventQuery() => new(From, To, Place: Place);
}

/// <summary>How many rows were written and why others were left out, for stderr.</summary>
public sealed record ExportResult(int Written, IReadOnlyList<string> Notes);

public interface IExporter
{
    /// <summary>The --format name.</summary>
    string Format { get; }

    Task<ExportResult> WriteAsync(IKnowledgeStore store, ExportRequest request, TextWriter output, CancellationToken cancellationToken = default);
}
