using System.CommandLine;
using System.CommandLine.Parsing;
using NodaTime;
using NodaTime.Text;

namespace Garrison.Cli.Options;

/// <summary>Options with the same meaning in several commands: dates and the output format.</summary>
internal static class CommandArguments
{
    public static Option<LocalDate?> DateOption(string name, string description, bool required = false) => new(name)
    {
        Description = description + " (YYYY-MM-DD)",
        HelpName = "DATE",
        Required = required,
        CustomParser = ParseDate,
    };

    public static Option<string> FormatOption(params string[] formats)
    {
        var option = new Option<string>("--format")
        {
            Description = "Output format",
            DefaultValueFactory = _ => formats[0],
        };
        option.AcceptOnlyFromAmong(formats);
        return option;
    }

    private static LocalDate? ParseDate(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        var parsed = LocalDatePattern.Iso.Parse(text);
        if (parsed.Success)
        {
            return parsed.Value;
        }

        result.AddError($"'{text}' is not a date: expected YYYY-MM-DD");
        return null;
    }

    /// <summary><c>--threads N</c>: documents read at once, at least 1; default one per core.</summary>
    public static Option<int> ThreadsOption(string description)
    {
        var threads = new Option<int>("--threads")
        {
            Description = description,
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        threads.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--threads must be at least 1");
            }
        });
        return threads;
    }
}
