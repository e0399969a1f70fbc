using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Garrison.Domain.Dates;
using Garrison.Domain.Quantities;
using Garrison.Domain.Records;
using Garrison.Storage.Temporal;
using NodaTime;

namespace Garrison.Storage.Caching;

/// <summary>
/// One calendar year's state lines packed into one blob (the <c>state_index</c> table): every holding whose interval
/// meets the year, in answer order (<see cref="TemporalRules.Order"/>; control lines among themselves in the order of
/// the answer's control rows), as fixed-size records that point into tables
/// of the strings, entities, dates and figures they share. A state query on a day of that year fetches one row and
/// decodes only the records that hold on the day, instead of stepping through thousands of holdings rows and asking
/// the driver for each column (10–25 µs of CPU per row). Records are kept in answer order, so the ones kept are already
/// sorted as the row reader sorts them.
/// <para>
/// Layout (little-endian): format; strings (count, UTF-8 end offsets with <see cref="NotAscii"/>, bytes); entities (id, name); dates (day number,
/// precision); figures (flags, value, low, high); lines (<see cref="LineBytes"/> each); the source pool (its width,
/// 2 or 4 bytes, its length, the string indexes). A blob of another format is treated as missing and rebuilt: bump <see cref="Format"/> whenever the layout,
/// <see cref="StateLine"/> or the order of lines changes.
/// </para>
/// </summary>
internal static class StateYearIndex
{
    public const int Format = 3;

    /// <summary>
    /// first day, last day (yyyymmdd, 0 when open), kind, holder, place, since, until (date index, -1), figure (index,
    /// -1), latest source day (0 when none), first of the line's sources in the pool, their count, first fact id.
    /// </summary>
    private const int LineBytes = 52;

    /// <summary>Set in a string's end offset when its UTF-8 is not plain ASCII (offsets stay far below 2^31).</summary>
    internal const int NotAscii = int.MinValue;

    private const int EntityBytes = 12;
    private const int DateBytes = 8;
    private const int QuantityBytes = 25;

    /// <summary>The lines (of one year, in answer order) as a blob.</summary>
    public static byte[] Encode(IReadOnlyList<StateLine> lines)
    {
        lines = ControlInAnswerOrder(lines);
        var strings = new Table<string>(StringComparer.Ordinal);
        var entities = new Table<long>(EqualityComparer<long>.Default);
        var entityNames = new List<int>();
        var dates = new Table<PartialDate>(EqualityComparer<PartialDate>.Default);
        var quantities = new Table<Quantity>(EqualityComparer<Quantity>.Default);
        var pool = new List<int>();
        var records = new byte[lines.Count * LineBytes];
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var record = records.AsSpan(i * LineBytes, LineBytes);
            int Entity(EntityRef entity)
            {
                var (index, added) = entities.Add(entity.Id);
                if (added)
                {
                    entityNames.Add(strings.Add(entity.Name).Index);
                }

                return index;
            }

            Write(record, 0, line.FirstDay is { } first ? DayNumber(first) : 0);
            Write(record, 4, line.LastDay is { } last ? DayNumber(last) : 0);
            Write(record, 8, (int)line.Kind);
            Write(record, 12, Entity(line.Holder));
            Write(record, 16, Entity(line.Place));
            Write(record, 20, line.Since is { } since ? dates.Add(since).Index : -1);
            Write(record, 24, line.Until is { } until ? dates.Add(until).Index : -1);
            Write(record, 28, line.Quantity is { } quantity ? quantities.Add(quantity).Index : -1);
            Write(record, 32, line.LatestSource is { } latest ? DayNumber(latest) : 0);
            Write(record, 36, pool.Count);
            Write(record, 40, line.SourceIds.Count);
            BinaryPrimitives.WriteInt64LittleEndian(record[44..], line.FirstFactId);
            foreach (var id in line.SourceIds)
            {
                pool.Add(strings.Add(id).Index);
            }
        }

