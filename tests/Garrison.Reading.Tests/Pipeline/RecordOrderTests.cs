using Garrison.Domain.Records;
using Garrison.Reading.Pipeline;

namespace Garrison.Reading.Tests.Pipeline;

public sealed class RecordOrderTests
{
    [Fact]
    public void Entities_are_sorted_by_ordinal_name_as_a_sort_by_the_whole_name_orders_them()
    {
        // Names sharing their first four units or being prefixes of each other, empty and short names, units above
        // 0x7FFF and a NUL (padding is 0 too), in many shuffles and sizes on both sides of the stack buffer.
        var fixedNames = new[]
        {
            "", "a", "A", "AB", "ABC", "ABCD", "ABCDE", "ABCDF", "ABCD\0", "ABC\0", "AB\0\0x", "Zz", "zz", "Ελλάδα", "Ελλ",
            "\uFFFF", "\uFFFFa", "\u8000\u8000\u8000\u8000b", "\u8000\u8000\u8000\u8000a", "Iraq", "Iraqi Army", "Iraqi Kurdistan",
            "Islamic State", "Islamic State in Iraq", "Isl", "US", "U.S.", "US Army", "US Central Command",
        };
        var random = new Random(20261203);
        for (var round = 0; round < 400; round++)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in fixedNames)
            {
                if (random.Next(3) > 0)
                {
                    names.Add(name);
                }
            }

            var extra = round % 3 == 0 ? random.Next(250, 600) : random.Next(0, 60);
            for (var k = 0; k < extra; k++)
            {
                var length = random.Next(0, 9);
                var chars = new char[length];
                for (var c = 0; c < length; c++)
                {
                    // Mostly a few letters, so that four-unit prefixes often tie.
                    chars[c] = random.Next(10) switch
                    {
                        0 => (char)random.Next(0, 0x10000),
                        1 => '\0',
                        _ => (char)('A' + random.Next(3)),
                    };
                }

                names.Add(new string(chars));
            }

            var entities = names.Select(n => new EntityRecord(n, EntityKind.Unknown, [])).OrderBy(_ => random.Next()).ToList();
            ReadingPipeline.SortByName(entities);
            var expected = names.Order(StringComparer.Ordinal).ToList();
            Assert.Equal(expected, entities.Select(e => e.Name).ToList());
        }
    }
}
