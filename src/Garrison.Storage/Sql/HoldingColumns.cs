using System.Text;
using System.Text.Json;
using Garrison.Domain.Dates;
using Garrison.Storage.Temporal;

namespace Garrison.Storage.Sql;

/// <summary>
/// Reads the JSON columns of a holdings row (<c>sources</c>, <c>fact_ids</c>) with <see cref="Utf8JsonReader"/>
/// rather than the serializer: a state query turns thousands of rows into holdings, and this is most of its work.
/// The columns are written by <see cref="Domain.Records.RecordJson"/>; properties this reader does not know are skipped.
/// </summary>
internal sealed class HoldingColumns
{
    /// <summary>Sources already read in this answer, by document id (a document's dateline is the same in every row).</summary>
    private readonly Dictionary<string, DocumentRef> documents = new(StringComparer.Ordinal);

    public List<DocumentRef> Sources(string json)
    {
        var sources = new List<DocumentRef>(2);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            string? id = null, published = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    id = reader.GetString();
                }
                else if (reader.ValueTextEquals("published"u8))
                {
                    reader.Read();
                    published = reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (id is null)
            {
                throw new InvalidDataException($"holdings.sources: a source without an id in {json}");
            }

            if (!documents.TryGetValue(id, out var document))
            {
                document = new DocumentRef(id, published is null ? null : PartialDate.Parse(published));
                documents[id] = document;
            }

            sources.Add(document);
        }

        return sources;
    }

    public static List<long> Ids(string json)
    {
        var ids = new List<long>(2);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.Number)
        {
            ids.Add(reader.GetInt64());
        }

        return ids;
    }
}
