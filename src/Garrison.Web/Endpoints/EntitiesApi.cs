using Garrison.Domain.Records;
using Garrison.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Garrison.Web.Endpoints;

public static class EntitiesApi
{
    public static RouteGroupBuilder MapEntitiesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/entities").WithTags("Entities");
        api.MapGet("/", FindEntities)
            .WithName("FindEntities")
            .WithSummary("Entities whose name or alias matches q, best first.");
        api.MapGet("/{id}", GetEntity)
            .WithName("GetEntity")
            .WithSummary("One entity: its aliases, coordinates and timeline with sources.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    /// <param name="q">A name or alias, or part of one.</param>
    /// <param name="limit">At most this many (1-100, default 20).</param>
    public static async Task<Results<Ok<IReadOnlyList<EntityView>>, ValidationProblem>> FindEntities(
        string? q, string? limit, IKnowledgeStore store, CancellationToken cancellationToken)
    {
        var query = new QueryValues();
        var text = query.Text("q", q, required: true);
        var count = query.Count("limit", limit, fallback: 20, min: 1, max: 100);
        if (query.HasErrors || text is null)
        {
            return TypedResults.ValidationProblem(query.Errors, title: "Bad query parameters");
        }

        var found = await store.FindEntitiesAsync(text, count, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<EntityView>>(found.Select(EntityView.From).ToList());
    }

    /// <param name="id">The entity's id, as /api/entities?q= lists it.</param>
    public static async Task<Results<Ok<EntityDetail>, ValidationProblem, ProblemHttpResult>> GetEntity(
        string id, IKnowledgeStore store, CancellationToken cancellationToken)
    {
        var query = new QueryValues();
        var entityId = query.Id("id", id);
        if (query.HasErrors || entityId is null)
        {
            return TypedResults.ValidationProblem(query.Errors, title: "Bad route value");
        }

        var entity = await store.GetEntityAsync(entityId.Value, cancellationToken);
        if (entity is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"no entity has id {entityId}");
        }

        var timeline = await store.GetTimelineAsync(entity.Entity.Name, cancellationToken);
        return TypedResults.Ok(new EntityDetail(EntityView.From(entity), timeline?.Entries ?? []));
    }
}

/// <summary>An entity as the API lists it: its id beside the extraction record's fields.</summary>
public sealed record EntityView(
    long Id,
    string Name,
    EntityKind Kind,
    IReadOnlyList<string> Aliases,
    string? Admin1,
    string? Country,
    double? Lat,
    double? Lon)
{
    public static EntityView From(StoredEntity stored)
    {
        var e = stored.Entity;
        return new EntityView(stored.Id, e.Name, e.Kind, e.Aliases, e.Admin1, e.Country, e.Lat, e.Lon);
    }
}

public sealed record EntityDetail(EntityView Entity, IReadOnlyList<TimelineEntry> Timeline);
