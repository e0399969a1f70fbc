namespace Garrison.Domain.Records;

/// <summary>Entity kinds of the extraction record (spec: Names). Serialized in snake_case.</summary>
public enum EntityKind
{
    Unknown = 0,
    Country,
    Region,
    Province,
    Place,
    Facility,
    Force,
    Coalition,
    ArmedGroup,
    Government,
    Person,
}

/// <summary>Event types of the extraction record (spec: Vocabulary). Serialized in snake_case.</summary>
public enum EventType
{
    Deployment,
    Invasion,
    Withdrawal,
    Handover,
    BaseEstablished,
    RoleChange,
    Agreement,
    ArmedClash,
    MissileAttack,
    AirDroneStrike,
    ExplosiveAttack,
    SuicideBombing,
    Attack,
    Protest,
    ProtestIntervention,
    ProtestRepressed,
    Riot,
    GrenadeAttack,
    ChemicalAttack,
    TerritoryTaken,
    Abduction,
    Arrest,
    Interception,
    PropertyDestruction,
    GroupChange,
    Statement,
    Confirmation,
    Denial,
}

/// <summary>Event status (spec). Serialized in snake_case.</summary>
public enum EventStatus
{
    Completed,
    Ongoing,
    Planned,
    Considered,
    Rejected,
    Denied,
}

/// <summary>Fact relations (spec). Serialized in snake_case.</summary>
public enum Relation
{
    LocatedIn,
    PartOf,
    PresentAt,
    Controls,
    TroopLevel,
    Role,
    MemberOf,
    Leads,
    BackedBy,
    Designated,
    Stance,
}
