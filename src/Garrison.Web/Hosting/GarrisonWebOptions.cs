namespace Garrison.Web.Hosting;

/// <summary>How <c>garrison serve</c> runs the app. Defaults are the safe ones: loopback only, no CORS origins.</summary>
public sealed record GarrisonWebOptions
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Kestrel URLs; port 0 picks a free port (tests).</summary>
    public IReadOnlyList<string> Urls { get; init; } = [DefaultUrl];

    /// <summary>The folder holding index.html, the page's scripts and lib/ (npm files).</summary>
    public required string WebRoot { get; init; }

    /// <summary>Garrison's data folder; the basemap is read from its build/basemap/ when the gazetteer has built it.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>
    /// Origins allowed to call the API from another site. Empty (the default) means no CORS headers at all,
    /// so browsers keep other sites from reading the API.
    /// </summary>
    public IReadOnlyList<string> CorsOrigins { get; init; } = [];

    /// <summary>Serve on addresses other than loopback. Off unless the user asks for it.</summary>
    public bool AllowRemote { get; init; }
}