        using var output = new MemoryStream();
        using var writer = new BinaryWriter(output, Encoding.UTF8);
        writer.Write(Format);
        var bytes = strings.Items.Select(Encoding.UTF8.GetBytes).ToList();
        writer.Write(bytes.Count);
        var end = 0;
        foreach (var text in bytes)
        {
            end += text.Length;
            writer.Write(Ascii.IsValid(text) ? end : end | NotAscii);
        }

        foreach (var text in bytes)
        {
            writer.Write(text);
        }

        writer.Write(entities.Items.Count);
        for (var i = 0; i < entities.Items.Count; i++)
        {
            writer.Write(entities.Items[i]);
            writer.Write(entityNames[i]);
        }

        writer.Write(dates.Items.Count);
        foreach (var date in dates.Items)
        {
            writer.Write((date.Year * 10000) + (date.MonthValue * 100) + date.DayValue);
            writer.Write((int)date.Precision);
        }

        writer.Write(quantities.Items.Count);
        foreach (var quantity in quantities.Items)
        {
            writer.Write((byte)((quantity.Value is null ? 0 : 1) | (quantity.Low is null ? 0 : 2) | (quantity.High is null ? 0 : 4) | (quantity.Approx ? 8 : 0)));
            writer.Write(quantity.Value ?? 0);
            writer.Write(quantity.Low ?? 0);
            writer.Write(quantity.High ?? 0);
        }

        writer.Write(lines.Count);
        writer.Write(records);
        // Two bytes per source when the year has fewer than 65,536 strings (10^6 facts: ~50k), else four.
        var wide = strings.Items.Count > ushort.MaxValue;
        writer.Write(wide ? 4 : 2);
        writer.Write(pool.Count);
        foreach (var index in pool)
        {
            if (wide)
            {
                writer.Write(index);
            }
            else
            {
                writer.Write((ushort)index);
            }
        }

