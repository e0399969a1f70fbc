using System.CommandLine;
using System.Text;
using Garrison.Cli.Batch;
using Garrison.Cli.Options;
using Garrison.Cli.Output;
using Garrison.Domain.Dates;
using Garrison.Domain.Records;
using Garrison.Reading.Loading;
using Garrison.Reading.Pipeline;
using Spectre.Console;

namespace Garrison.Cli.Commands;

/// <summary>
/// <c>garrison extract FILE... [--format json|table]</c>: reads each document and prints its extraction record
/// (shared/spec/extraction-record.md). JSON: one object per line, in the order given; a file that cannot be read
/// gets <c>{"document": {...}, "error": "why"}</c> in its place, the reason on stderr, and the exit status is 1.
/// </summary>
internal static class ExtractCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files")
        {
            Description = "Report files to read (UTF-8 text with an optional key: value header closed by ---; .html is reduced to its text). Folders are read recursively.",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = new Option<string>("--format")
        {
            Description = "json: one extraction record per line (the scorer's contract); table: events and facts in date order with their evidence; annotations: each sentence with the names, dates and quantities found in it (to see why something was or was not read).",
            DefaultValueFactory = _ => "json",
        };
        format.AcceptOnlyFromAmong("json", "table", "annotations");
        var threads = CommandArguments.ThreadsOption("Documents read at once (default: one per core). The output keeps the order the files were given in.");

        var command = new Command("extract", "Read reports into sourced, dated events and facts (the extraction record).")
        {
            files,
            format,
            threads,
        };
        command.SetAction(parse => Run(
            parse.GetValue(files) ?? [],
            parse.GetValue(format) ?? "json",
            parse.GetValue(threads),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    public static int Run(IReadOnlyList<string> paths, string format, int threads, TextWriter output, TextWriter error)
    {
        ReadingPipeline pipeline;
        try
        {
            pipeline = ReadingPipelineFactory.CreateDefault();
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            error.WriteLine($"garrison extract: cannot load Garrison's data: {e.Message}");
            return 2;
        }

        var loader = new DocumentLoader();
        var failed = 0;
        if (format == "table")
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
            foreach (var path in DocumentFiles.Expand(paths))
            {
                try
                {
                    var document = loader.Load(path);
                    WriteTable(console, pipeline.Read(document.Id, document.Text), document.Text);
                }
                catch (ReadingException e)
                {
                    failed++;
                    error.WriteLine($"garrison extract: {e.Message}");
                }
            }

            return failed == 0 ? 0 : 1;
        }

        // Reading is the slow part and the pipeline is immutable, so documents are read on all threads; the lines
        // come back in the order the files were given, and only a few wait at a time (a folder of any size streams).
        var lines = OrderedParallel.Select(DocumentFiles.Expand(paths), path => ReadOne(path, format, pipeline, loader), threads);
        using var sink = LineSink.For(output);
        void WriteAll(Action<string> reportProblem, Action<long> advanced)
        {
            long read = 0;
            foreach (var (line, problem) in lines)
            {
                if (problem is not null)
                {
                    failed++;
                    reportProblem($"garrison extract: {problem}");
                }

                sink.Write(line);
                advanced(++read);
            }
        }

        // Data goes to stdout; a count of documents read is shown on stderr only when a person watches stderr and
        // stdout goes elsewhere (a file or a pipe), so neither the data nor a log is mixed with it.
        if (Console.IsOutputRedirected && ProgressConsole.ForStderr(error) is { } progress)
        {
            progress.Progress().AutoClear(true).Columns(new SpinnerColumn(), new TaskDescriptionColumn(), new ElapsedTimeColumn()).Start(context =>
            {
                var task = context.AddTask("extract: 0 documents read");
                task.IsIndeterminate = true;
                WriteAll(message => progress.MarkupLineInterpolated($"{message}"), read => task.Description = $"extract: {read:N0} documents read");
            });
        }
        else
        {
            WriteAll(error.WriteLine, _ => { });
        }

        return failed == 0 ? 0 : 1;
    }

    /// <summary>One document's output (a JSON line, or its annotations) and the problem that stopped it, if any.</summary>
    private static (OutputLine Line, string? Problem) ReadOne(string path, string format, ReadingPipeline pipeline, DocumentLoader loader)
    {
        try
        {
            var document = loader.Load(path);
            if (format == "annotations")
            {
                using var annotations = new StringWriter();
                WriteAnnotations(annotations, pipeline.Annotate(document.Id, document.Text));
                var text = annotations.ToString();
                return (new OutputLine(null, text.Length == 0 ? null : text.TrimEnd('\n').TrimEnd('\r')), null);
            }

            return (new OutputLine(ExtractionRecordJson.SerializeToUtf8Bytes(pipeline.Read(document.Id, document.Text)), null), null);
        }
        catch (ReadingException e)
        {
            var line = format == "annotations" ? null : RecordJson.Serialize(new ExtractionError(new DocumentInfo(DocumentLoader.IdOf(path), null, null, null), e.Problem));
            return (new OutputLine(null, line), e.Message);
        }
    }

    /// <summary>A line of output: a record's JSON as UTF-8 bytes (made on the reading threads), or text; or nothing.</summary>
    private readonly record struct OutputLine(byte[]? Utf8, string? Text);

    /// <summary>
    /// Where the lines go. When the output is the console's and it writes UTF-8, a record's bytes go straight to stdout
    /// through one buffer (what the console would have written, without turning them into a string and back, ~30 KB per
    /// record); any other writer (a test's, a console in another encoding) gets the text.
    /// </summary>
    private abstract class LineSink : IDisposable
    {
        public static LineSink For(TextWriter output) =>
            Utf8Stdout.IsBehind(output)
                ? new StdoutSink(output)
                : new TextSink(output);

        public abstract void Write(OutputLine line);

        public virtual void Dispose()
        {
        }

        private sealed class TextSink(TextWriter output) : LineSink
        {
            public override void Write(OutputLine line)
            {
                if (line.Utf8 is { } utf8)
                {
                    output.WriteLine(Encoding.UTF8.GetString(utf8));
                }
                else if (line.Text is { } text)
                {
                    output.WriteLine(text);
                }
            }
        }

        private sealed class StdoutSink : LineSink
        {
            private readonly Stream stdout;
            private readonly byte[] newLine;

            public StdoutSink(TextWriter output)
            {
                // Whatever the writer holds goes out first, so the lines keep their order.
                output.Flush();
                newLine = Encoding.UTF8.GetBytes(output.NewLine);
                stdout = new BufferedStream(Console.OpenStandardOutput(), 1 << 16);
            }

            public override void Write(OutputLine line)
            {
                if (line.Utf8 is { } utf8)
                {
                    stdout.Write(utf8);
                }
                else if (line.Text is { } text)
                {
                    stdout.Write(Encoding.UTF8.GetBytes(text));
                }
                else
                {
                    return;
                }

                stdout.Write(newLine);
            }

            public override void Dispose() => stdout.Dispose();
        }
    }

    private static void WriteAnnotations(TextWriter output, Garrison.Reading.Documents.ReadingDocument document)
    {
        foreach (var sentence in document.Sentences)
        {
            output.WriteLine($"[{sentence.Paragraph}] {sentence.Span.Slice(document.Body)}");
            foreach (var n in document.Names.Where(n => sentence.Span.Contains(n.Span)))
            {
                output.WriteLine($"    name {n.Span} '{n.Span.Slice(document.Body)}' = {n.Entity.Name} ({n.Entity.Kind}){(n.Anaphoric ? " <- reference" : "")}");
            }

            foreach (var d in document.Dates.Where(d => sentence.Span.Contains(d.Span)))
            {
                output.WriteLine($"    date {d.Span} '{d.Span.Slice(document.Body)}' = {d.Value.From}..{d.Value.To}{(d.Value.Approx ? " ~" : "")}{d.Unresolved}");
            }

            foreach (var q in document.Quantities.Where(q => sentence.Span.Contains(q.Span)))
            {
                output.WriteLine($"    quantity {q.Span} '{q.Span.Slice(document.Body)}' = {Show(q.Value)}");
            }
        }
    }

    /// <summary>The line that stands for a file that could not be read.</summary>
    private sealed record ExtractionError(DocumentInfo Document, string Error);

    private static void WriteTable(IAnsiConsole console, ExtractionRecord record, string text)
    {
        var body = text[Garrison.Reading.Header.HeaderStage.Split(text).BodyStart..];
        var info = record.Document;
        console.Write(new Rule($"[bold]{Markup.Escape(info.Id)}[/] {Markup.Escape(info.Outlet ?? "")} {Markup.Escape(info.Published?.ToString() ?? "undated")}").LeftJustified());
        var table = new Table().Border(TableBorder.Simple).Expand();
        table.AddColumn("when");
        table.AddColumn("what");
        table.AddColumn("who / where");
        table.AddColumn("evidence");

        var rows = new List<(PartialDate? Sort, string When, string What, string Who, string Evidence)>();
        foreach (var e in record.Events)
        {
            var who = string.Join(", ", e.Actors);
            if (e.Targets.Count > 0)
            {
                who += " → " + string.Join(", ", e.Targets);
            }

            if (e.Place is not null)
            {
                who += $" @ {e.Place}{(e.PlaceInferred ? " (inferred)" : "")}";
            }

            var what = $"{Snake(e.Type.ToString())} ({Snake(e.Status.ToString())})";
            if (e.Casualties.Killed is { } k)
            {
                what += $" killed {Show(k)}";
            }

            if (e.Casualties.Injured is { } i)
            {
                what += $" injured {Show(i)}";
            }

            if (e.Quantity is { } q)
            {
                what += $" ×{Show(q)}";
            }

            rows.Add((e.Date.From ?? e.Date.To, When(e.Date), what, who, Evidence(body, e.Evidence)));
        }

        foreach (var f in record.Facts)
        {
            var what = Snake(f.Relation.ToString()) + (f.Value is null ? "" : $" = {f.Value}") + (f.Quantity is null ? "" : $" {Show(f.Quantity)}");
            var who = $"{f.Subject} → {f.Object}" + (f.Condition is null ? "" : $" (if {f.Condition})");
            rows.Add((f.Valid.From ?? f.Valid.To, When(f.Valid), "[fact] " + what, who, Evidence(body, f.Evidence)));
        }

        foreach (var row in rows.OrderBy(r => r.Sort is null).ThenBy(r => r.Sort))
        {
            table.AddRow(Markup.Escape(row.When), Markup.Escape(row.What), Markup.Escape(row.Who), "[grey]" + Markup.Escape(row.Evidence) + "[/]");
        }

        console.Write(table);
    }

    private static string When(DateSpan span) =>
        span.IsUnknown ? "?" : (span.From == span.To ? $"{span.From}" : $"{span.From?.ToString() ?? "…"} – {span.To?.ToString() ?? "…"}") + (span.Approx ? " ~" : "");

    private static string Show(Garrison.Domain.Quantities.Quantity q) =>
        q.Value is { } v ? (q.Approx ? "~" : "") + v : $"{q.Low?.ToString() ?? "?"}–{q.High?.ToString() ?? "?"}";

    private static string Evidence(string body, IReadOnlyList<Garrison.Domain.Provenance.TextSpan> spans) =>
        string.Join(" … ", spans.Where(s => s.End <= body.Length).Select(s => body[s.Start..s.End].Trim()));

    private static string Snake(string pascal) =>
        string.Concat(pascal.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
