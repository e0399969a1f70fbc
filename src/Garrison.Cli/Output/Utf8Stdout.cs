using System.Text;

namespace Garrison.Cli.Output;

/// <summary>When a command may write UTF-8 bytes straight to stdout instead of text through its writer.</summary>
internal static class Utf8Stdout
{
    /// <summary>
    /// True when <paramref name="output"/> is the console's own writer and the console writes UTF-8: bytes written to
    /// stdout are then what the writer would have written (tests and other encodings get the text instead).
    /// </summary>
    public static bool IsBehind(TextWriter output) =>
        ReferenceEquals(output, Console.Out) && Console.OutputEncoding.CodePage == Encoding.UTF8.CodePage;
}