        writer.Flush();
        return output.ToArray();
    }

    /// <summary>
    /// The lines with the control lines, among the places they take, in the order the answer lists control rows
    /// (<see cref="StateProjection.CompareControl"/>, ties in the order given): the control rows held on any day are then
    /// already in order and the projection's check skips its sort (a fifth of the decoding time at 10^6 facts). A stable
    /// sort of the lines held on a day gives the same rows in the same order, so the answer does not change.
    /// </summary>
    private static List<StateLine> ControlInAnswerOrder(IReadOnlyList<StateLine> lines)
    {
        var control = new List<int>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Kind == HoldingKind.Control)
            {
                control.Add(i);
            }
        }

        var sorted = control.ToArray();
        Array.Sort(sorted, (a, b) =>
        {
            var c = StateProjection.CompareControl(lines[a].Place.Name, lines[a].Holder.Name, lines[a].FirstDay ?? LocalDate.MinIsoValue,
                lines[b].Place.Name, lines[b].Holder.Name, lines[b].FirstDay ?? LocalDate.MinIsoValue);
            return c != 0 ? c : a.CompareTo(b);
        });
        var result = new List<StateLine>(lines);
        for (var i = 0; i < control.Count; i++)
        {
            result[control[i]] = lines[sorted[i]];
        }

        return result;
    }

    /// <summary>
    /// The state on <paramref name="at"/> from the blob in <paramref name="blob"/>'s first <paramref name="length"/>
    /// bytes: the records that hold on the day, projected (<see cref="StateProjection"/>) straight from the blob, so the
    /// answer's rows are the only objects built per line; null when the blob is of another format (it is then rebuilt).
    /// </summary>
    public static StateRecord? StateOn(byte[] blob, int length, LocalDate at)
    {
        if (length < 4 || BinaryPrimitives.ReadInt32LittleEndian(blob) != Format)
        {
            return null;
        }

        var decoder = new Decoder(blob);
        try
        {
            return StateProjection.StateAt(decoder.HeldOn(DayNumber(at)), at);
        }
        finally
        {
            decoder.Return();
        }
    }

    private static int DayNumber(LocalDate date) => (date.Year * 10000) + (date.Month * 100) + date.Day;

    private static void Write(Span<byte> record, int offset, int value) => BinaryPrimitives.WriteInt32LittleEndian(record[offset..], value);

    /// <summary>Distinct values in the order first added, each with its index.</summary>
    private sealed class Table<T>(IEqualityComparer<T> comparer)
        where T : notnull
    {
        private readonly Dictionary<T, int> indexes = new(comparer);

        public List<T> Items { get; } = [];

        public (int Index, bool Added) Add(T value)
        {
            if (indexes.TryGetValue(value, out var index))
            {
                return (index, false);
            }

            indexes[value] = Items.Count;
            Items.Add(value);
            return (Items.Count - 1, true);
        }
    }

    /// <summary>
    /// Reads one blob: its records are read in place by their offset in the blob. Strings, dates and figures are built on
    /// first use and shared by the rows that use them, so an answer builds each source id once however many rows list it.
    /// </summary>
    internal sealed class Decoder
    {
        private readonly byte[] blob;
        private readonly int entityTable;
        private readonly int dateTable;
        private readonly int quantityTable;
        private readonly int lineTable;
        private readonly int lineCount;
        private readonly int poolTable;
        private readonly int poolWidth;
        private readonly BlobStrings strings;
        private readonly PartialDate?[] dates;
        private readonly Quantity?[] quantities;
        private readonly int[] held;
        private ushort[]? narrow;
        private int[]? wide;
        private int chunkUsed;

        public Decoder(byte[] blob)
        {
            this.blob = blob;
            var position = 4;
            var stringCount = Int(position);
            var stringEnds = position + 4;
            var stringBytes = stringEnds + (4 * stringCount);
            position = stringBytes + (stringCount == 0 ? 0 : Int(stringEnds + (4 * (stringCount - 1))) & ~NotAscii);
            strings = new BlobStrings(blob, stringEnds, stringBytes, stringCount);
            var entityCount = Int(position);
            entityTable = position + 4;
            position = entityTable + (EntityBytes * entityCount);
            var dateCount = Int(position);
            dateTable = position + 4;
            position = dateTable + (DateBytes * dateCount);
            var quantityCount = Int(position);
            quantityTable = position + 4;
            position = quantityTable + (QuantityBytes * quantityCount);
            lineCount = Int(position);
            lineTable = position + 4;
            position = lineTable + (LineBytes * lineCount);
            poolWidth = Int(position);
            poolTable = position + 8;
            // Pooled and cleared: fresh arrays this size at every answer would be large-object allocations.
            held = ArrayPool<int>.Shared.Rent(Math.Max(lineCount, 1));
            dates = Rent<PartialDate?>(dateCount);
            quantities = Rent<Quantity>(quantityCount);
        }

        public void Return()
        {
            ArrayPool<int>.Shared.Return(held);
            ArrayPool<PartialDate?>.Shared.Return(dates, clearArray: true);
            ArrayPool<Quantity?>.Shared.Return(quantities, clearArray: true);
        }

        /// <summary>A pooled array of at least <paramref name="count"/> empty entries (the pool returns them cleared).</summary>
        private static T?[] Rent<T>(int count)
        {
            var array = ArrayPool<T?>.Shared.Rent(count);
            Array.Clear(array, 0, count);
            return array;
        }

        /// <summary>The records that hold on <paramref name="day"/> (yyyymmdd), in blob order.</summary>
        public HeldLines HeldOn(int day)
        {
            var count = 0;
            for (var i = 0; i < lineCount; i++)
            {
                var record = lineTable + (i * LineBytes);
                var first = Int(record);
                var last = Int(record + 4);
                if ((first == 0 || first <= day) && (last == 0 || day <= last))
                {
                    held[count++] = record;
                }
            }

            return new HeldLines(this, held, count);
        }

        public HoldingKind Kind(int record) => (HoldingKind)Int(record + 8);

        public bool HoldsOn(int record, int day)
        {
            var first = Int(record);
            var last = Int(record + 4);
            return (first == 0 || first <= day) && (last == 0 || day <= last);
        }

        public long EntityId(int record, int field) => BinaryPrimitives.ReadInt64LittleEndian(blob.AsSpan(entityTable + (EntityBytes * Int(record + field))));

        public string EntityName(int record, int field) => strings[Int(entityTable + (EntityBytes * Int(record + field)) + 8)];

        public PartialDate? DateAt(int record, int field) => Date(Int(record + field));

        public LocalDate? DayAt(int record, int field) => Day(Int(record + field));

        public Quantity? QuantityOf(int record) => QuantityAt(Int(record + 28));

        public int SourceCount(int record) => Int(record + 40);

        public long FirstFactId(int record) => BinaryPrimitives.ReadInt64LittleEndian(blob.AsSpan(record + 44));

        /// <summary>
        /// The record's source ids as a list over the answer's strings (it becomes the answer row's): their numbers are
        /// copied here, the strings built only when the list is read, so a writer of UTF-8 (the <c>state</c> command's
        /// JSON) copies their bytes without building them (<see cref="IAsciiStringList"/>).
        /// </summary>
        /// <remarks>
        /// Not an array of strings per row: at 10^6 facts an answer lists ~150k source ids (~23 per row) that name ~38k
        /// distinct reports, and 8-byte references to them were a quarter of the answer's bytes; the list keeps the
        /// blob's 2- or 4-byte string numbers instead, copied into chunks shared by the rows. Building the ~38k strings
        /// while answering (a check per listed id, an allocation and a widening copy per distinct one) was a fifth of the
        /// answer's CPU, for strings the command then only encoded back to the same bytes.
        /// </remarks>
        public SourceIdList Sources(int record)
        {
            var count = Int(record + 40);
            var at = poolTable + (poolWidth * Int(record + 36));
            if (poolWidth == 2)
            {
                var chunk = Reserve(ref narrow, count);
                CopyLittleEndian(blob.AsSpan(at, 2 * count), narrow.AsSpan(chunk, count));
                return new SourceIdList(strings, narrow, null, chunk, count);
            }
            else
            {
                var chunk = Reserve(ref wide, count);
                CopyLittleEndian(blob.AsSpan(at, 4 * count), wide.AsSpan(chunk, count));
                return new SourceIdList(strings, null, wide, chunk, count);
            }
        }

        /// <summary>
        /// The pool's numbers copied as a block (the blob is little-endian, as the machines Garrison runs on are), rather
        /// than read one by one: a row lists ~23 of them at 10^6 facts.
        /// </summary>
        private static void CopyLittleEndian<T>(ReadOnlySpan<byte> source, Span<T> target)
            where T : unmanaged
        {
            MemoryMarshal.Cast<byte, T>(source).CopyTo(target);
            if (!BitConverter.IsLittleEndian)
            {
                var bytes = MemoryMarshal.AsBytes(target);
                var width = Unsafe.SizeOf<T>();
                for (var i = 0; i < bytes.Length; i += width)
                {
                    bytes.Slice(i, width).Reverse();
                }
            }
        }

        /// <summary>Room for <paramref name="count"/> numbers in the current chunk (a new one when it is full); the offset.</summary>
        private int Reserve<T>([NotNull] ref T[]? chunk, int count)
        {
            // 64 KB chunks: under the large-object threshold, and few per answer.
            var size = Math.Max(65536 / Unsafe.SizeOf<T>(), count);
            if (chunk is null || chunkUsed + count > chunk.Length)
            {
                chunk = new T[size];
                chunkUsed = 0;
            }

            var offset = chunkUsed;
            chunkUsed += count;
            return offset;
        }

        private int Int(int offset) => BinaryPrimitives.ReadInt32LittleEndian(blob.AsSpan(offset));

        private PartialDate? Date(int index)
        {
            if (index < 0)
            {
                return null;
            }

            if (dates[index] is { } known)
            {
                return known;
            }

            var at = dateTable + (DateBytes * index);
            var number = Int(at);
            var (year, month, day) = (number / 10000, number / 100 % 100, number % 100);
            PartialDate date = (DatePrecision)Int(at + 4) switch
            {
                DatePrecision.Year => PartialDate.OfYear(year),
                DatePrecision.Month => PartialDate.OfMonth(year, month),
                _ => PartialDate.OfDay(year, month, day),
            };
            dates[index] = date;
            return date;
        }

        private Quantity? QuantityAt(int index)
        {
            if (index < 0)
            {
                return null;
            }

            if (quantities[index] is { } known)
            {
                return known;
            }

            var at = quantityTable + (QuantityBytes * index);
            var flags = blob[at];
            long? Part(int bit, int offset) => (flags & bit) == 0 ? null : BinaryPrimitives.ReadInt64LittleEndian(blob.AsSpan(at + offset));
            return quantities[index] = new Quantity(Part(1, 1), Part(2, 9), Part(4, 17), (flags & 8) != 0);
        }

        private static LocalDate? Day(int number) =>
            number == 0 ? null : new LocalDate(number / 10000, number / 100 % 100, number % 100);
    }
}

