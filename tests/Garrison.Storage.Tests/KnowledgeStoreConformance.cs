using Garrison.Domain.Quantities;
using Garrison.Domain.Records;
using NodaTime;

namespace Garrison.Storage.Tests;

/// <summary>
/// What every knowledge-base provider must do, written once (Dapper's provider-test shape): a sealed subclass per
/// provider supplies a fresh, empty store. Each test reads reports that confirm, update and contradict each other.
/// </summary>
public abstract class KnowledgeStoreConformance : IAsyncLifetime
{
    private readonly List<IKnowledgeStore> stores = [];

    /// <summary>Where each store's database is (a file path or a connection string), so it can be opened again.</summary>
    private readonly Dictionary<IKnowledgeStore, string> locations = new(ReferenceEqualityComparer.Instance);

    /// <summary>A new, empty database on a real server or disk: its file path or connection string.</summary>
    protected abstract Task<string> CreateDatabaseAsync();

    /// <summary>Opens the provider's store on the database at <paramref name="location"/>.</summary>
    protected abstract Task<IKnowledgeStore> OpenAtAsync(string location);

    /// <summary>Where the database of <paramref name="store"/> is.</summary>
    protected string LocationOf(IKnowledgeStore store) => locations[store];

    /// <summary>A new, empty knowledge base on a real database.</summary>
    protected async Task<IKnowledgeStore> CreateStoreAsync()
    {
        var location = await CreateDatabaseAsync();
        var store = await OpenAtAsync(location);
        locations[store] = location;
        return store;
    }

    /// <summary>A second store on the database of <paramref name="store"/> (as another process would open it).</summary>
    protected async Task<IKnowledgeStore> OpenAgainAsync(IKnowledgeStore store)
    {
        var again = await OpenAtAsync(locations[store]);
        locations[again] = locations[store];
        Track(again);
        return again;
    }

    /// <summary>Runs SQL on the database of <paramref name="store"/> through a connection of its own.</summary>
    protected abstract Task ExecuteAsync(IKnowledgeStore store, string sql);

    /// <summary>SQL that makes every insert into holdings fail (<see cref="AllowHoldingsSql"/> undoes it).</summary>
    protected abstract string RefuseHoldingsSql { get; }

    protected abstract string AllowHoldingsSql { get; }

