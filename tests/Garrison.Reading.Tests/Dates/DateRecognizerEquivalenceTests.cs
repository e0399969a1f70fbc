using System.Text;
using Garrison.Domain.Dates;
using Garrison.Reading.Dates;

namespace Garrison.Reading.Tests.Dates;

/// <summary>
/// The recognizer's faster matching (atomic name groups) against the plain patterns it replaces, on thousands of
/// generated texts made of the pieces dates are made of and the near misses around them.
/// </summary>
public sealed class DateRecognizerEquivalenceTests
{
    private static readonly string[] Pieces =
    [
        "January", "Jan", "Jan.", "Sept", "Sept.", "Sep", "Sep.", "September", "May", "March", "Mar.", "Mayo", "Junes",
        "Monday", "Mon", "Mon.", "Tues", "Thurs", "Thursday", "Sunday", "Sun",
        "5", "05", "7th", "31st", "32", "2014", "2019", "1990s", "1990's", "2023-10-07", "12", "3,000", "2014-17",
        "of", "since", "from", "between", "and", "to", "until", "early", "mid", "late", "the", "end", "in", "around",
        "last", "next", "x", "troops", "Septx", "Mayday", "Sept.x",
    ];

    private static readonly string[] Separators = [" ", " ", " ", ", ", ",", "\n", "\n\n", ".", "-", "", " \n "];

    [Fact]
    public void Atomic_name_groups_find_what_plain_groups_find()
    {
        var atomic = new DateRecognizer(null, atomicNames: true);
        var plain = new DateRecognizer(null, atomicNames: false);
        var dateline = PartialDate.OfDay(2024, 3, 10);
        var random = new Random(20261202);
        for (var n = 0; n < 4000; n++)
        {
            var text = new StringBuilder();
            for (var k = random.Next(1, 10); k > 0; k--)
            {
                text.Append(Pieces[random.Next(Pieces.Length)]).Append(Separators[random.Next(Separators.Length)]);
            }

            var s = text.ToString();
            var expected = plain.Recognize(s, dateline).Select(m => (m.Span, m.Value, m.Unresolved));
            var actual = atomic.Recognize(s, dateline).Select(m => (m.Span, m.Value, m.Unresolved));
            Assert.True(expected.SequenceEqual(actual), $"text: {s}");
        }
    }
}
