using Garrison.Domain.Dates;
using Garrison.Domain.Records;
using NodaTime;

namespace Garrison.Interchange.Acled;

/// <summary>
/// Garrison's event types to ACLED's categories and back (spec: Vocabulary table), and Garrison's partial dates
/// to ACLED's event_date + time_precision and back (ACLED codebook: 1 = the day, 2 = a week or similar period
/// coded at its middle, 3 = only the month, coded at its middle; vaguer events are not coded).
/// </summary>
public static class AcledMapping
{
    /// <summary>The longest span still coded as one ACLED event at precision 2 ("a week or similar period").</summary>
    public const int WeekLikeDays = 7;

    /// <summary>The longest span coded at precision 3 ("only the month is known").</summary>
    public const int MonthLikeDays = 31;

    /// <summary>
    /// The ACLED category for an event; null for types ACLED does not code (statements, confirmations, denials).
    /// <paramref name="targetIsArmed"/> splits "attack" (Battles when the target is armed, else Violence against
    /// civilians); <paramref name="actorIsState"/> splits "territory_taken".
    /// </summary>
    public static AcledCategory? ToAcled(EventType type, bool targetIsArmed, bool actorIsState) => type switch
    {
        EventType.Deployment or EventType.Withdrawal or EventType.RoleChange => AcledCategory.Other,
        EventType.Invasion or EventType.ArmedClash => AcledCategory.ArmedClash,
        EventType.Handover => AcledCategory.TransferOfTerritory,
        EventType.BaseEstablished => AcledCategory.BaseEstablished,
        EventType.Agreement => AcledCategory.Agreement,
        EventType.MissileAttack => AcledCategory.Shelling,
        EventType.AirDroneStrike => AcledCategory.AirDroneStrike,
        EventType.ExplosiveAttack => AcledCategory.RemoteExplosive,
        EventType.SuicideBombing => AcledCategory.SuicideBomb,
        EventType.Attack => targetIsArmed ? AcledCategory.ArmedClash : AcledCategory.Attack,
        EventType.Protest => AcledCategory.PeacefulProtest,
        EventType.ProtestIntervention => AcledCategory.ProtestWithIntervention,
        EventType.ProtestRepressed => AcledCategory.ExcessiveForce,
        EventType.Riot => AcledCategory.ViolentDemonstration,
        EventType.GrenadeAttack => AcledCategory.Grenade,
        EventType.ChemicalAttack => AcledCategory.ChemicalWeapon,
        EventType.TerritoryTaken => actorIsState ? AcledCategory.GovernmentRegainsTerritory : AcledCategory.NonStateActorOvertakesTerritory,
        EventType.Abduction => AcledCategory.Abduction,
        EventType.Arrest => AcledCategory.Arrests,
        EventType.Interception => AcledCategory.DisruptedWeaponsUse,
        EventType.PropertyDestruction => AcledCategory.Looting,
        EventType.GroupChange => AcledCategory.ChangeToGroup,
        _ => null,
    };

    /// <summary>
    /// The Garrison type for an ACLED category. Where several of ours share one of ACLED's (deployment, withdrawal
    /// and role_change are all "Other") the exporter writes a "garrison type" tag; without it the closest reading
    /// is taken. ACLED's "Other" without a tag becomes a statement: the row says something happened, not what.
    /// </summary>
    public static EventType FromAcled(AcledCategory category) =>
        Reverse.TryGetValue(category, out var type) ? type : EventType.Statement;

    private static readonly Dictionary<AcledCategory, EventType> Reverse = new()
    {
        [AcledCategory.GovernmentRegainsTerritory] = EventType.TerritoryTaken,
        [AcledCategory.NonStateActorOvertakesTerritory] = EventType.TerritoryTaken,
        [AcledCategory.ArmedClash] = EventType.ArmedClash,
        [AcledCategory.ExcessiveForce] = EventType.ProtestRepressed,
        [AcledCategory.ProtestWithIntervention] = EventType.ProtestIntervention,
        [AcledCategory.PeacefulProtest] = EventType.Protest,
        [AcledCategory.ViolentDemonstration] = EventType.Riot,
        [AcledCategory.MobViolence] = EventType.Riot,
        [AcledCategory.ChemicalWeapon] = EventType.ChemicalAttack,
        [AcledCategory.AirDroneStrike] = EventType.AirDroneStrike,
        [AcledCategory.SuicideBomb] = EventType.SuicideBombing,
        [AcledCategory.Shelling] = EventType.MissileAttack,
        [AcledCategory.RemoteExplosive] = EventType.ExplosiveAttack,
        [AcledCategory.Grenade] = EventType.GrenadeAttack,
        [AcledCategory.SexualViolence] = EventType.Attack,
        [AcledCategory.Attack] = EventType.Attack,
        [AcledCategory.Abduction] = EventType.Abduction,
        [AcledCategory.Agreement] = EventType.Agreement,
        [AcledCategory.Arrests] = EventType.Arrest,
        [AcledCategory.ChangeToGroup] = EventType.GroupChange,
        [AcledCategory.DisruptedWeaponsUse] = EventType.Interception,
        [AcledCategory.BaseEstablished] = EventType.BaseEstablished,
        [AcledCategory.Looting] = EventType.PropertyDestruction,
        [AcledCategory.TransferOfTerritory] = EventType.Handover,
        [AcledCategory.Other] = EventType.Statement,
    };

    /// <summary>ACLED's event_date and time_precision for a span, or the reason ACLED would not code it.</summary>
    public static (LocalDate Date, int Precision)? ToAcledDate(DateSpan span, out string? reason)
    {
        reason = null;
        if (span.From is not { } from)
        {
            reason = "no date";
            return null;
        }

        if (from.Precision == DatePrecision.Year || span.To is { Precision: DatePrecision.Year })
        {
            reason = "date known only to the year";
            return null;
        }

        // An open end ("since 18 January") is coded at its start: the day the event began.
        var to = span.To ?? from;
        var first = from.FirstDay;
        var last = to.LastDay;
        var days = Period.Between(first, last, PeriodUnits.Days).Days + 1;
        var middle = first.PlusDays((days - 1) / 2);

        if (from.Precision == DatePrecision.Month && to == from)
        {
            // The codebook's month midpoint.
            return (new LocalDate(from.Year, from.MonthValue, 15), 3);
        }

        if (days <= 0)
        {
            reason = "date span ends before it starts";
            return null;
        }

        if (days == 1)
        {
            return (first, span.Approx ? 2 : 1);
        }

        if (days <= WeekLikeDays)
        {
            return (middle, 2);
        }

        if (days <= MonthLikeDays)
        {
            return (middle, 3);
        }

        reason = "date spans more than a month (ACLED codes one event per day)";
        return null;
    }

    /// <summary>The span an ACLED row's date and precision stand for.</summary>
    public static DateSpan FromAcledDate(LocalDate date, int precision) => precision switch
    {
        2 => new DateSpan(PartialDate.FromLocalDate(date.PlusDays(-3)), PartialDate.FromLocalDate(date.PlusDays(3))),
        3 => DateSpan.On(PartialDate.OfMonth(date.Year, date.Month)),
        _ => DateSpan.On(PartialDate.FromLocalDate(date)),
    };
}
