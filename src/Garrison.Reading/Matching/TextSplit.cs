using System.Runtime.CompilerServices;
using Garrison.Reading.Names;

namespace Garrison.Reading.Matching;

/// <summary>
/// One split of a text, made in one walk over its characters and read by every stage that needs it: the
/// <see cref="WordScanner"/> words with their vocabulary ids (the name, event and fact stages) and the runs of letters
/// and of digits (the date and quantity rules' starts, <see cref="RuleStarts"/>, and the range rule's starts).
/// </summary>
/// <remarks>
/// The date stage reads the body first, then quantities, then names: each used to read every character again (the
/// runs walk ~8 % of dates, the word split ~30 % of names). Kept per thread for the last text, keyed by the string
/// instance (strings are immutable, so the same instance splits the same way) and by the vocabulary's version (a
/// split made before a lexicon registered its keys lacks their ids), so that every caller of the recognizers gets it,
/// not only the pipeline. The word list is handed to whoever asks (the reading document keeps it): a new list is
/// made for each text, and no reader may modify it.
/// </remarks>
internal sealed class TextSplit
{
    [ThreadStatic]
    private static TextSplit? last;

    private string? text;
    private int vocabularyVersion;
    private List<Word> words = [];
    private RuleStarts.Run[] runs = new RuleStarts.Run[256];
    private int count;

    /// <summary>The split of <paramref name="text"/>, made now unless this thread's last split was of the same instance.</summary>
    public static TextSplit Of(string text)
    {
        var kept = last ??= new TextSplit();
        if (!ReferenceEquals(kept.text, text) || kept.vocabularyVersion != WordVocabulary.Version)
        {
            kept.Split(text);
        }

        return kept;
    }

    /// <summary>The words (<see cref="WordScanner.Scan(string, int, int)"/> of the whole text); not to be modified.</summary>
    public List<Word> Words => words;

    /// <summary>The <see cref="WordVocabulary.Version"/> the words' ids come from.</summary>
    public int VocabularyVersion => vocabularyVersion;

    /// <summary>The runs of letters and of digits, in text order (valid until this thread splits another text).</summary>
    public ReadOnlySpan<RuleStarts.Run> Runs => runs.AsSpan(0, count);

    private void Split(string text)
    {
        this.text = null;
        count = 0;
        var sink = new Sink(this);
        words = WordScanner.Scan(text, 0, -1, out vocabularyVersion, ref sink);
        this.text = text;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Append(RuleStarts.Run run)
    {
        if (count == runs.Length)
        {
            Grow();
        }

        runs[count++] = run;
    }

    private void Grow() => Array.Resize(ref runs, runs.Length * 2);

    /// <summary>
    /// The runs of one word: a run of ASCII letters ends where a digit begins (and takes the letters outside ASCII
    /// that follow it, as one run of other letters), a run of digits takes every decimal digit; what is neither
    /// (apostrophes, dots, other numbers) separates runs.
    /// </summary>
    private readonly struct Sink(TextSplit split) : IRunSink
    {
        // Inlined into the split's loop for the one-run words; the mixed ones are read out of line.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void AsciiWord(string text, int start, int end, WordScanner.AsciiKinds kinds, int id)
        {
            // Nine words of ten are letters only or digits only: one run, the word itself. (The character after an
            // ASCII word is ASCII and no letter or digit, so the run ends with the word.) A word of letters only is
            // its run, so the run carries the word's id, which the rules' starts look up instead of the letters.
            if (kinds == WordScanner.AsciiKinds.Letters)
            {
                split.Append(new RuleStarts.Run(start, end - start, RuleStarts.RunKind.AsciiLetters, id));
                return;
            }

            if (kinds == WordScanner.AsciiKinds.Digits)
            {
                split.Append(new RuleStarts.Run(start, end - start, RuleStarts.RunKind.Digits));
                return;
            }

            MixedWord(text, start, end);
        }

        /// <summary>A word of ASCII letters and digits mixed ("F16", "3rd"): alternate runs.</summary>
        private void MixedWord(string text, int start, int end)
        {
            var i = start;
            while (i < end)
            {
                var from = i;
                var digits = char.IsAsciiDigit(text[i]);
                while (i < end && char.IsAsciiDigit(text[i]) == digits)
                {
                    i++;
                }

                split.Append(new RuleStarts.Run(from, i - from, digits ? RuleStarts.RunKind.Digits : RuleStarts.RunKind.AsciiLetters));
            }
        }

        public void OtherWord(string text, int start, int end)
        {
            var i = start;
            while (i < end)
            {
                var from = i;
                var c = text[i];
                if (char.IsAsciiLetter(c))
                {
                    while (i < end && char.IsAsciiLetter(text[i]))
                    {
                        i++;
                    }

                    if (i < end && char.IsLetter(text[i]))
                    {
                        i = LettersEnd(text, i, end, out _);
                        split.Append(new RuleStarts.Run(from, i - from, RuleStarts.RunKind.OtherLetters));
                    }
                    else
                    {
                        split.Append(new RuleStarts.Run(from, i - from, RuleStarts.RunKind.AsciiLetters));
                    }
                }
                else if (char.IsLetter(c))
                {
                    i = LettersEnd(text, i, end, out var ascii);
                    split.Append(new RuleStarts.Run(from, i - from, ascii ? RuleStarts.RunKind.AsciiLetters : RuleStarts.RunKind.OtherLetters));
                }
                else if (char.IsDigit(c))
                {
                    while (i < end && char.IsDigit(text[i]))
                    {
                        i++;
                    }

                    split.Append(new RuleStarts.Run(from, i - from, RuleStarts.RunKind.Digits));
                }
                else
                {
                    i++;
                }
            }
        }

        // The end of the letters from `from`, and whether all of them from there are ASCII.
        private static int LettersEnd(string text, int from, int end, out bool ascii)
        {
            ascii = true;
            var i = from;
            while (i < end && char.IsLetter(text[i]))
            {
                ascii &= char.IsAscii(text[i]);
                i++;
            }

            return i;
        }
    }
}
