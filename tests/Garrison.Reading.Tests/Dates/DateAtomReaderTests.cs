using System.Text;
using Garrison.Reading.Dates;

namespace Garrison.Reading.Tests.Dates;

/// <summary>
/// The hand-written date reader against the atom rule's regex it replaces, at every offset of generated texts made of
/// dates, their parts and the near misses around them (case, dots, apostrophes, non-ASCII digits and letters, line
/// breaks, currency signs).
/// </summary>
public sealed class DateAtomReaderTests
{
    private static readonly string[] Pieces =
    [
        "January", "Jan", "Jan.", "Sept", "Sept.", "Sep", "Sep.", "September", "May", "March", "Mar.", "Mayo", "Junes", "june",
        "Monday", "Mon", "Mon.", "Tues", "Thurs", "Thursday", "Sunday", "Sun", "Sat", "Saturday", "monday",
        "5", "05", "00", "0", "7th", "31st", "30th", "1st", "2nd", "3rd", "32", "31", "12", "29", "9", "1", "3", "3x", "4th", "22nd",
        "2014", "2019", "1599", "1600", "2100", "1990s", "1990's", "1990’s", "1995s", "1990S", "2023-10-07", "2023-10-07-", "2023-1-07",
        "20231007", "2014-17", "3,000", "2,014", "2014.5", "2014,5", "$2014", "£2019", "€2020", ".2014", "٣", "1٣", "20٣٤", "19٣٠s",
        "of", "Of", "OF", "oF", "ofx", "since", "and", "x", "café", "é", "st", "th", "'", "’", "-", "$", ".", ",", ",5",
        "May 5", "5 May 2019", "Sunday, March 3", "Monday, 7 October", "7 of October", "7th of October, 2023", "October of 2023",
        "March, 2020", "Sept. 5, 2019", "Jan.x", "Septx", "Mayday",
    ];

    private static readonly string[] Separators = ["", " ", " ", " ", ", ", ",", "\n", "\n\n", " \n ", "\t", "\u00a0", ".", "-", "  \n", "\n "];

    [Fact]
    public void The_reader_finds_what_the_atom_regex_finds_at_every_offset()
    {
        var recognizer = new DateRecognizer(null, atomicNames: true, handAtoms: false);
        var reader = new DateAtomReader(DateLexicon.Default);
        var random = new Random(20261203);
        var matched = 0;
        for (var n = 0; n < 8000; n++)
        {
            var text = new StringBuilder();
            for (var k = random.Next(1, 8); k > 0; k--)
            {
                text.Append(Pieces[random.Next(Pieces.Length)]).Append(Separators[random.Next(Separators.Length)]);
            }

            var s = text.ToString();
            for (var at = 0; at < s.Length; at++)
            {
                var expected = recognizer.AtomRegexMatchAt(s, at, out var expectedLength);
                var actual = reader.MatchAt(s, at, out var actualLength);
                Assert.True(expected == actual && expectedLength == actualLength, $"at {at} of \"{s}\": regex {expected} {expectedLength}, reader {actual} {actualLength}");
                matched += expected ? 1 : 0;
            }
        }

        // The texts must hold dates, or the comparison says little.
        Assert.True(matched > 8000, $"only {matched} dates");
    }
}
