using Garrison.Domain.Records;

namespace Garrison.Interchange.Acled;

/// <summary>
/// ACLED's actor categories (inter1/inter2). ACLED files since March 2023 write them as text ("Rebel group");
/// older files and acledR's inter_numeric option write the numbers 1-8. Both are read; text is written.
/// </summary>
public enum AcledInter
{
    StateForces = 1,
    RebelGroup = 2,
    PoliticalMilitia = 3,
    IdentityMilitia = 4,
    Rioters = 5,
    Protesters = 6,
    Civilians = 7,
    ExternalForces = 8,
}

public static class AcledInterText
{
    private static readonly Dictionary<AcledInter, string> Names = new()
    {
        [AcledInter.StateForces] = "State forces",
        [AcledInter.RebelGroup] = "Rebel group",
        [AcledInter.PoliticalMilitia] = "Political militia",
        [AcledInter.IdentityMilitia] = "Identity militia",
        [AcledInter.Rioters] = "Rioters",
        [AcledInter.Protesters] = "Protesters",
        [AcledInter.Civilians] = "Civilians",
        [AcledInter.ExternalForces] = "External/Other forces",
    };

    public static string Text(this AcledInter inter) => Names[inter];

    /// <summary>Reads "Rebel group", "Rebel groups" or "2".</summary>
    public static bool TryParse(string? text, out AcledInter inter)
    {
        inter = default;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return false;
        }

        if (int.TryParse(trimmed, out var number))
        {
            inter = (AcledInter)number;
            return Enum.IsDefined(inter);
        }

        foreach (var (key, name) in Names)
        {
            // Older codebooks pluralise ("Rebel groups", "Political militias").
            if (string.Equals(trimmed, name, StringComparison.OrdinalIgnoreCase) ||
                string.Equals(trimmed, name + "s", StringComparison.OrdinalIgnoreCase))
            {
                inter = key;
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The interaction column: the two categories with the lower code first ("State forces-Rebel group"),
    /// or "X only" for a one-sided event, as in ACLED's text interaction codes.
    /// </summary>
    public static string Interaction(AcledInter? first, AcledInter? second)
    {
        if (first is null && second is null)
        {
            return "";
        }

        if (first is null || second is null)
        {
            return (first ?? second)!.Value.Text() + " only";
        }

        var (low, high) = first.Value <= second.Value ? (first.Value, second.Value) : (second.Value, first.Value);
        return low.Text() + "-" + high.Text();
    }

    /// <summary>The entity kind an actor of this category gets when ACLED is the only thing that names it.</summary>
    public static EntityKind ToEntityKind(this AcledInter inter) => inter switch
    {
        AcledInter.StateForces or AcledInter.ExternalForces => EntityKind.Force,
        AcledInter.RebelGroup or AcledInter.PoliticalMilitia or AcledInter.IdentityMilitia => EntityKind.ArmedGroup,
        // Crowds and civilians are not one of the spec's kinds; the category itself is kept in the entity's Ref.
        _ => EntityKind.Unknown,
    };

    /// <summary>Prefix of <see cref="EntityRecord.Ref"/> for actors named by ACLED.</summary>
    public const string RefPrefix = "acled:";

    /// <summary>
    /// The reference of an actor ACLED names: "acled:Rebel group:Islamic State (Iraq)". It must identify the actor,
    /// not only its category, because the store merges entities that share a reference; the category rides along
    /// so that a re-export writes the inter code ACLED gave.
    /// </summary>
    public static string Ref(AcledInter inter, string actorName) => $"{RefPrefix}{inter.Text()}:{actorName}";

    /// <summary>The category inside a reference made by <see cref="Ref"/>.</summary>
    public static bool TryParseRef(string? reference, out AcledInter inter)
    {
        inter = default;
        if (reference is null || !reference.StartsWith(RefPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = reference[RefPrefix.Length..];
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && TryParse(rest[..colon], out inter);
    }
}
