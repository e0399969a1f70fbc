namespace Garrison.Interchange.Acled;

/// <summary>One of ACLED's 25 event/sub-event pairs with its disorder type (ACLED codebook, Table 2).</summary>
public sealed record AcledCategory(string EventType, string SubEventType, string DisorderType)
{
    public const string Battles = "Battles";
    public const string Protests = "Protests";
    public const string Riots = "Riots";
    public const string RemoteViolence = "Explosions/Remote violence";
    public const string ViolenceAgainstCivilians = "Violence against civilians";
    public const string StrategicDevelopments = "Strategic developments";

    private const string PoliticalViolence = "Political violence";
    private const string Demonstrations = "Demonstrations";

    public static AcledCategory GovernmentRegainsTerritory { get; } = new(Battles, "Government regains territory", PoliticalViolence);
    public static AcledCategory NonStateActorOvertakesTerritory { get; } = new(Battles, "Non-state actor overtakes territory", PoliticalViolence);
    public static AcledCategory ArmedClash { get; } = new(Battles, "Armed clash", PoliticalViolence);
    public static AcledCategory ExcessiveForce { get; } = new(Protests, "Excessive force against protesters", "Political violence; Demonstrations");
    public static AcledCategory ProtestWithIntervention { get; } = new(Protests, "Protest with intervention", Demonstrations);
    public static AcledCategory PeacefulProtest { get; } = new(Protests, "Peaceful protest", Demonstrations);
    public static AcledCategory ViolentDemonstration { get; } = new(Riots, "Violent demonstration", Demonstrations);
    public static AcledCategory MobViolence { get; } = new(Riots, "Mob violence", PoliticalViolence);
    public static AcledCategory ChemicalWeapon { get; } = new(RemoteViolence, "Chemical weapon", PoliticalViolence);
    public static AcledCategory AirDroneStrike { get; } = new(RemoteViolence, "Air/drone strike", PoliticalViolence);
    public static AcledCategory SuicideBomb { get; } = new(RemoteViolence, "Suicide bomb", PoliticalViolence);
    public static AcledCategory Shelling { get; } = new(RemoteViolence, "Shelling/artillery/missile attack", PoliticalViolence);
    public static AcledCategory RemoteExplosive { get; } = new(RemoteViolence, "Remote explosive/landmine/IED", PoliticalViolence);
    public static AcledCategory Grenade { get; } = new(RemoteViolence, "Grenade", PoliticalViolence);
    public static AcledCategory SexualViolence { get; } = new(ViolenceAgainstCivilians, "Sexual violence", PoliticalViolence);
    public static AcledCategory Attack { get; } = new(ViolenceAgainstCivilians, "Attack", PoliticalViolence);
    public static AcledCategory Abduction { get; } = new(ViolenceAgainstCivilians, "Abduction/forced disappearance", PoliticalViolence);
    public static AcledCategory Agreement { get; } = new(StrategicDevelopments, "Agreement", StrategicDevelopments);
    public static AcledCategory Arrests { get; } = new(StrategicDevelopments, "Arrests", StrategicDevelopments);
    public static AcledCategory ChangeToGroup { get; } = new(StrategicDevelopments, "Change to group/activity", StrategicDevelopments);
    public static AcledCategory DisruptedWeaponsUse { get; } = new(StrategicDevelopments, "Disrupted weapons use", StrategicDevelopments);
    public static AcledCategory BaseEstablished { get; } = new(StrategicDevelopments, "Headquarters or base established", StrategicDevelopments);
    public static AcledCategory Looting { get; } = new(StrategicDevelopments, "Looting/property destruction", StrategicDevelopments);
    public static AcledCategory TransferOfTerritory { get; } = new(StrategicDevelopments, "Non-violent transfer of territory", StrategicDevelopments);
    public static AcledCategory Other { get; } = new(StrategicDevelopments, "Other", StrategicDevelopments);

    /// <summary>All 25 pairs in the codebook's hierarchy order.</summary>
    public static IReadOnlyList<AcledCategory> All { get; } =
    [
        GovernmentRegainsTerritory, NonStateActorOvertakesTerritory, ArmedClash,
        ExcessiveForce, ProtestWithIntervention, PeacefulProtest,
        ViolentDemonstration, MobViolence,
        ChemicalWeapon, AirDroneStrike, SuicideBomb, Shelling, RemoteExplosive, Grenade,
        SexualViolence, Attack, Abduction,
        Agreement, Arrests, ChangeToGroup, DisruptedWeaponsUse, BaseEstablished, Looting, TransferOfTerritory, Other,
    ];

    /// <summary>The pair named by an ACLED row, matched without regard to case; null when ACLED has no such pair.</summary>
    public static AcledCategory? Find(string eventType, string subEventType) =>
        All.FirstOrDefault(c =>
            string.Equals(c.EventType, eventType.Trim(), StringComparison.OrdinalIgnoreCase) &&
            string.Equals(c.SubEventType, subEventType.Trim(), StringComparison.OrdinalIgnoreCase));
}
