using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Garrison.Storage.Resolution;

/// <summary>
/// The comparable form of a name: case, diacritics, hyphens, apostrophes and a leading "the" do not matter, so
/// "Al-Asad Air Base", "al asad air base" and "Al‑Asad Air Base" share one key. Keys are what the stores index.
/// </summary>
public static class NameKey
{
    /// <summary>Distinct names remembered before the memo starts over (a few MB at most).</summary>
    private const int MemoLimit = 1 << 16;

    // Ingest asks for the key of every entity mention, alias and candidate (a batch of 50 reports: ~4,000 mentions of a
    // few hundred names), and the Unicode decomposition was a twentieth of its time. A key depends only on the name.
    private static readonly ConcurrentDictionary<string, string> Memo = new(StringComparer.Ordinal);

    public static string Of(string name)
    {
        if (Memo.TryGetValue(name, out var known))
        {
            return known;
        }

        if (Memo.Count >= MemoLimit)
        {
            Memo.Clear();
        }

        return Memo[name] = Compute(name);
    }

    private static string Compute(string name)
    {
        var decomposed = name.Normalize(NormalizationForm.FormKD);
        var builder = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark || c is '\'' or '’' or '‘' or 'ʼ')
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                pendingSpace = false;
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                pendingSpace = true;
            }
        }

        var key = builder.ToString();
        return key.StartsWith("the ", StringComparison.Ordinal) ? key[4..] : key;
    }

    /// <summary>Words in the key: one-word names ("Asad", "Hezbollah", "JOC") are too ambiguous to merge entities on.</summary>
    public static int WordCount(string key) => key.Length == 0 ? 0 : key.Count(c => c == ' ') + 1;
}