/// <summary>The records of one blob that hold on a day, as lines by position for <see cref="StateProjection"/>.</summary>
internal readonly struct HeldLines(StateYearIndex.Decoder decoder, int[] records, int count) : IStateLines
{
    public int Count => count;

    public HoldingKind Kind(int line) => decoder.Kind(records[line]);

    public bool HoldsOn(int line, LocalDate at) => decoder.HoldsOn(records[line], (at.Year * 10000) + (at.Month * 100) + at.Day);

    public long HolderId(int line) => decoder.EntityId(records[line], 12);

    public string HolderName(int line) => decoder.EntityName(records[line], 12);

    public long PlaceId(int line) => decoder.EntityId(records[line], 16);

    public string PlaceName(int line) => decoder.EntityName(records[line], 16);

    public PartialDate? Since(int line) => decoder.DateAt(records[line], 20);

    public PartialDate? Until(int line) => decoder.DateAt(records[line], 24);

    public LocalDate? FirstDay(int line) => decoder.DayAt(records[line], 0);

    public Quantity? Quantity(int line) => decoder.QuantityOf(records[line]);

    public int SourceCount(int line) => decoder.SourceCount(records[line]);

    public IReadOnlyList<string> Sources(int line) => decoder.Sources(records[line]);

    public LocalDate? LatestSource(int line) => decoder.DayAt(records[line], 32);

    public long FirstFactId(int line) => decoder.FirstFactId(records[line]);
}

