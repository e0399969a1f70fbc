using NodaTime;

namespace Garrison.Cli.Bench;

/// <summary>
/// A synthetic archive of posture reports about one bounded world, for the state bench. An archive of 10^6 posture
/// facts is not a million different things: it is many reports, over years, about a world of hundreds of forces and
/// thousands of installations and towns, repeating, updating and ending each other's claims. How many holdings are
/// true on one day is then bounded by the world (how many places a force holds at once, one controller per contested
/// place, one current figure per force and area), not by the size of the archive; a larger archive reports the same
/// world more densely.
/// <para>
/// The world (fixed, drawn from <see cref="WorldSeed"/>, the same at every archive size), 2000–2025:
/// <list type="bullet">
/// <item><see cref="Forces"/> forces, <see cref="Places"/> places (installations and towns), <see cref="Areas"/> areas.</item>
/// <item>Presence: each force operates over a theatre of <see cref="TheatrePlaces"/> places; at each it alternates
/// absent stretches of 2–10 years (the first 0–8 years) and deployments of 6 months to 4 years: on a given day a force
/// is at about a fifth of its theatre (about 8 places; 2,500 pairs in all).</item>
/// <item>Control: <see cref="ContestedPlaces"/> places change hands; each has a controller from a date in its first 5
/// years, replaced every 2–10 years by another force.</item>
/// <item>Troop levels: each force reports figures in <see cref="AreasPerForce"/> areas; a figure holds 6 months to 2
/// years, then changes by up to ±40 %.</item>
/// </list>
/// Reports: each has a publication day uniform over the period and <see cref="FactsPerReport"/> claims (the bench's
/// generated reports read into about 15 facts each), each about what is true or has just ended on that day: presence
/// 60 %, control 15 %, troop levels 25 %. Three presence claims in four name a deployment under way ("since" its start
/// half the time, otherwise undated, which holds from the report's day); one in four reports a deployment that ended in
/// the 6 months before the report, with its start and end (a withdrawal or a rotation home, which is news: it closes
/// the open claims before it). A control claim names the current controller
/// since its start (undated 3 times in 10); the next controller's start ends it. A troop claim gives the current figure
/// since its start (1 in 10 reports disagrees by up to ±30 %, and is kept as disputed).
/// </para>
/// Deployments that no report ends stay open until a later withdrawal from that place is reported, as they would in a
/// real knowledge base; the smaller the archive, the more of them.
/// </summary>
internal static class WorldArchive
{
    public const int Forces = 300;
    public const int Places = 5000;
    public const int Areas = 60;
    public const int TheatrePlaces = 40;
    public const int ContestedPlaces = 1000;
    public const int AreasPerForce = 2;
    public const int FactsPerReport = 15;

    /// <summary>The world is the same at every archive size; only the reports sampled from it depend on the bench's seed.</summary>
    private const int WorldSeed = 20260118;

    private static readonly LocalDate Start = new(2000, 1, 1);
    private static readonly LocalDate End = new(2025, 12, 31);

    public static void Write(SeedWriter writer, int facts, int seed, CancellationToken cancellationToken)
    {
        var world = new World(new Random(WorldSeed));
        for (var i = 1; i <= Forces; i++)
        {
            writer.Entity(ForceId(i - 1), $"Bench force {i}", "force");
        }

        for (var i = 1; i <= Places; i++)
        {
            writer.Entity(PlaceId(i - 1), $"Bench place {i}", "place");
        }

        for (var i = 1; i <= Areas; i++)
        {
            writer.Entity(AreaId(i - 1), $"Bench area {i}", "country");
        }

        var random = new Random(seed);
        var days = Period.DaysBetween(Start, End);
        var written = 0;
        while (written < facts)
        {
            var published = Start.PlusDays(random.Next(0, days + 1));
            writer.Document(published);
            for (var claim = 0; claim < FactsPerReport && written < facts; claim++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var kind = random.Next(100);
                var done = kind < 60 ? world.WritePresence(writer, random, published)
                    : kind < 75 ? world.WriteControl(writer, random, published)
                    : world.WriteTroopLevel(writer, random, published);
                if (done)
                {
                    written++;
                }
            }
        }
    }

    private static int ForceId(int force) => 1 + force;

    private static int PlaceId(int place) => 1 + Forces + place;

    private static int AreaId(int area) => 1 + Forces + Places + area;

    /// <summary>Stretches of one thing over time: [From, To] with a value (a controller, a figure), in order.</summary>
    private readonly record struct Stretch(LocalDate From, LocalDate To, long Value);

    private sealed class World
    {
        private readonly int[][] theatres = new int[Forces][];
        private readonly Stretch[][][] deployments = new Stretch[Forces][][];
        private readonly Stretch[][] controllers = new Stretch[ContestedPlaces][];
        private readonly (int Force, int Area, Stretch[] Figures)[] series = new (int, int, Stretch[])[Forces * AreasPerForce];

