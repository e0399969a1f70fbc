using Garrison.Domain.Records;
using Garrison.Storage;

namespace Garrison.Interchange;

/// <summary>
/// Looks names up in the knowledge base as exact names or aliases (the store's search is fuzzier than an
/// exporter or importer may be), remembering answers for the run.
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

        var candidates = await store.FindEntitiesAsync(name, 20, cancellationToken);
        var match = candidates.Select(c => c.Entity).FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? candidates.Select(c => c.Entity).FirstOrDefault(e => e.Aliases.Contains(name, StringComparer.OrdinalIgnoreCase));
        _cache[name] = match;
        return match;
    }

    /// <summary>Forgets what was looked up, after the store has changed.</summary>
    public void Forget(string name) => _cache.Remove(name);
}