/// <summary>
/// One answer row's source ids: numbers into the strings of the answer's blob (<see cref="BlobStrings"/>), kept in a chunk
/// the answer's rows share. A string is built when the list is first read at its position (once per answer).
/// </summary>
internal sealed class SourceIdList(BlobStrings strings, ushort[]? narrow, int[]? wide, int start, int count) : IAsciiStringList
{
    public int Count => count;

    public string this[int index] => strings[Id(index)];

    public bool TryGetAscii(int index, out ReadOnlySpan<byte> ascii) => strings.TryGetAscii(Id(index), out ascii);

    public IEnumerator<string> GetEnumerator()
    {
        for (var i = 0; i < count; i++)
        {
            yield return this[i];
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    private int Id(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)count, nameof(index));
        return narrow is not null ? narrow[start + index] : wide![start + index];
    }
}

/// <summary>
/// The string table of one blob (source ids and names) as UTF-8, copied out of the blob for the answer, which outlives
/// the blob (a pooled buffer, reused by the next query): pages of <see cref="PageSize"/> strings, each the blob's end
/// offsets and bytes of its strings (two block copies). A string is built on first read and kept; an ASCII one can be
/// read as bytes instead (<see cref="TryGetAscii"/>).
/// </summary>
/// <remarks>
/// Pages rather than one array so that none lands on the large-object heap (each such allocation brings a full collection
/// closer): at 10^6 facts a year lists ~45k strings (~0.6 MB of bytes, 0.2 MB of offsets), ~4k per page. Copying them
/// costs a few tens of microseconds; building the ~38k strings an answer lists cost milliseconds.
/// </remarks>
internal sealed class BlobStrings
{
    public const int PageBits = 12;
    public const int PageSize = 1 << PageBits;
    private const int PageMask = PageSize - 1;
    private const int NotAscii = StateYearIndex.NotAscii;

