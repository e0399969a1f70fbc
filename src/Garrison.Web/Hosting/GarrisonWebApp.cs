using System.Net;
using Garrison.Domain.Records;
using Garrison.Storage;
using Garrison.Web.Endpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Garrison.Web.Hosting;

/// <summary>Builds the read-only API and the map page over one knowledge store.</summary>
public static class GarrisonWebApp
{
    public const string CorsPolicyName = "configured-origins";

    /// <summary>
    /// Creates the app. The caller owns <paramref name="store"/> and disposes it after the app stops.
    /// Throws <see cref="ArgumentException"/> when a URL is not loopback and remote serving was not asked for.
    /// </summary>
    public static WebApplication Create(GarrisonWebOptions options, IKnowledgeStore store, Action<ILoggingBuilder>? logging = null)
    {
        foreach (var url in options.Urls)
        {
            EnsureAllowedUrl(url, options.AllowRemote);
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(GarrisonWebApp).Assembly.GetName().Name,
            ContentRootPath = options.WebRoot,
            WebRootPath = options.WebRoot,
            EnvironmentName = Environments.Production,
        });
        builder.WebHost.UseUrls([.. options.Urls]);
        if (logging is not null)
        {
            logging(builder.Logging);
        }

        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(options);
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            // The API speaks the records' one JSON shape (the same as `garrison state --format json`).
            var shape = RecordJson.Options;
            json.SerializerOptions.PropertyNamingPolicy = shape.PropertyNamingPolicy;
            json.SerializerOptions.Encoder = shape.Encoder;
            json.SerializerOptions.DefaultIgnoreCondition = shape.DefaultIgnoreCondition;
            json.SerializerOptions.NumberHandling = shape.NumberHandling;
            foreach (var converter in shape.Converters)
            {
                json.SerializerOptions.Converters.Add(converter);
            }
        });
        builder.Services.AddOpenApi("v1", openApi =>
        {
            openApi.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Garrison API";
                document.Info.Version = "v1";
                document.Info.Description = "Read-only access to Garrison's knowledge base: state on a date, events, entities, documents with evidence, troop series.";
                // The server list depends on where it runs; the committed copy must not.
                document.Servers = [];
                return Task.CompletedTask;
            });
            openApi.AddSchemaTransformer(RecordSchemas.TransformAsync);
        });
        if (options.CorsOrigins.Count > 0)
        {
            builder.Services.AddCors(cors => cors.AddPolicy(CorsPolicyName, policy =>
                policy.WithOrigins([.. options.CorsOrigins]).WithMethods("GET")));
        }

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(SecurityHeaders);
        if (options.CorsOrigins.Count > 0)
        {
            app.UseCors(CorsPolicyName);
        }

        var files = new PhysicalFileProvider(options.WebRoot);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });

        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapStateApi();
        app.MapEventsApi();
        app.MapEntitiesApi();
        app.MapDocumentsApi();
        app.MapSeriesApi();
        app.MapBasemap();
        return app;
    }

    /// <summary>Loopback hosts only, unless the user said otherwise: the knowledge base may hold unpublished work.</summary>
    public static void EnsureAllowedUrl(string url, bool allowRemote)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
        {
            throw new ArgumentException($"--urls: '{url}' is not an http URL such as {GarrisonWebOptions.DefaultUrl}");
        }

        var loopback = uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
        if (!loopback && !allowRemote)
        {
            throw new ArgumentException(
                $"--urls: '{url}' is not a loopback address; Garrison serves on 127.0.0.1 unless --allow-remote is given");
        }
    }

    private static Task SecurityHeaders(HttpContext context, Func<Task> next)
    {
        var headers = context.Response.Headers;
        // Defence in depth behind the page's textContent-only rendering: no inline script, nothing from elsewhere.
        headers.ContentSecurityPolicy =
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
            "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        return next();
    }
}
