using Garrison.Domain.Records;
using Garrison.Lexicons;
using Garrison.Reading.Loading;
using Garrison.Reading.Pipeline;

namespace Garrison.Reading.Tests.Pipeline;

/// <summary>
/// <c>extract</c>'s hand-written JSON (<see cref="ExtractionRecordJson"/>) against the serializer it stands in for, on
/// the records of every real report: the same text, byte for byte.
/// </summary>
public sealed class ExtractionRecordJsonTests
{
    [Fact]
    public void Every_real_report_is_written_as_the_serializer_writes_it()
    {
        var pipeline = ReadingPipelineFactory.Create(DataDirectory.Locate());
        var loader = new DocumentLoader();
        var files = RealReports.Files();
        Assert.NotEmpty(files);
        foreach (var path in files)
        {
            var document = loader.Load(path);
            var record = pipeline.Read(document.Id, document.Text);
            Assert.NotEmpty(record.Entities);

            var expected = RecordJson.Serialize(record);
            var written = ExtractionRecordJson.Serialize(record);
            Assert.True(expected == written, $"{path}: the record's JSON differs from the serializer's at character {FirstDifference(expected, written)}");
        }
    }

    private static int FirstDifference(string a, string b)
    {
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        return i;
    }
}