    /// <summary>Per page: the blob's end offset of each string (relative to the string section, <see cref="NotAscii"/> set for non-ASCII).</summary>
    private readonly int[][] ends;

    /// <summary>Per page: the bytes of its strings, from the first one's start (<see cref="pageStarts"/>).</summary>
    private readonly byte[][] bytes;

    private readonly int[] pageStarts;

    /// <summary>Per page, made on the first string built from it: the strings built so far.</summary>
    private readonly string?[]?[] built;

    public BlobStrings(byte[] blob, int endsAt, int bytesAt, int count)
    {
        var pages = (count + PageMask) >> PageBits;
        ends = new int[pages][];
        bytes = new byte[pages][];
        pageStarts = new int[pages];
        built = new string?[pages][];
        var allEnds = MemoryMarshal.Cast<byte, int>(blob.AsSpan(endsAt, 4 * count));
        for (var page = 0; page < pages; page++)
        {
            var first = page << PageBits;
            var size = Math.Min(PageSize, count - first);
            var pageEnds = GC.AllocateUninitializedArray<int>(size);
            allEnds.Slice(first, size).CopyTo(pageEnds);
            if (!BitConverter.IsLittleEndian)
            {
                for (var i = 0; i < size; i++)
                {
                    pageEnds[i] = BinaryPrimitives.ReverseEndianness(pageEnds[i]);
                }
            }

            var start = first == 0 ? 0 : ends[page - 1][^1] & ~NotAscii;
            var end = pageEnds[^1] & ~NotAscii;
            var pageBytes = GC.AllocateUninitializedArray<byte>(end - start);
            blob.AsSpan(bytesAt + start, end - start).CopyTo(pageBytes);
            ends[page] = pageEnds;
            bytes[page] = pageBytes;
            pageStarts[page] = start;
        }
    }

    /// <summary>The string <paramref name="index"/>, built on first read.</summary>
    public string this[int index]
    {
        get
        {
            var page = index >> PageBits;
            var strings = built[page] ?? NewPage(page);
            return strings[index & PageMask] ??= Build(page, index & PageMask);
        }
    }

    public bool TryGetAscii(int index, out ReadOnlySpan<byte> ascii)
    {
        var page = index >> PageBits;
        var end = ends[page][index & PageMask];
        if ((end & NotAscii) != 0)
        {
            ascii = default;
            return false;
        }

        ascii = Bytes(page, index & PageMask, end);
        return true;
    }

    private string?[] NewPage(int page)
    {
        // Two readers of one answer may both make it: the strings one of them built are then built again, the same.
        var strings = new string?[ends[page].Length];
        return Interlocked.CompareExchange(ref built[page], strings, null) ?? strings;
    }

    private string Build(int page, int slot)
    {
        var end = ends[page][slot];
        var text = Bytes(page, slot, end);
        // ASCII (every source id and most names; the encoder marks the others) is widened without UTF-8's validation and
        // transcoding; Latin-1 reads ASCII bytes as the same characters.
        return (end & NotAscii) == 0 ? Encoding.Latin1.GetString(text) : Encoding.UTF8.GetString(text);
    }

    private ReadOnlySpan<byte> Bytes(int page, int slot, int end)
    {
        var start = (slot == 0 ? pageStarts[page] : ends[page][slot - 1] & ~NotAscii) - pageStarts[page];
        return bytes[page].AsSpan(start, (end & ~NotAscii) - pageStarts[page] - start);
    }
}
