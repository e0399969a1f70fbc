using Garrison.Domain.Records;
using Garrison.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Garrison.Web.Endpoints;

public static class StateApi
{
    public static RouteGroupBuilder MapStateApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/state").WithTags("State");
        api.MapGet("/", GetState)
            .WithName("GetState")
            .WithSummary("Presence, control and troop levels true on a date, with sources (the same JSON as `garrison state --format json`).");
        return api;
    }

    /// <param name="at">The day asked about, YYYY-MM-DD (required).</param>
    public static async Task<Results<Ok<StateRecord>, ValidationProblem>> GetState(
        string? at, IKnowledgeStore store, CancellationToken cancellationToken)
    {
        var query = new QueryValues();
        var day = query.Day("at", at, required: true);
        if (query.HasErrors || day is null)
        {
            return TypedResults.ValidationProblem(query.Errors, title: "Bad query parameters");
        }

        return TypedResults.Ok(await store.GetStateAsync(day.Value, cancellationToken));
    }
}