    public Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }
    }

    [ProviderFact]
    public async Task Ingesting_the_same_document_again_changes_nothing_and_says_so()
    {
        var store = await NewStoreAsync();
        var (document, record) = SpringReport().Build();

        var first = await store.IngestAsync(document, record);
        var eventsAfterFirst = await store.GetEventsAsync(new EventQuery());
        var second = await store.IngestAsync(document, record);

        Assert.Equal(IngestStatus.Added, first.Status);
        Assert.Equal(IngestStatus.AlreadyKnown, second.Status);
        Assert.Equal(first.DocumentId, second.DocumentId);
        Assert.Equal(eventsAfterFirst.Count, (await store.GetEventsAsync(new EventQuery())).Count);
        Assert.Single((await store.GetStateAsync(new LocalDate(2024, 6, 1))).Presence);
    }

    [ProviderFact]
    public async Task A_different_text_under_a_known_id_is_kept_beside_it()
    {
        var store = await NewStoreAsync();
        await IngestAsync(store, SpringReport());
        var edited = new Report("wire-2024-03-10", "2024-03-10").With(Known.UsForces, Known.Harir)
            .Fact("US troops were also seen at Harir Air Base.", Relation.PresentAt, "US forces", "Harir Air Base");

        var outcome = await IngestAsync(store, edited);

        Assert.Equal(IngestStatus.Added, outcome.Status);
        Assert.StartsWith("wire-2024-03-10~", outcome.DocumentId, StringComparison.Ordinal);
        Assert.NotNull(await store.GetDocumentAsync("wire-2024-03-10"));
        Assert.NotNull(await store.GetDocumentAsync(outcome.DocumentId));
    }

    [ProviderFact]
    public async Task A_failing_document_leaves_nothing_behind_and_earlier_documents_intact()
    {
        var store = await NewStoreAsync();
        await IngestAsync(store, SpringReport());
        var (document, record) = new Report("broken-2024-04-01", "2024-04-01")
            .With(Known.UsForces, new EntityRecord("Camp Unheard", EntityKind.Facility, []))
            .Fact("US forces moved into Camp Unheard.", Relation.PresentAt, "US forces", "Camp Unheard")
            .Build();
        var badSpan = record.Facts[0] with { Evidence = [new Domain.Provenance.TextSpan(0, document.Body.Length + 50)] };
        var broken = record with { Facts = [record.Facts[0], badSpan] };

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => store.IngestAsync(document, broken));

        Assert.Contains("outside the body", error.Message, StringComparison.Ordinal);
        Assert.Null(await store.GetDocumentAsync("broken-2024-04-01"));
        Assert.Empty(await store.FindEntitiesAsync("Camp Unheard"));
        var state = await store.GetStateAsync(new LocalDate(2024, 6, 1));
        Assert.Equal(["Al-Asad Air Base"], state.Presence.Select(p => p.Place));
        Assert.Equal(IngestStatus.Added, (await store.IngestAsync(document, record)).Status);
    }

    [ProviderFact]
    public async Task A_claim_that_ends_before_it_starts_is_stored_but_holds_on_no_day_and_its_batch_commits()
    {
        var store = await NewStoreAsync();
        var slip = new Report("wire-2021-09-01", "2021-09-01").With(Known.UsForces, Known.Harir)
            .Fact("US troops held Harir Air Base from August until March.", Relation.PresentAt, "US forces", "Harir Air Base", "2021-08", "2021-03")
            .Fact("Some 900 US troops were at Harir Air Base from August until March.", Relation.TroopLevel, "US forces", "Harir Air Base",
                "2021-08", "2021-03", new Quantity(900, Approx: true))
            .Build();

        var results = await store.IngestManyAsync([slip, SpringReport().Build()]);

        Assert.Equal([IngestStatus.Added, IngestStatus.Added], results.Select(r => r.Outcome?.Status));
        Assert.NotNull(await store.GetDocumentAsync("wire-2021-09-01"));
        foreach (var day in new[] { new LocalDate(2021, 3, 1), new LocalDate(2021, 5, 1), new LocalDate(2021, 8, 15), new LocalDate(2024, 6, 1) })
        {
            Assert.DoesNotContain((await store.GetStateAsync(day)).Presence, p => p.Place == "Harir Air Base");
        }

        Assert.Empty(await store.GetTroopSeriesAsync("US forces", "Harir Air Base"));
        Assert.Equal(["Al-Asad Air Base"], (await store.GetStateAsync(new LocalDate(2024, 6, 1))).Presence.Select(p => p.Place));
    }

    [ProviderFact]
    public async Task A_batch_keeps_its_good_documents_when_one_fails_and_gives_the_same_state_as_one_by_one()
    {
        var batched = await NewStoreAsync();
        var single = await NewStoreAsync();
        await IngestAsync(batched, SpringReport());
        await IngestAsync(single, SpringReport());
        var (brokenDocument, brokenRecord) = new Report("broken-2024-04-01", "2024-04-01")
            .With(Known.UsForces, new EntityRecord("Camp Unheard", EntityKind.Facility, []))
            .Fact("US forces moved into Camp Unheard.", Relation.PresentAt, "US forces", "Camp Unheard")
            .Build();
        var broken = brokenRecord with
        {
            Facts = [brokenRecord.Facts[0] with { Evidence = [new Domain.Provenance.TextSpan(0, brokenDocument.Body.Length + 50)] }],
        };
        var winter = WinterReport().Build();
        var withdrawal = WithdrawalReport().Build();
        var spring = SpringReport().Build();

        var results = await batched.IngestManyAsync([winter, (brokenDocument, broken), withdrawal, spring, winter]);
        await IngestAsync(single, WinterReport());
        await IngestAsync(single, WithdrawalReport());

        Assert.Equal([IngestStatus.Added, (IngestStatus?)null, IngestStatus.Added, IngestStatus.AlreadyKnown, IngestStatus.AlreadyKnown],
            results.Select(r => r.Outcome?.Status));
        Assert.IsType<InvalidDataException>(results[1].Error);
        Assert.Null(await batched.GetDocumentAsync("broken-2024-04-01"));
        Assert.Empty(await batched.FindEntitiesAsync("Camp Unheard"));
        Assert.NotNull(await batched.GetDocumentAsync("wire-2024-03-10"));
        foreach (var day in new[] { new LocalDate(2024, 6, 1), new LocalDate(2025, 6, 1), new LocalDate(2026, 1, 19) })
        {
            Assert.Equal(RecordJson.Serialize(await single.GetStateAsync(day)), RecordJson.Serialize(await batched.GetStateAsync(day)));
        }

        Assert.Equal((await single.GetEventsAsync(new EventQuery())).Count, (await batched.GetEventsAsync(new EventQuery())).Count);
    }

    [ProviderFact]
    public async Task A_document_failing_at_its_second_event_loses_the_entity_its_first_event_created_and_its_batch_keeps_the_rest()
    {
        var store = await NewStoreAsync();
        var (document, record) = new Report("broken-2025-05-05", "2025-05-05")
            .With(Known.UsForces, Known.Harir)
            .Event("US forces and the Harir Guard deployed to Harir Air Base.", EventType.Deployment, ["US forces", "Harir Guard"], "Harir Air Base", "2025-05")
            .Event("They withdrew in May.", EventType.Withdrawal, ["US forces"], "Harir Air Base", "2025-05")
            .Build();
        var outside = new Domain.Provenance.TextSpan(0, document.Body.Length + 1);
        var broken = record with { Events = [record.Events[0], record.Events[1] with { Evidence = [outside] }] };
        var spring = SpringReport().Build();
        var withdrawal = WithdrawalReport().Build();

        var results = await store.IngestManyAsync([spring, (document, broken), withdrawal]);

        Assert.Equal([IngestStatus.Added, (IngestStatus?)null, IngestStatus.Added], results.Select(r => r.Outcome?.Status));
        var error = Assert.IsType<InvalidDataException>(results[1].Error);
        Assert.StartsWith("event 2 (withdrawal): evidence", error.Message, StringComparison.Ordinal);
        Assert.Null(await store.GetDocumentAsync("broken-2025-05-05"));
        // "Harir Guard" is listed by no entity record: the first event's participant row created it, and it went with the document.
        Assert.Empty(await store.FindEntitiesAsync("Harir Guard"));
        Assert.NotNull(await store.GetDocumentAsync("wire-2024-03-10"));
        Assert.Equal(["agency-2026-01-18"], (await store.GetEventsAsync(new EventQuery())).Select(e => e.DocumentId).Distinct());
        Assert.Equal(IngestStatus.Added, (await store.IngestAsync(document, record)).Status);
        Assert.Single(await store.FindEntitiesAsync("Harir Guard"));
    }

    [ProviderFact]
    public async Task A_later_withdrawal_closes_the_open_presence_of_earlier_reports()
    {
        var store = await NewStoreAsync();
        await IngestAsync(store, SpringReport());
        await IngestAsync(store, WinterReport());
        await IngestAsync(store, WithdrawalReport());

        var before = await store.GetStateAsync(new LocalDate(2025, 6, 1));
        var after = await store.GetStateAsync(new LocalDate(2026, 1, 19));

        var presence = Assert.Single(before.Presence);
        Assert.Equal(("US forces", "Al-Asad Air Base"), (presence.Force, presence.Place));
        Assert.Equal("2024-03-10", presence.Since?.ToString());
        Assert.Equal("2026-01", presence.Until?.ToString());
        Assert.Equal(["wire-2024-03-10", "post-2025-02-01", "agency-2026-01-18"], presence.Sources);
        Assert.DoesNotContain(after.Presence, p => p.Place == "Al-Asad Air Base");
        Assert.Contains(after.Presence, p => p is { Force: "US forces", Place: "Harir Air Base" });
        var control = Assert.Single(after.Control);
        Assert.Equal(("Iraqi security forces", "Al-Asad Air Base", "2026-01"), (control.Controller, control.Place, control.Since?.ToString()));
    }

    [ProviderFact]
    public async Task An_end_in_the_month_of_the_report_ends_by_the_report_date()
    {
        var store = await NewStoreAsync();
        await IngestAsync(store, new Report("desk-2026-01-18", "2026-01-18")
            .With(Known.UsForces, Known.AlAsad, Known.IraqiForces)
            .Fact("For two decades and more the base had US troops on it.", Relation.PresentAt, "US forces", "Al-Asad Air Base", "2006", "2026-01")
            .Fact("Iraqi units took charge of it this month.", Relation.Controls, "Iraqi security forces", "Al-Asad Air Base", "2026-01"));

        Assert.Single((await store.GetStateAsync(new LocalDate(2025, 6, 1))).Presence);
        Assert.Single((await store.GetStateAsync(new LocalDate(2026, 1, 18))).Presence);
        var after = await store.GetStateAsync(new LocalDate(2026, 1, 19));
        Assert.Empty(after.Presence);
        Assert.Single(after.Control);
    }

    [ProviderFact]
    public async Task A_claim_that_only_gives_an_end_defers_to_a_reported_start()
    {
        var store = await NewStoreAsync();
        await IngestAsync(store, new Report("profile-2025-01-01", "2025-01-01").With(Known.UsForces, Known.AlAsad)
            .Fact("US troops have used the base since 2006.", Relation.PresentAt, "US forces", "Al-Asad Air Base", "2006"));
        await IngestAsync(store, new Report("desk-2026-01-18", "2026-01-18").With(Known.UsForces, Known.AlAsad)
            .Fact("The base had US troops until Saturday.", Relation.PresentAt, "US forces", "Al-Asad Air Base", null, "2026-01-17"));

        var presence = Assert.Single((await store.GetStateAsync(new LocalDate(2010, 1, 1))).Presence);

        Assert.Equal(("2006", "2026-01-17"), (presence.Since?.ToString(), presence.Until?.ToString()));
        Assert.Empty((await store.GetStateAsync(new LocalDate(2026, 1, 18))).Presence);
        Assert.Empty((await store.GetStateAsync(new LocalDate(2005, 12, 31))).Presence);
    }

    [ProviderFact]
    public async Task Disagreeing_troop_levels_are_both_kept_each_with_its_sources()
    {
        var store = await NewStoreAsync();
        await IngestAsync(store, SpringReport());
        await IngestAsync(store, WinterReport());

        var state = await store.GetStateAsync(new LocalDate(2025, 6, 1));

        var row = Assert.Single(state.TroopLevels);
        var disputed = Assert.Single(row.Disputed!);
        Assert.Equal(3000, row.Quantity.Value);
        Assert.Equal(["post-2025-02-01"], row.Sources);
        Assert.Equal(2500, disputed.Quantity.Value);
        Assert.Equal(["wire-2024-03-10"], disputed.Sources);
        Assert.Equal("2021-12", disputed.Since?.ToString());
    }

    [ProviderFact]
    public async Task A_later_figure_supersedes_an_earlier_one_and_a_repeated_figure_confirms_it()
    {
        var store = await NewStoreAsync();
        await IngestAsync(store, new Report("history-2022-01-05", "2022-01-05").With(Known.UsForces, Known.Iraq)
            .Fact("Some 5,000 troops went back to Iraq in 2014.", Relation.TroopLevel, "US forces", "Iraq", "2014", quantity: Quantity.About(5000))
            .Fact("Since December 2021 about 2,500 remain.", Relation.TroopLevel, "US forces", "Iraq", "2021-12", quantity: Quantity.About(2500))
            .Fact("At the peak there were 170,000.", Relation.TroopLevel, "US forces", "Iraq", quantity: Quantity.Exactly(170000)));
        await IngestAsync(store, new Report("brief-2023-03-01", "2023-03-01").With(Known.UsForces, Known.Iraq)
            .Fact("The contingent in Iraq numbers 2,500.", Relation.TroopLevel, "US forces", "Iraq", quantity: Quantity.Exactly(2500)));

        var in2015 = Assert.Single((await store.GetStateAsync(new LocalDate(2015, 6, 1))).TroopLevels);
        var in2023 = Assert.Single((await store.GetStateAsync(new LocalDate(2023, 6, 1))).TroopLevels);
        var series = await store.GetTroopSeriesAsync("US troops", "Iraq");

        Assert.Equal((5000L, "2014", "2021-12"), (in2015.Quantity.Value!.Value, in2015.Since?.ToString(), in2015.Until?.ToString()));
        Assert.Equal(2500, in2023.Quantity.Value);
        Assert.Null(in2023.Disputed);
        Assert.Equal(["history-2022-01-05", "brief-2023-03-01"], in2023.Sources);
        Assert.Equal([5000L, 2500L], series.Select(p => p.Quantity.Value!.Value));
        Assert.All(series, p => Assert.NotEmpty(p.Sources));
        Assert.Contains(series[1].Sources, s => s.Text.Contains("2,500", StringComparison.Ordinal));
    }

    [ProviderFact]
    public async Task The_state_lists_what_the_diff_lists_for_its_date_also_when_a_source_id_holds_the_id_separator()
    {
        var store = await NewStoreAsync();
        await IngestAsync(store, SpringReport());
        await IngestAsync(store, WinterReport());
        // The state reads source ids from a column that separates them with U+001F; an id holding it falls back to JSON.
        await IngestAsync(store, new Report("odd\u001fid-2025-03-01", "2025-03-01").With(Known.UsForces, Known.Harir, Known.Iraq)
            .Fact("US forces also use Harir Air Base.", Relation.PresentAt, "US forces", "Harir Air Base"));
        var day = new LocalDate(2025, 6, 1);

        var state = await store.GetStateAsync(day);
        var diff = await store.GetDiffAsync(day, day.PlusDays(1));

        Assert.Equal(RecordJson.Serialize(diff.Before), RecordJson.Serialize(state));
        Assert.Equal(["odd\u001fid-2025-03-01"], state.Presence.Single(p => p.Place == "Harir Air Base").Sources);
        Assert.NotNull(Assert.Single(state.TroopLevels).Disputed);
    }

    [ProviderFact]
    public async Task State_at_a_date_before_anything_was_reported_is_empty()
    {
        var store = await NewStoreAsync();
        await IngestAsync(store, SpringReport());

        var state = await store.GetStateAsync(new LocalDate(2019, 1, 1));

        Assert.Empty(state.Presence);
        Assert.Empty(state.Control);
        Assert.Empty(state.TroopLevels);
    }

    [ProviderFact]
    public async Task A_timeline_is_found_by_any_alias_and_names_its_sentences()
    {
        var store = await NewStoreAsync();
        await IngestAsync(store, SpringReport());
        await IngestAsync(store, WinterReport());
        await IngestAsync(store, WithdrawalReport());

        var timeline = await store.GetTimelineAsync("ain al asad");

        Assert.NotNull(timeline);
        Assert.Equal("Al-Asad Air Base", timeline.Entity.Entity.Name);
        var kinds = timeline.Entries.Select(e => e.Kind).ToList();
        Assert.True(kinds.IndexOf("presence_begun") < kinds.IndexOf("withdrawal"));
        Assert.Contains("presence_ended", kinds);
        Assert.Contains("control_begun", kinds);
        var withdrawal = timeline.Entries.First(e => e.Kind == "withdrawal");
        Assert.Contains("withdrew", Assert.Single(withdrawal.Sources).Text, StringComparison.Ordinal);
        Assert.Null(await store.GetTimelineAsync("Camp Nowhere"));
    }

    [ProviderFact]
    public async Task A_diff_shows_presence_ended_and_begun_control_begun_and_events_between()
    {
        var store = await NewStoreAsync();
        await IngestAsync(store, SpringReport());
        await IngestAsync(store, WinterReport());
        await IngestAsync(store, WithdrawalReport());

        var diff = await store.GetDiffAsync(new LocalDate(2025, 6, 1), new LocalDate(2026, 1, 19));

        Assert.Contains(diff.Changes, c => c is { Change: "presence_ended", Subject: "US forces", Place: "Al-Asad Air Base" });
        Assert.Contains(diff.Changes, c => c is { Change: "presence_begun", Subject: "US forces", Place: "Harir Air Base" });
        Assert.Contains(diff.Changes, c => c is { Change: "control_begun", Subject: "Iraqi security forces" });
        Assert.Equal([EventType.Withdrawal, EventType.Handover], diff.EventsBetween.Select(e => e.Event.Type));
    }

    [ProviderFact]
    public async Task Events_filter_by_date_type_place_and_actor()
    {
        var store = await NewStoreAsync();
        await IngestAsync(store, SpringReport());
        await IngestAsync(store, WithdrawalReport());

        Assert.Equal(2, (await store.GetEventsAsync(new EventQuery())).Count);
        Assert.Single(await store.GetEventsAsync(new EventQuery(Type: EventType.Withdrawal)));
        Assert.Equal(2, (await store.GetEventsAsync(new EventQuery(Place: "Ain al-Asad"))).Count);
        Assert.Empty(await store.GetEventsAsync(new EventQuery(Actor: "Iraqi forces")));
        Assert.Equal(2, (await store.GetEventsAsync(new EventQuery(Actor: "American troops"))).Count);
        Assert.Equal(2, (await store.GetEventsAsync(new EventQuery(From: new LocalDate(2026, 1, 1)))).Count);
        Assert.Empty(await store.GetEventsAsync(new EventQuery(To: new LocalDate(2025, 12, 31))));
        Assert.Empty(await store.GetEventsAsync(new EventQuery(Place: "Harir Air Base")));
        var withdrawal = Assert.Single(await store.GetEventsAsync(new EventQuery(Type: EventType.Withdrawal)));
        Assert.Equal("agency-2026-01-18", withdrawal.DocumentId);
        Assert.Equal(33.79, withdrawal.Lat);
    }

    [ProviderFact]
    public async Task Entities_merge_on_a_shared_alias_on_coordinates_and_on_a_reference()
    {
        var store = await NewStoreAsync();
        await IngestAsync(store, SpringReport());
        await IngestAsync(store, WinterReport());
        await IngestAsync(store, new Report("a-2025-05-01", "2025-05-01").With(Known.UsForces, Known.Harir)
            .Fact("US troops stay at Harir.", Relation.PresentAt, "US forces", "Harir Air Base"));
        await IngestAsync(store, new Report("b-2025-05-02", "2025-05-02").With(Known.UsForces, Known.Bashur)
            .Fact("US troops stay at Bashur.", Relation.PresentAt, "US forces", "Bashur Airfield"));
        var kh1 = new EntityRecord("Kataib Hezbollah", EntityKind.ArmedGroup, []) { Ref = "actors:kataib-hezbollah" };
        var kh2 = new EntityRecord("Hezbollah Brigades", EntityKind.ArmedGroup, []) { Ref = "actors:kataib-hezbollah" };
        await IngestAsync(store, new Report("c-2025-05-03", "2025-05-03").With(kh1, Known.Iraq)
            .Fact("The brigades are part of the PMF in Iraq.", Relation.PresentAt, "Kataib Hezbollah", "Iraq"));
        await IngestAsync(store, new Report("d-2025-05-04", "2025-05-04").With(kh2, Known.Iraq)
            .Fact("The brigades operate in Iraq.", Relation.PresentAt, "Hezbollah Brigades", "Iraq"));

        var asad = Assert.Single(await store.FindEntitiesAsync("Al Asad Airbase"));
        Assert.Equal("Al-Asad Air Base", asad.Entity.Name);
        Assert.Contains("Al Asad Airbase", asad.Entity.Aliases);
        Assert.Contains("Ain al-Asad", asad.Entity.Aliases);
        Assert.Equal("Harir Air Base", Assert.Single(await store.FindEntitiesAsync("Bashur Airfield")).Entity.Name);
        Assert.Equal("Kataib Hezbollah", Assert.Single(await store.FindEntitiesAsync("Hezbollah Brigades")).Entity.Name);
        var state = await store.GetStateAsync(new LocalDate(2025, 6, 1));
        Assert.Equal(["Al-Asad Air Base", "Harir Air Base"], state.Presence.Where(p => p.Force == "US forces").Select(p => p.Place));
    }

    [ProviderFact]
    public async Task A_short_name_collision_does_not_merge_entities()
    {
        var store = await NewStoreAsync();
        await IngestAsync(store, SpringReport());
        var person = new EntityRecord("Asad", EntityKind.Person, []);
        var victory1 = new EntityRecord("Camp Victory", EntityKind.Facility, ["Victory"], Country: "Iraq");
        var victory2 = new EntityRecord("Victory Base Complex South", EntityKind.Facility, ["Victory"], Country: "Iraq");
        await IngestAsync(store, new Report("e-2024-05-01", "2024-05-01").With(person, Known.Iraq, victory1)
            .Fact("Asad was said to be in Iraq.", Relation.PresentAt, "Asad", "Iraq")
            .Fact("Troops held Victory.", Relation.Controls, "Asad", "Camp Victory"));
        await IngestAsync(store, new Report("f-2024-05-02", "2024-05-02").With(Known.UsForces, victory2)
            .Fact("US troops held Victory too.", Relation.PresentAt, "US forces", "Victory Base Complex South"));

        var asad = await store.FindEntitiesAsync("Asad");
        Assert.Equal(["Asad", "Al-Asad Air Base"], asad.Select(e => e.Entity.Name).Take(2));
        var victories = await store.FindEntitiesAsync("Victory");
        Assert.Equal(2, victories.Count);
    }

    [ProviderFact]
    public async Task An_imported_event_counts_in_state_like_a_read_one()
    {
        var store = await NewStoreAsync();
        await IngestAsync(store, SpringReport());
        await IngestAsync(store, new Report("acled-IRQ0001", "2026-01-20").With(Known.UsForces, Known.AlAsad)
            .Event("Withdrawal of US forces from Al-Asad.", EventType.Withdrawal, ["US forces"], "Al-Asad Air Base", "2026-01-17",
                origin: "acled:IRQ0001"));

        Assert.Empty((await store.GetStateAsync(new LocalDate(2026, 1, 18))).Presence);
        var presence = Assert.Single((await store.GetStateAsync(new LocalDate(2026, 1, 17))).Presence);
        Assert.Contains("acled-IRQ0001", presence.Sources);
        var imported = Assert.Single(await store.GetEventsAsync(new EventQuery(Type: EventType.Withdrawal)));
        Assert.Equal("acled:IRQ0001", imported.Event.Origin);
        Assert.Equal("acled-IRQ0001", imported.DocumentId);
    }

    [ProviderFact]
    public async Task Answers_do_not_depend_on_the_order_reports_were_ingested()
    {
        var forward = await NewStoreAsync();
        var backward = await NewStoreAsync();
        var reports = new[] { SpringReport(), WinterReport(), WithdrawalReport() };
        foreach (var report in reports)
        {
            await IngestAsync(forward, report);
        }

        foreach (var report in reports.Reverse())
        {
            await IngestAsync(backward, report);
        }

        foreach (var day in new[] { new LocalDate(2025, 6, 1), new LocalDate(2026, 1, 19) })
        {
            Assert.Equal(RecordJson.Serialize(await forward.GetStateAsync(day)), RecordJson.Serialize(await backward.GetStateAsync(day)));
        }
    }

    [ProviderFact]
    public async Task Readers_during_an_ingest_see_whole_documents_only()
    {
        var store = await NewStoreAsync();
        const int documents = 40;

        // Each report opens a presence (a fact) and closes it (an event): a reader that saw one without the other
        // would show a presence on a day after the withdrawal.
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < documents; i++)
            {
                var force = new EntityRecord($"Task Force {i} North", EntityKind.Force, []);
                var post = new EntityRecord($"Forward Post {i} Ridge", EntityKind.Facility, []);
                await IngestAsync(store, new Report($"batch-{i:D2}", "2025-03-01").With(force, post)
                    .Fact($"Task force {i} arrived at its post in 2024.", Relation.PresentAt, force.Name, post.Name, "2024")
                    .Event("It left the post in January 2025.", EventType.Withdrawal, [force.Name], post.Name, "2025-01"));
            }
        });

        var seen = 0;
        var reads = 0;
        while (!writer.IsCompleted || reads == 0)
        {
            var after = await store.GetStateAsync(new LocalDate(2025, 6, 1));
            var during = await store.GetStateAsync(new LocalDate(2024, 6, 1));
            Assert.Empty(after.Presence);
            Assert.True(during.Presence.Count >= seen, "a later read never sees fewer documents");
            seen = during.Presence.Count;
            reads++;
        }

        await writer;
        Assert.Equal(documents, (await store.GetStateAsync(new LocalDate(2024, 6, 1))).Presence.Count);
    }

    [ProviderFact]
    public async Task A_stored_document_keeps_its_body_and_evidence_spans()
    {
        var store = await NewStoreAsync();
        var (document, record) = SpringReport().Build();
        await store.IngestAsync(document, record);

        var stored = await store.GetDocumentAsync("wire-2024-03-10");

        Assert.NotNull(stored);
        Assert.Equal(document.Body, stored.Body);
        Assert.Equal("2024-03-10", stored.Info.Published?.ToString());
        Assert.Equal(record.Facts.SelectMany(f => f.Evidence).OrderBy(s => s.Start), stored.EvidenceSpans);
    }

    [ProviderFact]
    public async Task Stored_texts_keep_every_character_and_an_empty_text_stays_empty()
    {
        // SQLite binds text from a reused UTF-8 buffer: an empty text must come back empty, not NULL (checked: binding NULL fails here).
        var store = await NewStoreAsync();
        var (document, record) = WithdrawalReport().Build();
        var country = "Irāq, العراق, 𝕀𝕣𝕒𝕢";
        record = record with { Events = [record.Events[0] with { Admin1 = "", Country = country }, .. record.Events.Skip(1)] };
        await store.IngestAsync(document, record);

        var withdrawal = Assert.Single(await store.GetEventsAsync(new EventQuery(Type: EventType.Withdrawal)));
        Assert.Equal("", withdrawal.Event.Admin1);
        Assert.Equal(country, withdrawal.Event.Country);
    }

    [ProviderFact]
    public async Task A_later_batch_finds_an_entity_by_a_reference_and_name_keys_that_need_escaping_in_a_list()
    {
        // A batch reads its entities' candidates with the name keys and references as lists (SQLite: one JSON array):
        // quotes, backslashes, letters outside the BMP and non-Latin keys must find the stored entity in a later batch.
        const string reference = "gaz:\"north\"\\1 ∂";
        var first = new Report("wire-2024-04-01", "2024-04-01").With(new EntityRecord("Бригада 𝕏 Север", EntityKind.Force, ["Северная бригада"]) { Ref = reference }, Known.Harir)
            .Fact("The northern brigade was at Harir Air Base.", Relation.PresentAt, "Бригада 𝕏 Север", "Harir Air Base", "2024-04");
        var byAlias = new Report("wire-2024-05-01", "2024-05-01").With(new EntityRecord("Северная бригада", EntityKind.Force, []), Known.Harir)
            .Fact("The brigade was still at Harir Air Base.", Relation.PresentAt, "Северная бригада", "Harir Air Base", "2024-05");
        var byReference = new Report("wire-2024-06-01", "2024-06-01").With(new EntityRecord("North 𝕏", EntityKind.Force, []) { Ref = reference }, Known.Harir)
            .Fact("North was at Harir Air Base.", Relation.PresentAt, "North 𝕏", "Harir Air Base", "2024-06");
        var store = await NewStoreAsync();

        foreach (var report in new[] { first, byAlias, byReference })
        {
            Assert.All(await store.IngestManyAsync([report.Build()]), r => Assert.Null(r.Error));
        }

        var presence = Assert.Single((await store.GetStateAsync(new LocalDate(2024, 6, 15))).Presence);
        Assert.Equal("Бригада 𝕏 Север", presence.Force);
        Assert.Equal(3, presence.Sources.Count);
    }

    [ProviderFact]
    public async Task Holdings_refreshed_batch_by_batch_equal_holdings_built_from_every_claim_at_once()
    {
        // A batch recomputes only the (holder, place) pairs and the control places its claims name. Reports that keep
        // naming the same forces and places, with claims of every kind that opens or closes a holding, ingested in
        // batches of 1 to 4, must leave after each batch the holdings one batch of all reports so far computes from
        // every claim. Few claims per report over several places, so that a batch is often the only change to a unit.
        var reports = MixedReports(seed: 8, count: 48);
        var batched = await NewStoreAsync();
        var answered = 0;
        for (int start = 0, size = 1; start < reports.Count; start += size, size = size % 4 + 1)
        {
            Assert.All(await batched.IngestManyAsync([.. reports.Skip(start).Take(size)]), r => Assert.Null(r.Error));
            var whole = await NewStoreAsync();
            Assert.All(await whole.IngestManyAsync([.. reports.Take(start + size)]), r => Assert.Null(r.Error));
            answered += await AssertSameHoldingsAsync(whole, batched);
        }

        Assert.True(answered > 500, $"the reports make too few holdings to compare ({answered})");
    }

    [ProviderFact]
    public async Task Holdings_refreshed_by_two_stores_writing_in_turn_equal_holdings_built_from_every_claim_at_once()
    {
        // Each store keeps the claims of the units it refreshed between its batches (Sql/ClaimCache.cs). Two stores on
        // one database, as two processes: a batch of one after the other's must not build from the claims it kept.
        var reports = MixedReports(seed: 11, count: 30);
        var first = await NewStoreAsync();
        var second = await OpenAgainAsync(first);
        var turns = new[] { first, first, second, first, second, second, first };
        var answered = 0;
        for (int start = 0, size = 2, turn = 0; start < reports.Count; start += size, size = size % 3 + 2, turn++)
        {
            var writer = turns[turn % turns.Length];
            Assert.All(await writer.IngestManyAsync([.. reports.Skip(start).Take(size)]), r => Assert.Null(r.Error));
            var whole = await NewStoreAsync();
            Assert.All(await whole.IngestManyAsync([.. reports.Take(start + size)]), r => Assert.Null(r.Error));
            answered += await AssertSameHoldingsAsync(whole, first);
            answered += await AssertSameHoldingsAsync(whole, second);
        }

        Assert.True(answered > 300, $"the reports make too few holdings to compare ({answered})");
    }

    [ProviderFact]
    public async Task A_batch_rolled_back_after_its_refresh_leaves_later_batches_built_from_stored_claims_only()
    {
        // The failing batch's refresh reads its claims into the store's cache before the insert of its holdings fails
        // and the whole batch is rolled back; the next batches (other reports, which may get the same ids) must not see them.
        var reports = MixedReports(seed: 12, count: 24);
        var store = await NewStoreAsync();
        Assert.All(await store.IngestManyAsync([.. reports.Take(6)]), r => Assert.Null(r.Error));
        var refused = MixedReports(seed: 13, count: 6).Select(r => (r.Document with { Id = "refused-" + r.Document.Id, ContentHash = "refused-" + r.Document.ContentHash }, r.Record)).ToList();
        await ExecuteAsync(store, RefuseHoldingsSql);
        await Assert.ThrowsAnyAsync<Exception>(() => store.IngestManyAsync(refused));
        await ExecuteAsync(store, AllowHoldingsSql);
        Assert.Null(await store.GetDocumentAsync(refused[0].Item1.Id));

        var answered = 0;
        for (var start = 6; start < reports.Count; start += 6)
        {
            Assert.All(await store.IngestManyAsync([.. reports.Skip(start).Take(6)]), r => Assert.Null(r.Error));
            var whole = await NewStoreAsync();
            Assert.All(await whole.IngestManyAsync([.. reports.Take(start + 6)]), r => Assert.Null(r.Error));
            answered += await AssertSameHoldingsAsync(whole, store);
        }

        Assert.True(answered > 100, $"the reports make too few holdings to compare ({answered})");
    }

    [ProviderFact]
    public async Task Control_contested_at_one_place_across_batches_equals_one_batch_of_every_report()
    {
        // A store keeps each (holder, place) pair's control before the exclusivity step and recomputes only the pairs a
        // batch names; the step itself runs again over every pair at the place. Batches here name one or two holders
        // of a place three others hold or held, so kept pairs are cut, closed and extended by claims about others.
        var reports = ContestReports();
        var store = await NewStoreAsync();
        var answered = 0;
        for (var i = 0; i < reports.Count; i++)
        {
            Assert.All(await store.IngestManyAsync([reports[i]]), r => Assert.Null(r.Error));
            var whole = await NewStoreAsync();
            Assert.All(await whole.IngestManyAsync([.. reports.Take(i + 1)]), r => Assert.Null(r.Error));
            answered += await AssertSameHoldingsAsync(whole, store);
        }

        Assert.True(answered > 40, $"the reports make too few holdings to compare ({answered})");
    }

    [ProviderFact]
    public async Task Control_pairs_kept_by_one_store_are_dropped_when_another_store_writes_at_their_place()
    {
        // The first store keeps the contested place's pairs; the second writes claims about one of them (as another
        // process would); the first's next batch names another holder there and must build from the stored claims.
        var reports = ContestReports();
        var first = await NewStoreAsync();
        var second = await OpenAgainAsync(first);
        var answered = 0;
        for (var i = 0; i < reports.Count; i++)
        {
            var writer = i % 3 == 2 ? second : first;
            Assert.All(await writer.IngestManyAsync([reports[i]]), r => Assert.Null(r.Error));
            var whole = await NewStoreAsync();
            Assert.All(await whole.IngestManyAsync([.. reports.Take(i + 1)]), r => Assert.Null(r.Error));
            answered += await AssertSameHoldingsAsync(whole, first);
            answered += await AssertSameHoldingsAsync(whole, second);
        }

        Assert.True(answered > 80, $"the reports make too few holdings to compare ({answered})");
    }

    [ProviderFact]
    public async Task A_control_claim_rolled_back_with_its_batch_leaves_no_trace_in_the_kept_pairs()
    {
        // Each refused batch adds a handover to kept pairs of the contested place, then fails on its holdings insert
        // and is rolled back; the batches after it name other holders there and must not see the handover.
        var reports = ContestReports();
        var store = await NewStoreAsync();
        var answered = 0;
        Assert.All(await store.IngestManyAsync([reports[0]]), r => Assert.Null(r.Error));
        // From the second report on: the refused reports name only entities stored by then (on PostgreSQL a rolled-back
        // insert still takes its id from the sequence, and the answers show entity ids).
        for (var i = 1; i < reports.Count; i++)
        {
            var refused = new Report($"refused-{i}", "2024-05-01").With([.. MixedForces, .. MixedPlaces])
                .Event("Birch handed Quarry Ridge to Cedar.", EventType.Handover, ["Birch Regiment"], "Quarry Ridge Outpost", "2016-02",
                    targets: ["Cedar Legion"])
                .Fact("Dogwood has held Quarry Ridge since 2015.", Relation.Controls, "Dogwood Militia", "Quarry Ridge Outpost", "2015-01")
                .Build();
            await ExecuteAsync(store, RefuseHoldingsSql);
            await Assert.ThrowsAnyAsync<Exception>(() => store.IngestManyAsync([refused]));
            await ExecuteAsync(store, AllowHoldingsSql);

            Assert.All(await store.IngestManyAsync([reports[i]]), r => Assert.Null(r.Error));
            var whole = await NewStoreAsync();
            Assert.All(await whole.IngestManyAsync([.. reports.Take(i + 1)]), r => Assert.Null(r.Error));
            answered += await AssertSameHoldingsAsync(whole, store);
        }

        Assert.True(answered > 30, $"the reports make too few holdings to compare ({answered})");
    }

    [ProviderFact]
    public async Task A_batch_s_claims_built_from_what_it_wrote_equal_its_claims_read_back()
    {
        // The refresh builds a batch's own temporal claims from what the document writer wrote (Sql/WrittenClaims.cs)
        // instead of reading them back. Here every batch also reads them back and both must be equal, claim by claim:
        // batches of several sizes, a document written under a name its entity is stored under another (an alias), a
        // text under a known id (its key gets a suffix), a document that fails inside a batch (rolled back to its
        // savepoint, its claims with it), a whole batch rolled back after its refresh, and a text given twice.
        var store = await NewStoreAsync();
        var compared = (Facts: 0, Events: 0, Batches: 0);
        ((Sql.DapperKnowledgeStore)store).WrittenClaimsCheck = (builtFacts, builtEvents, readFacts, readEvents) =>
        {
            Assert.Equal(readFacts.Select(f => f.ToString()), builtFacts.Select(f => f.ToString()));
            Assert.Equal(readFacts, builtFacts);
            Assert.Equal(readEvents.Select(Describe), builtEvents.Select(Describe));
            compared = (compared.Facts + readFacts.Count, compared.Events + readEvents.Count, compared.Batches + 1);
        };
        var reports = MixedReports(seed: 21, count: 40);
        var (brokenDocument, brokenRecord) = reports[8];
        var outside = new Domain.Provenance.TextSpan(0, brokenDocument.Body.Length + 50);
        var broken = brokenRecord with
        {
            Facts = [.. brokenRecord.Facts.Select(f => f with { Evidence = [outside] })],
            Events = [.. brokenRecord.Events.Select(e => e with { Evidence = [outside] })],
        };
        var sameId = reports[9].Document with { Id = reports[3].Document.Id };
        // Participants in the order written: two actors and two targets.
        var shared = new Report("shared-2020-02-02", "2020-02-02").With([.. MixedForces, .. MixedPlaces])
            .Event("Alder and Birch handed Tollgate to Dogwood and Cedar.", EventType.Handover, ["Alder Brigade", "Birch Regiment"], "Tollgate Depot",
                "2020-01", targets: ["Dogwood Militia", "Cedar Legion"])
            .Build();
        // First, on an empty store: the batch is written again with savepoints after the failing document, and the
        // claim cache, which began at an empty store, is used by that second pass.
        var results = await store.IngestManyAsync(
            [SpringReport().Build(), shared, .. reports.Take(4), reports[10], (brokenDocument, broken), (sameId, reports[9].Record), reports[11], reports[10]]);
        Assert.Equal(
            [IngestStatus.Added, IngestStatus.Added, IngestStatus.Added, IngestStatus.Added, IngestStatus.Added, IngestStatus.Added, IngestStatus.Added,
             (IngestStatus?)null,
             IngestStatus.Added, IngestStatus.Added, IngestStatus.AlreadyKnown],
            results.Select(r => r.Outcome?.Status));
        Assert.Equal(1, compared.Batches);
        Assert.All(await store.IngestManyAsync([WinterReport().Build(), WithdrawalReport().Build(), .. reports.Skip(4).Take(4)]), r => Assert.Null(r.Error));

        await ExecuteAsync(store, RefuseHoldingsSql);
        await Assert.ThrowsAnyAsync<Exception>(() => store.IngestManyAsync([.. reports.Skip(12).Take(4)]));
        await ExecuteAsync(store, AllowHoldingsSql);
        for (int start = 12, size = 1; start < reports.Count; start += size, size = size % 5 + 1)
        {
            Assert.All(await store.IngestManyAsync([.. reports.Skip(start).Take(size)]), r => Assert.Null(r.Error));
        }

        Assert.True(compared.Batches >= 8 && compared.Facts > 20 && compared.Events > 20, $"too little compared: {compared}");

        static string Describe(Temporal.TemporalEvent e) =>
            $"{e.Id} {e.Type} {e.Status} {e.Date} {e.Place} {e.Document} actors [{string.Join(", ", e.Actors)}] targets [{string.Join(", ", e.Targets)}]";
    }

    /// <summary>
    /// One report per batch about control of one place (Quarry Ridge Outpost) by four holders: facts with and without an
    /// end, territory taken, handovers (one holder loses, another gains), withdrawals, and a claim elsewhere.
    /// </summary>
    private static List<(SourceDocument Document, ExtractionRecord Record)> ContestReports()
    {
        const string place = "Quarry Ridge Outpost";
        Report New(int i, string published) => new Report($"contest-{i:D2}", published).With([.. MixedForces, .. MixedPlaces]);
        return
        [
            New(1, "2015-04-02").Fact("Alder holds Quarry Ridge.", Relation.Controls, "Alder Brigade", place, "2015-03").Build(),
            New(2, "2017-07-01").Event("Birch took Quarry Ridge.", EventType.TerritoryTaken, ["Birch Regiment"], place, "2017-06").Build(),
            New(3, "2019-03-03").Event("Birch handed Quarry Ridge to Cedar.", EventType.Handover, ["Birch Regiment"], place, "2019-02",
                targets: ["Cedar Legion"]).Build(),
            New(4, "2016-01-20").Fact("Alder held Quarry Ridge from 2014 to 2016.", Relation.Controls, "Alder Brigade", place, "2014", "2016").Build(),
            New(5, "2021-05-05").Event("Cedar withdrew from Quarry Ridge.", EventType.Withdrawal, ["Cedar Legion"], place, "2021-04").Build(),
            New(6, "2022-02-02").Fact("Birch has held Quarry Ridge since 2022.", Relation.Controls, "Birch Regiment", place, "2022-01")
                .Fact("Dogwood holds Saltmarsh.", Relation.Controls, "Dogwood Militia", "Saltmarsh Airstrip", "2020").Build(),
            New(7, "2018-08-08").Fact("Dogwood held Quarry Ridge in 2018.", Relation.Controls, "Dogwood Militia", place, "2018-03").Build(),
            New(8, "2023-09-09").Event("Alder took Quarry Ridge.", EventType.TerritoryTaken, ["Alder Brigade"], place, "2023-09")
                .Event("Dogwood withdrew from Quarry Ridge.", EventType.Withdrawal, ["Dogwood Militia"], place, "2018-11").Build(),
            New(9, "2024-01-10").Event("Alder handed Quarry Ridge to Birch.", EventType.Handover, ["Alder Brigade"], place, "2024-01",
                targets: ["Birch Regiment"]).Build(),
            New(10, "2024-06-01").Fact("Cedar has held Quarry Ridge since 2024.", Relation.Controls, "Cedar Legion", place, "2024-05").Build(),
        ];
    }

    /// <summary>Asserts the two stores answer the same states, timelines and troop series; returns how many holdings the states listed.</summary>
    private static async Task<int> AssertSameHoldingsAsync(IKnowledgeStore expected, IKnowledgeStore actual)
    {
        var answered = 0;
        for (var year = 2012; year <= 2027; year++)
        {
            foreach (var day in new[] { new LocalDate(year, 1, 1), new LocalDate(year, 6, 15) })
            {
                var state = await expected.GetStateAsync(day);
                answered += state.Presence.Count + state.Control.Count + state.TroopLevels.Count;
                Assert.Equal(RecordJson.Serialize(state), RecordJson.Serialize(await actual.GetStateAsync(day)));
            }
        }

        foreach (var name in MixedForces.Concat(MixedPlaces).Select(e => e.Name))
        {
            Assert.Equal(RecordJson.Serialize(await expected.GetTimelineAsync(name)), RecordJson.Serialize(await actual.GetTimelineAsync(name)));
        }

        Assert.Equal(RecordJson.Serialize(await expected.GetTroopSeriesAsync(null, null)), RecordJson.Serialize(await actual.GetTroopSeriesAsync(null, null)));
        return answered;
    }

    private static readonly EntityRecord[] MixedForces =
    [
        new("Alder Brigade", EntityKind.Force, []), new("Birch Regiment", EntityKind.Force, []), new("Cedar Legion", EntityKind.Force, []),
        new("Dogwood Militia", EntityKind.Force, []),
    ];

    private static readonly EntityRecord[] MixedPlaces =
    [
        new("Quarry Ridge Outpost", EntityKind.Facility, [], null, null, 10.0, 10.0),
        new("Saltmarsh Airstrip", EntityKind.Facility, [], null, null, 20.0, 30.0),
        new("Tollgate Depot", EntityKind.Facility, [], null, null, -15.0, 60.0),
        new("Juniper Hill Camp", EntityKind.Facility, [], null, null, 40.0, -20.0),
        new("Kestrel Harbour Station", EntityKind.Facility, [], null, null, -30.0, -50.0),
        new("Millstone Pass Fort", EntityKind.Facility, [], null, null, 55.0, 100.0),
    ];

    /// <summary>
    /// Seeded reports naming a few forces and places again and again: presence, control and troop-level facts (dated,
    /// ended, undated; agreeing and disputed figures) and deployments, withdrawals, handovers and territory taken, some
    /// with two actors, some not completed.
    /// </summary>
    internal static List<(SourceDocument Document, ExtractionRecord Record)> MixedReports(int seed, int count)
    {
        var random = new Random(seed);
        string Date(int year) => random.Next(3) switch
        {
            0 => year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            1 => $"{year}-{random.Next(1, 13):D2}",
            _ => $"{year}-{random.Next(1, 13):D2}-{random.Next(1, 29):D2}",
        };

        var reports = new List<(SourceDocument, ExtractionRecord)>();
        for (var i = 0; i < count; i++)
        {
            var year = random.Next(2013, 2026);
            var report = new Report($"mixed-{i:D3}", $"{year}-{random.Next(1, 13):D2}-{random.Next(1, 29):D2}").With([.. MixedForces, .. MixedPlaces]);
            for (var claim = random.Next(1, 4); claim > 0; claim--)
            {
                var force = MixedForces[random.Next(MixedForces.Length)].Name;
                var other = MixedForces[random.Next(MixedForces.Length)].Name;
                var place = MixedPlaces[random.Next(MixedPlaces.Length)].Name;
                var from = random.Next(4) == 0 ? null : Date(year - random.Next(0, 4));
                var status = random.Next(5) == 0 ? EventStatus.Planned : EventStatus.Completed;
                var sentence = $"Claim {claim} of report {i} about {force} at {place}.";
                report = random.Next(8) switch
                {
                    0 => report.Fact(sentence, Relation.PresentAt, force, place, from),
                    // An end in the report's year after a start in an earlier one (an end before its start is no holding).
                    1 => report.Fact(sentence, Relation.PresentAt, force, place, Date(year - random.Next(1, 4)), Date(year)),
                    2 => report.Fact(sentence, Relation.Controls, force, place, from),
                    3 => report.Fact(sentence, Relation.TroopLevel, force, place, from, quantity: Quantity.About(random.Next(1, 5) * 500)),
                    4 => report.Event(sentence, EventType.Deployment, other == force ? [force] : [force, other], place, from, status: status),
                    5 => report.Event(sentence, EventType.Withdrawal, [force], place, from ?? Date(year), status: status),
                    6 => report.Event(sentence, EventType.Handover, [force], place, from, targets: [other], status: status),
                    _ => report.Event(sentence, EventType.TerritoryTaken, [force], place, from, status: status),
                };
            }

            reports.Add(report.Build());
        }

        return reports;
    }

    /// <summary>March 2024: US forces at Al-Asad; roughly 2,500 in Iraq since December 2021.</summary>
    internal static Report SpringReport() => new Report("wire-2024-03-10", "2024-03-10")
        .With(Known.UsForces, Known.AlAsad, Known.Iraq)
        .Fact("American troops are based at Al-Asad Air Base in Anbar.", Relation.PresentAt, "US forces", "Al-Asad Air Base")
        .Fact("Their number in Iraq has been roughly 2,500 since December 2021.", Relation.TroopLevel, "US forces", "Iraq", "2021-12",
            quantity: Quantity.About(2500));

    /// <summary>February 2025: confirms Al-Asad under another spelling, contradicts the figure (3,000).</summary>
    internal static Report WinterReport() => new Report("post-2025-02-01", "2025-02-01")
        .With(Known.UsForces, Known.AlAsadVariant, Known.Iraq)
        .Fact("US troops remain at the Al Asad airbase.", Relation.PresentAt, "US forces", "Al Asad Airbase")
        .Fact("Officials put the Iraq contingent at about 3,000 since December 2021.", Relation.TroopLevel, "US forces", "Iraq", "2021-12",
            quantity: Quantity.About(3000));

    /// <summary>January 2026: the withdrawal and handover at Al-Asad; US forces stay at Harir.</summary>
    internal static Report WithdrawalReport() => new Report("agency-2026-01-18", "2026-01-18")
        .With(Known.UsForces, Known.AlAsad, Known.IraqiForces, Known.Harir)
        .Event("The last US troops withdrew from Ain al-Asad this month.", EventType.Withdrawal, ["US forces"], "Al-Asad Air Base", "2026-01")
        .Event("They handed the base to Iraqi forces.", EventType.Handover, ["US forces"], "Al-Asad Air Base", "2026-01",
            targets: ["Iraqi security forces"])
        .Fact("A US presence continues at Harir Air Base.", Relation.PresentAt, "US forces", "Harir Air Base");

    protected async Task<IKnowledgeStore> NewStoreAsync()
    {
        var store = await CreateStoreAsync();
        stores.Add(store);
        return store;
    }

    /// <summary>Disposes the store with the others at the end.</summary>
    protected void Track(IKnowledgeStore store) => stores.Add(store);

    private static Task<IngestOutcome> IngestAsync(IKnowledgeStore store, Report report)
    {
        var (document, record) = report.Build();
        return store.IngestAsync(document, record);
    }
}
