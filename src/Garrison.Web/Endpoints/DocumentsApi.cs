using Garrison.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Garrison.Web.Endpoints;

public static class DocumentsApi
{
    public static RouteGroupBuilder MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/documents").WithTags("Documents");
        api.MapGet("/{id}", GetDocument)
            .WithName("GetDocument")
            .WithSummary("A stored document: header, body text, and the evidence spans (UTF-16 offsets into the body) of what was read from it.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    /// <param name="id">The document's id, as sources name it.</param>
    public static async Task<Results<Ok<StoredDocument>, ValidationProblem, ProblemHttpResult>> GetDocument(
        string id, IKnowledgeStore store, CancellationToken cancellationToken)
    {
        var query = new QueryValues();
        var documentId = query.Text("id", id, required: true, maxLength: 300);
        if (query.HasErrors || documentId is null)
        {
            return TypedResults.ValidationProblem(query.Errors, title: "Bad route value");
        }

        var document = await store.GetDocumentAsync(documentId, cancellationToken);
        return document is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"no document has id '{documentId}'")
            : TypedResults.Ok(document);
    }
}
