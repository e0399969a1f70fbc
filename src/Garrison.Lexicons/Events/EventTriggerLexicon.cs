using Garrison.Domain.Records;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Garrison.Lexicons.Events;

/// <summary>How a trigger word is used: a verb ("withdrew") or a noun ("withdrawal") behave differently in a clause.</summary>
public enum TriggerForm
{
    Verb,
    Noun,
}

/// <summary>A word or phrase that signals an event of one type (data/lexicon/en/event-triggers.yml).</summary>
public sealed record EventTrigger(string Phrase, EventType Type, TriggerForm Form)
{
    /// <summary>True for movement verbs whose object is what moves: "withdrew US forces from", "sent 500 troops to".</summary>
    public bool Mover { get; init; }

    /// <summary>True when the trigger reports speech ("said", "confirmed"): its subject is a speaker, not an actor.</summary>
    public bool Reporting { get; init; }
}

/// <summary>
/// Trigger phrases for event types plus the small word lists the event rules need (casualty verbs, modality, cues
/// of repeated or background action). Loaded from data so that analysts can extend it without rebuilding.
/// </summary>
public sealed class EventTriggerLexicon
{
    public EventTriggerLexicon(
        IEnumerable<EventTrigger> triggers,
        IReadOnlyDictionary<string, IReadOnlyList<string>> wordLists)
    {
        Triggers = [.. triggers];
        WordLists = wordLists;
    }

    public IReadOnlyList<EventTrigger> Triggers { get; }

    /// <summary>Named lists: killed, injured, planned, considered, negation, iterative, prior, ...</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> WordLists { get; }

    public IReadOnlyList<string> List(string name) => WordLists.GetValueOrDefault(name) ?? [];

    public static EventTriggerLexicon LoadFrom(string dataDirectory) =>
        Parse(File.ReadAllText(Path.Combine(dataDirectory, "lexicon", "en", "event-triggers.yml")), "event-triggers.yml");

    public static EventTriggerLexicon Parse(string yaml, string fileName)
    {
        TriggerFile file;
        try
        {
            file = Deserializer.Deserialize<TriggerFile>(yaml) ?? new TriggerFile();
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new InvalidDataException($"{fileName}: {e.Message}", e);
        }

        if (string.IsNullOrWhiteSpace(file.Source))
        {
            throw new InvalidDataException($"{fileName}: needs a 'source:' line");
        }

        var triggers = new List<EventTrigger>();
        foreach (var (typeName, group) in file.Triggers)
        {
            if (!Enum.TryParse<EventType>(typeName.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var type))
            {
                throw new InvalidDataException($"{fileName}: '{typeName}' is not an event type of the spec");
            }

            triggers.AddRange(group.Verbs.Select(v => new EventTrigger(v, type, TriggerForm.Verb) { Mover = group.Mover, Reporting = group.Reporting }));
            triggers.AddRange(group.Nouns.Select(n => new EventTrigger(n, type, TriggerForm.Noun) { Reporting = group.Reporting }));
        }

        var lists = file.Words.ToDictionary(
            kv => kv.Key,
            kv => (IReadOnlyList<string>)[.. kv.Value],
            StringComparer.Ordinal);
        return new EventTriggerLexicon(triggers, lists);
    }

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    private sealed class TriggerFile
    {
        public string? Source { get; set; }

        public string? Licence { get; set; }

        public Dictionary<string, TriggerGroup> Triggers { get; set; } = [];

        public Dictionary<string, List<string>> Words { get; set; } = [];
    }

    private sealed class TriggerGroup
    {
        public List<string> Verbs { get; set; } = [];

        public List<string> Nouns { get; set; } = [];

        public bool Mover { get; set; }

        public bool Reporting { get; set; }
    }
}
