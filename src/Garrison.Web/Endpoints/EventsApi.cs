using Garrison.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Garrison.Web.Endpoints;

public static class EventsApi
{
    public static RouteGroupBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/events").WithTags("Events");
        api.MapGet("/", GetEvents)
            .WithName("GetEvents")
            .WithSummary("Events whose date overlaps [from, to], filtered by type, place and actor, each with its sources.");
        return api;
    }

    /// <param name="from">First day, or a month/year meaning its first day.</param>
    /// <param name="to">Last day, or a month/year meaning its last day.</param>
    /// <param name="type">An event type of the extraction record, e.g. missile_attack.</param>
    /// <param name="place">A place name or alias.</param>
    /// <param name="actor">An actor name or alias.</param>
    public static async Task<Results<Ok<IReadOnlyList<StoredEvent>>, ValidationProblem>> GetEvents(
        string? from, string? to, string? type, string? place, string? actor, IKnowledgeStore store, CancellationToken cancellationToken)
    {
        var query = new QueryValues();
        var first = query.Bound("from", from, end: false);
        var last = query.Bound("to", to, end: true);
        var eventType = query.EventType("type", type);
        var placeName = query.Text("place", place);
        var actorName = query.Text("actor", actor);
        if (first is { } a && last is { } b && b < a)
        {
            query.Fail("to", $"'{to}' is before from '{from}'");
        }

        if (query.HasErrors)
        {
            return TypedResults.ValidationProblem(query.Errors, title: "Bad query parameters");
        }

        var events = await store.GetEventsAsync(new EventQuery(first, last, eventType, placeName, actorName), cancellationToken);
        return TypedResults.Ok(events);
    }
}
