using Garrison.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Garrison.Web.Endpoints;

public static class SeriesApi
{
    public static RouteGroupBuilder MapSeriesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/series").WithTags("Series");
        api.MapGet("/troops", GetTroops)
            .WithName("GetTroopSeries")
            .WithSummary("Troop levels over time, each with its validity and sources; approximate figures keep their approx flag and range.");
        return api;
    }

    /// <param name="force">A force name or alias; absent means every force.</param>
    /// <param name="area">An area (usually a country) name or alias; absent means every area.</param>
    public static async Task<Results<Ok<IReadOnlyList<TroopLevelPoint>>, ValidationProblem>> GetTroops(
        string? force, string? area, IKnowledgeStore store, CancellationToken cancellationToken)
    {
        var query = new QueryValues();
        var forceName = query.Text("force", force);
        var areaName = query.Text("area", area);
        if (query.HasErrors)
        {
            return TypedResults.ValidationProblem(query.Errors, title: "Bad query parameters");
        }

        return TypedResults.Ok(await store.GetTroopSeriesAsync(forceName, areaName, cancellationToken));
    }
}
