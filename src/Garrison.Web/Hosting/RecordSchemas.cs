using Garrison.Domain.Dates;
using Garrison.Domain.Provenance;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using NodaTime;

namespace Garrison.Web.Hosting;

/// <summary>
/// Describes the types that RecordJson writes with its own converters, so the OpenAPI document says what the
/// wire carries (ISO date strings, {start, end} spans) rather than the CLR properties.
/// </summary>
internal static class RecordSchemas
{
    public static Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        // Nullable<T> is wrapped by the generator itself (oneOf null / $ref), so only T is described here.
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (type == typeof(PartialDate))
        {
            AsString(schema, "A date at the precision the text gives: YYYY, YYYY-MM or YYYY-MM-DD.", @"^\d{4}(-\d{2}(-\d{2})?)?$", format: null);
        }
        else if (type == typeof(LocalDate))
        {
            AsString(schema, "A calendar day, YYYY-MM-DD.", pattern: null, format: "date");
        }
        else if (type == typeof(TextSpan))
        {
            schema.Type = JsonSchemaType.Object;
            schema.Description = "UTF-16 offsets into the document body, end exclusive.";
            schema.Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["start"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
                ["end"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
            };
            schema.Required = new HashSet<string>(["start", "end"]);
        }

        return Task.CompletedTask;
    }

    private static void AsString(OpenApiSchema schema, string description, string? pattern, string? format)
    {
        schema.Type = JsonSchemaType.String;
        schema.Properties = null;
        schema.Required = null;
        schema.Description = description;
        schema.Pattern = pattern;
        schema.Format = format;
    }
}
