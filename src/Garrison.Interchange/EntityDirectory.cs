using Garrison.Domain.Records;
using Garrison.Storage;
using Garrison.Storage.Resolution;

namespace Garrison.Interchange;

/// <summary>
/// Looks names up in the knowledge base as names or aliases with the same key (the store's search is fuzzier
/// than an exporter or importer may be), remembering answers for the run.
/// </summary>
public sealed class EntityDirectory(IKnowledgeStore store)
{
    private readonly Dictionary<string, EntityRecord?> _cache = new(StringComparer.OrdinalIgnoreCase);

    public async Task<EntityRecord?> FindAsync(string? name, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        if (_cache.TryGetValue(name, out var cached))
        {
            return cached;
        }

        // Names compare as the store's keys do: case, diacritics and hyphens aside ("Al Asad" is "Al-Asad").
        var key = NameKey.Of(name);
        var candidates = await store.FindEntitiesAsync(name, 20, cancellationToken);
        var match = candidates.Select(c => c.Entity).FirstOrDefault(e => NameKey.Of(e.Name) == key)
            ?? candidates.Select(c => c.Entity).FirstOrDefault(e => e.Aliases.Any(a => NameKey.Of(a) == key));
        _cache[name] = match;
        return match;
    }

    /// <summary>Forgets what was looked up, after the store has changed.</summary>
    public void Forget(string name) => _cache.Remove(name);
}
