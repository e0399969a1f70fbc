using System.Text;
using Garrison.Domain.Records;
using Garrison.Storage.Temporal;

namespace Garrison.Storage.Sql;

/// <summary>One-line descriptions of events and facts for timelines (what an analyst scans, not the record itself).</summary>
internal static class Summaries
{
    public static string Of(EventRecord ev)
    {
        var text = new StringBuilder(VocabularyText.Of(ev.Type).Replace('_', ' '));
        if (ev.Status != EventStatus.Completed)
        {
            text.Append(" (").Append(VocabularyText.Of(ev.Status)).Append(')');
        }

        if (ev.Actors.Count > 0)
        {
            text.Append(" by ").Append(string.Join(", ", ev.Actors));
        }

        if (ev.Targets.Count > 0)
        {
            text.Append(ev.Type == EventType.Handover ? " to " : " against ").Append(string.Join(", ", ev.Targets));
        }

        if (ev.Place is not null)
        {
            text.Append(" at ").Append(ev.Place);
        }

        if (ev.Quantity is { } q)
        {
            text.Append(", ").Append(StateProjection.Describe(q));
        }

        if (ev.Casualties.Killed is { } killed)
        {
            text.Append(", killed ").Append(StateProjection.Describe(killed));
        }

        if (ev.Casualties.Injured is { } injured)
        {
            text.Append(", injured ").Append(StateProjection.Describe(injured));
        }

        return text.ToString();
    }

    public static string Of(FactRow fact)
    {
        var text = new StringBuilder(fact.SubjectName).Append(' ').Append(fact.Relation.Replace('_', ' '));
        if (fact.ObjectName is not null)
        {
            text.Append(' ').Append(fact.ObjectName);
        }

        if (fact.Value is not null)
        {
            text.Append(": ").Append(fact.Value);
        }

        if (fact.Quantity is not null && RecordJson.Deserialize<Domain.Quantities.Quantity>(fact.Quantity) is { } q)
        {
            text.Append(": ").Append(StateProjection.Describe(q));
        }

        if (fact.ValidFrom is not null || fact.ValidTo is not null)
        {
            text.Append(" (").Append(fact.ValidFrom ?? "…").Append(" – ").Append(fact.ValidTo ?? "…").Append(')');
        }

        return text.ToString();
    }
}