        public World(Random random)
        {
            for (var f = 0; f < Forces; f++)
            {
                theatres[f] = Distinct(random, TheatrePlaces, Places);
                deployments[f] = new Stretch[TheatrePlaces][];
                for (var p = 0; p < TheatrePlaces; p++)
                {
                    var list = new List<Stretch>();
                    var day = Start.PlusDays(random.Next(0, 365 * 8));
                    while (day <= End)
                    {
                        var end = day.PlusDays(random.Next(182, 365 * 4));
                        list.Add(new Stretch(day, end, 0));
                        day = end.PlusDays(random.Next(365 * 2, 365 * 10));
                    }

                    deployments[f][p] = [.. list];
                }
            }

            for (var c = 0; c < ContestedPlaces; c++)
            {
                var list = new List<Stretch>();
                var day = Start.PlusDays(random.Next(0, 365 * 5));
                var controller = -1;
                while (day <= End)
                {
                    var next = random.Next(Forces - 1);
                    controller = next >= controller && controller >= 0 ? next + 1 : next;
                    var end = day.PlusDays(random.Next(365 * 2, 365 * 10));
                    list.Add(new Stretch(day, end.PlusDays(-1), controller));
                    day = end;
                }

                controllers[c] = [.. list];
            }

            for (var f = 0; f < Forces; f++)
            {
                var areas = Distinct(random, AreasPerForce, Areas);
                for (var a = 0; a < AreasPerForce; a++)
                {
                    var list = new List<Stretch>();
                    var day = Start.PlusDays(random.Next(0, 365 * 2));
                    long figure = random.Next(4, 400) * 25;
                    while (day <= End)
                    {
                        var end = day.PlusDays(random.Next(182, 365 * 2));
                        list.Add(new Stretch(day, end.PlusDays(-1), figure));
                        figure = Math.Max(25, RoundTo25(figure * (0.6 + (random.NextDouble() * 0.8))));
                        day = end;
                    }

                    series[(f * AreasPerForce) + a] = (f, areas[a], [.. list]);
                }
            }
        }

        /// <summary>
        /// A force at a place of its theatre on the report's day (since the deployment's start, or undated); or, for one
        /// claim in four, a deployment that ended in the 6 months before the day, with its start and end.
        /// </summary>
        public bool WritePresence(SeedWriter writer, Random random, LocalDate published)
        {
            var ended = random.Next(4) == 0;
            // Most pairs are not deployed on a given day: draw pairs until one is (or has just come home), as a reporter
            // writes about the forces that are somewhere, not about where they are not.
            for (var attempt = 0; attempt < 400; attempt++)
            {
                var force = random.Next(Forces);
                var slot = random.Next(TheatrePlaces);
                var place = PlaceId(theatres[force][slot]);
                if (Find(deployments[force][slot], published, graceDays: 182) is not { } s || (published > s.To) != ended)
                {
                    continue;
                }

                writer.Fact("present_at", ForceId(force), place, null, ended || random.Next(2) == 0 ? s.From : null, ended ? s.To : null);
                return true;
            }

            // Nothing deployed (or just ended) that day among the pairs drawn (early in the period): the claim is about control.
            return WriteControl(writer, random, published);
        }

        public bool WriteControl(SeedWriter writer, Random random, LocalDate published)
        {
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var contested = random.Next(ContestedPlaces);
                if (Find(controllers[contested], published, graceDays: 0) is { } s)
                {
                    writer.Fact("controls", ForceId((int)s.Value), PlaceId(contested), null, random.Next(10) < 3 ? null : s.From, null);
                    return true;
                }
            }

            return WriteTroopLevel(writer, random, published);
        }

        /// <summary>False when nothing holds on the day (the first days of the period): the report then says less.</summary>
        public bool WriteTroopLevel(SeedWriter writer, Random random, LocalDate published)
        {
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var (force, area, figures) = series[random.Next(series.Length)];
                if (Find(figures, published, graceDays: 0) is { } s)
                {
                    var figure = random.Next(10) == 0 ? Math.Max(25, RoundTo25(s.Value * (0.7 + (random.NextDouble() * 0.6)))) : s.Value;
                    writer.Fact("troop_level", ForceId(force), AreaId(area), figure, s.From, null);
                    return true;
                }
            }

            return false;
        }

        /// <summary>The stretch under way on the day, or one that ended at most <paramref name="graceDays"/> before it.</summary>
        private static Stretch? Find(Stretch[] stretches, LocalDate day, int graceDays)
        {
            foreach (var s in stretches)
            {
                if (s.From <= day && day <= s.To.PlusDays(graceDays))
                {
                    return s;
                }
            }

            return null;
        }

        private static int[] Distinct(Random random, int count, int of)
        {
            var chosen = new HashSet<int>();
            while (chosen.Count < count)
            {
                chosen.Add(random.Next(of));
            }

            return [.. chosen.Order()];
        }

        private static long RoundTo25(double value) => (long)Math.Round(value / 25) * 25;
    }
}
