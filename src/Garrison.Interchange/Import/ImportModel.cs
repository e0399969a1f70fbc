using Garrison.Domain.Records;
using Garrison.Storage;

namespace Garrison.Interchange.Import;

/// <summary>A row that could not be loaded: file, line (1-based, where the row starts) and why.</summary>
public sealed record ImportProblem(string File, int Line, string Reason)
{
    public override string ToString() => $"{File}:{Line}: {Reason}";
}

public sealed record ImportSummary(int Loaded, int AlreadyKnown, IReadOnlyList<ImportProblem> Malformed)
{
    public override string ToString() => $"{Loaded} loaded, {AlreadyKnown} already known, {Malformed.Count} malformed";
}

/// <summary>One good row: the source document it becomes and what it says.</summary>
public sealed record ImportedRow(SourceDocument Document, ExtractionRecord Record);

/// <summary>A data row by column name. <see cref="Get"/> is null for a column the file does not have.</summary>
public sealed class CsvRow(IReadOnlyDictionary<string, int> columns, string[] fields, int line)
{
    public int Line => line;

    public IReadOnlyList<string> Fields => fields;

    public string? Get(string column) =>
        columns.TryGetValue(column, out var index) && index < fields.Length ? fields[index] : null;

    /// <summary>The trimmed value, or "" for an absent column.</summary>
    public string Text(string column) => Get(column)?.Trim() ?? "";
}

/// <summary>A row's reason for being malformed, thrown inside a row reader and caught per row.</summary>
public sealed class MalformedRowException(string reason) : Exception(reason);
