using Garrison.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Garrison.Web.Endpoints;

/// <summary>
/// The page's basemap layers. The gazetteer build writes simplified Natural Earth layers to data/build/basemap/;
/// until it has, countries come from the world-atlas file that eng/web/install.sh copied into wwwroot/lib.
/// </summary>
public static class BasemapEndpoints
{
    private static readonly string[] Layers = ["countries", "admin1"];

    public static RouteGroupBuilder MapBasemap(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/basemap").ExcludeFromDescription();
        group.MapGet("/index.json", (GarrisonWebOptions options) =>
            TypedResults.Ok(new BasemapIndex(Layers.Where(layer => Locate(layer, options) is not null).ToList())));
        group.MapGet("/{layer}.json", GetLayer);
        return group;
    }

    /// <summary>The layers that can be served, so the page asks only for those.</summary>
    public sealed record BasemapIndex(IReadOnlyList<string> Layers);

    private static string? Locate(string layer, GarrisonWebOptions options)
    {
        if (options.DataDirectory is { } data)
        {
            var built = Path.Combine(data, "build", "basemap", layer + ".json");
            if (File.Exists(built))
            {
                return built;
            }
        }

        var fallback = Path.Combine(options.WebRoot, "lib", "world-atlas", "countries-50m.json");
        return layer == "countries" && File.Exists(fallback) ? fallback : null;
    }

    public static Results<PhysicalFileHttpResult, ProblemHttpResult> GetLayer(string layer, GarrisonWebOptions options)
    {
        if (!Layers.Contains(layer, StringComparer.Ordinal))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"no basemap layer '{layer}'; layers: {string.Join(", ", Layers)}");
        }

        var path = Locate(layer, options);
        return path is not null
            ? TypedResults.PhysicalFile(path, "application/json")
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
            detail: $"basemap layer '{layer}' is not built: run the gazetteer build (data/build/basemap) or eng/web/install.sh");
    }
}
