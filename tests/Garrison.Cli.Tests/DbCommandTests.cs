using Garrison.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Garrison.Cli.Tests;

/// <summary><c>db copy</c> through the command tree, between SQLite files (PostgreSQL copies: Garrison.Storage.Tests).</summary>
public sealed class DbCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("garrison-db-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_copy_answers_like_the_original_and_a_second_copy_into_it_is_refused()
    {
        var (original, copy) = (Path.Combine(folder, "study.db"), Path.Combine(folder, "copy.db"));
        var reports = Directory.CreateDirectory(Path.Combine(folder, "reports")).FullName;
        await File.WriteAllTextAsync(Path.Combine(reports, "a.txt"),
            "published: 2024-05-02\n---\nUS troops arrived at Harir Air Base on 1 May 2024, officials said.\n");
        await File.WriteAllTextAsync(Path.Combine(reports, "b.txt"),
            "published: 2025-03-04\n---\nUS forces withdrew from Harir Air Base on 3 March 2025 and handed it to Iraqi forces.\n");
        Assert.Equal(0, (await Cli.RunAsync("ingest", reports, "--db", original)).Exit);

        var copied = await Cli.RunAsync("db", "copy", "--from", original, "--to", copy);
        var again = await Cli.RunAsync("db", "copy", "--from", original, "--to", copy);

        Assert.Equal(0, copied.Exit);
        Assert.Contains("2 documents", copied.Out, StringComparison.Ordinal);
        Assert.Contains("Harir Air Base", (await Cli.RunAsync("state", "--at", "2024-06-01", "--format", "json", "--db", copy)).Out,
            StringComparison.Ordinal);
        foreach (var at in new[] { "2024-06-01", "2025-06-01" })
        {
            Assert.Equal((await Cli.RunAsync("state", "--at", at, "--format", "json", "--db", original)).Out,
                (await Cli.RunAsync("state", "--at", at, "--format", "json", "--db", copy)).Out);
        }

        Assert.Equal((await Cli.RunAsync("events", "--format", "json", "--db", original)).Out,
            (await Cli.RunAsync("events", "--format", "json", "--db", copy)).Out);
        Assert.Equal(2, again.Exit);
        Assert.Contains(copy, again.Err, StringComparison.Ordinal);
        Assert.Contains("not empty", again.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_source_a_bad_url_or_the_same_base_twice_is_an_error_naming_it()
    {
        var missing = Path.Combine(folder, "missing.db");
        var target = Path.Combine(folder, "target.db");

        var noSource = await Cli.RunAsync("db", "copy", "--from", missing, "--to", target);
        var badUrl = await Cli.RunAsync("db", "copy", "--from", "postgres://user:secret@host-without-db", "--to", target);
        var existing = Path.Combine(folder, "existing.db");
        await (await SqliteKnowledgeStore.OpenAsync(existing)).DisposeAsync();
        var same = await Cli.RunAsync("db", "copy", "--from", existing, "--to", Path.Combine(folder, ".", "existing.db"));

        Assert.Equal((2, ""), (noSource.Exit, noSource.Out));
        Assert.Contains(missing, noSource.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(target));
        Assert.Equal(2, badUrl.Exit);
        Assert.Contains("names no database", badUrl.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", badUrl.Err, StringComparison.Ordinal);
        Assert.Equal(2, same.Exit);
        Assert.Contains("same knowledge base", same.Err, StringComparison.Ordinal);
    }
}
