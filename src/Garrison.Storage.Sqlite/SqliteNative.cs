using System.Runtime.InteropServices;

namespace Garrison.Storage.Sqlite;

/// <summary>
/// The few SQLite calls ingest makes for every value and row, straight into the library Microsoft.Data.Sqlite loads
/// (SQLitePCLRaw's e_sqlite3), on raw handles. Through SQLitePCLRaw each call went through its provider interface and a
/// marshalling stub that took and released a reference on the statement's SafeHandle: about a tenth of the CPU of
/// writing a document, for ~2,000 calls per report. These signatures are blittable, so the stubs pass the values as
/// they are. The handles stay owned by their SafeHandles (<see cref="SqliteRowInsert"/>, <see cref="SqliteStatement"/>),
/// which outlive every call made here.
/// </summary>
internal static partial class SqliteNative
{
    private const string Library = "e_sqlite3";

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_int64")]
    public static partial int BindInt64(nint statement, int index, long value);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_double")]
    public static partial int BindDouble(nint statement, int index, double value);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_null")]
    public static partial int BindNull(nint statement, int index);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_text")]
    public static partial int BindText(nint statement, int index, ref byte text, int length, nint destructor);

    [LibraryImport(Library, EntryPoint = "sqlite3_step")]
    public static partial int Step(nint statement);

    [LibraryImport(Library, EntryPoint = "sqlite3_reset")]
    public static partial int Reset(nint statement);

    [LibraryImport(Library, EntryPoint = "sqlite3_last_insert_rowid")]
    public static partial long LastInsertRowId(nint database);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_type")]
    public static partial int ColumnType(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_int64")]
    public static partial long ColumnInt64(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_double")]
    public static partial double ColumnDouble(nint statement, int column);

    /// <summary>The first statement still open on the connection after <paramref name="after"/> (0: from the start), or 0.</summary>
    [LibraryImport(Library, EntryPoint = "sqlite3_next_stmt")]
    public static partial nint NextStatement(nint database, nint after);

    /// <summary>The UTF-8 SQL text a statement was compiled from.</summary>
    [LibraryImport(Library, EntryPoint = "sqlite3_sql")]
    public static partial nint Sql(nint statement);
}
