package org.residentregistry.benchmarks.retention;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.management.OperatingSystemMXBean;
import org.residentregistry.benchmarks.prefecture.Scale;
import org.residentregistry.benchmarks.prefecture.SyntheticPrefecture;
import org.residentregistry.benchmarks.seed.RegistrySeeder;
import org.residentregistry.benchmarks.suite.environment.Accounts;
import org.residentregistry.benchmarks.suite.environment.Database;
import org.residentregistry.benchmarks.suite.environment.EmbeddedDatabase;
import org.residentregistry.benchmarks.suite.environment.LoadAverage;
import org.residentregistry.benchmarks.suite.environment.ProcFs;
import org.residentregistry.benchmarks.suite.environment.RegistryHttp;
import org.residentregistry.benchmarks.suite.environment.ServerProcess;
import org.residentregistry.benchmarks.suite.load.ClosedLoop;
import org.residentregistry.benchmarks.suite.measure.Figures;
import org.residentregistry.benchmarks.suite.measure.Latencies;
import org.residentregistry.benchmarks.suite.query.QueryBenchmark;
import org.residentregistry.benchmarks.suite.query.ResidentSample;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Issue 8's benchmark: a retention purge erasing many expired versions from a large identity file, with queries by
 * resident code going on through the API meanwhile. A seeded registry (see {@link RegistrySeeder}) where twice the
 * expired count of residents moved within their municipality on one day long enough ago; the server started with a
 * superseded-version period shorter than that, so each move's first version has expired. Half of them (by a hash
 * of the code) are erased first by plain JDBC, the reference, the other half by a purge run through the API; the
 * same clients query throughout, and a baseline of the same queries is taken before either.
 */
@Command(name = "retention-benchmark", mixinStandardHelpOptions = true,
        description = "Seeds a registry, then measures a retention purge of expired versions against plain JDBC.")
public final class RetentionBenchmark implements Callable<Integer> {

    /** Since {@link RegistrySeeder#MOVED_ON}: every move's superseded version has expired, and nothing else can. */
    private static final String SUPERSEDED_PERIOD = "P30D";
    private static final Duration POLL = Duration.ofMillis(500);

    @Option(names = "--residents", defaultValue = "1M", converter = Scale.class, description = "Residents seeded.")
    private long residents;

    @Option(names = "--expired", defaultValue = "100k", converter = Scale.class,
            description = "Expired versions the purge erases (as many again go to the reference).")
    private long expired;

    @Option(names = "--seed", defaultValue = "42")
    private long seed;

    @Option(names = "--clients", defaultValue = "4", description = "Query clients throughout.")
    private int clients;

    @Option(names = "--warmup-seconds", defaultValue = "60", description = "Queries before the baseline, for the JIT.")
    private int warmupSeconds;

    @Option(names = "--baseline-seconds", defaultValue = "30")
    private int baselineSeconds;

    @Option(names = "--seed-connections", defaultValue = "2")
    private int seedConnections;

    @Option(names = "--seed-batch-size", defaultValue = "2000")
    private int seedBatchSize;

    @Option(names = "--purge-batch-size", defaultValue = "500",
            description = "The server's registry.retention.purge-batch-size, and the reference's batch.")
    private int purgeBatchSize;

    @Option(names = "--server-jar", defaultValue = "registry-api/target/registry-api.jar")
    private Path serverJar;

    @Option(names = "--server-heap", defaultValue = "1g")
    private String serverHeap;

    @Option(names = "--work-dir", defaultValue = "benchmark-work")
    private Path workDir;

    @Option(names = "--keep-database", description = "Keep the database's files after the run.")
    private boolean keepDatabase;

    @Option(names = "--report", description = "Also write the Markdown report here.")
    private Path report;

    @Option(names = "--postgres-setting", description = "name=value, on top of the server's settings.")
    private Map<String, String> postgresSettings = new LinkedHashMap<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new RetentionBenchmark()).execute(args));
    }

    /** CPU seconds of the server, PostgreSQL, this harness and the whole machine at one instant. */
    private record Cpu(double server, double postgres, double harness, double machine) {
        Cpu minus(Cpu earlier) {
            return new Cpu(server - earlier.server, postgres - earlier.postgres, harness - earlier.harness,
                    machine - earlier.machine);
        }
    }

    /** One measured stretch: how long, the CPU used and the queries answered meanwhile. */
    private record Stretch(Duration wall, Cpu cpu, ClosedLoop.Result queries) {
    }

    @Override
    public Integer call() throws Exception {
        SyntheticPrefecture prefecture = SyntheticPrefecture.saitama(seed, residents);
        double movedShare = Math.min(1, 2.0 * expired / residents);
        String adminToken = Accounts.newToken();
        List<String> out = new ArrayList<>();
        boolean completed;
        try (EmbeddedDatabase postgres = EmbeddedDatabase.start(workDir, postgresSettings, keepDatabase)) {
            Database database = postgres.database();
            long postmaster = postgres.postmasterPid().orElseThrow();
            startServer(database, adminToken, List.of(), "schema").close();

            double harnessBefore = harnessCpu();
            double postgresBefore = ProcFs.cpuSecondsWithChildren(postmaster).orElse(0);
            RegistrySeeder.Result seeded = new RegistrySeeder(database).seed(prefecture,
                    new RegistrySeeder.Settings(movedShare, RegistrySeeder.MOVED_ON, seedConnections, seedBatchSize));
            double seederCpu = harnessCpu() - harnessBefore;
            double seedPostgresCpu = ProcFs.cpuSecondsWithChildren(postmaster).orElse(0) - postgresBefore;
            String databaseSize = Figures.bytes(database.queryLong("SELECT pg_database_size(current_database())"));
            System.out.printf(Locale.ROOT, "seeded %,d residents (%,d events) in %s: %,.0f residents/s; CPU seeder %.0f s,"
                            + " PostgreSQL %.0f s; database %s%n", seeded.residents(), seeded.events(),
                    Figures.duration(seeded.took()), seeded.residentsPerSecond(), seederCpu, seedPostgresCpu,
                    databaseSize);

            List<String> forReference = codes(database, 0);
            long forPurge = database.queryLong("SELECT count(*) FROM identity_version WHERE version = 2"
                    + " AND (hashtext(resident_code) & 1) = 1");
            try (ServerProcess server = startServer(database, adminToken, List.of(
                    "-Dregistry.retention.superseded-version=" + SUPERSEDED_PERIOD,
                    "-Dregistry.retention.purge-schedule=-",
                    "-Dregistry.retention.purge-batch-size=" + purgeBatchSize), "server")) {
                RegistryHttp http = new RegistryHttp(server.base());
                Accounts accounts = Accounts.create(http, adminToken, List.of());
                ClosedLoop.ClientFactory lookups = QueryBenchmark.httpLookups(http, accounts.operator(),
                        ResidentSample.of(prefecture, 100_000));
                ClosedLoop.run(clients, Duration.ofSeconds(warmupSeconds), Duration.ofSeconds(1), lookups);
                Cpu start = cpu(server, postmaster);
                ClosedLoop.Result baseline = ClosedLoop.run(clients, Duration.ZERO, Duration.ofSeconds(baselineSeconds),
                        lookups);
                Stretch base = new Stretch(baseline.measured(), cpu(server, postmaster).minus(start), baseline);

                Map<String, Long> beforeReference = rowCounts(database);
                Stretch reference = during(server, postmaster, lookups,
                        () -> PlainErasure.erase(database, forReference, purgeBatchSize));
                Map<String, Long> afterReference = rowCounts(database);

                JsonNode[] run = new JsonNode[1];
                Stretch purge = during(server, postmaster, lookups, () -> run[0] = purge(http, adminToken));
                Map<String, Long> afterPurge = rowCounts(database);

                out.addAll(report(seeded, seederCpu, seedPostgresCpu, databaseSize, forReference.size(), forPurge,
                        base, reference, purge, run[0], beforeReference, afterReference, afterPurge,
                        verification(database)));
                completed = run[0].get("state").asText().equals("COMPLETED") && firstVersionsLeft(database) == 0;
            }
        }
        out.forEach(System.out::println);
        if (report != null) {
            Files.write(report, out, StandardCharsets.UTF_8);
        }
        // A purge that failed or left an expired version behind is a failed run, whatever its figures.
        return completed ? 0 : 1;
    }

    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }

    /** Runs the work while the clients query, until it is done. */
    private Stretch during(ServerProcess server, long postmaster, ClosedLoop.ClientFactory lookups, Work work)
            throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        Cpu before = cpu(server, postmaster);
        long started = System.nanoTime();
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
            try {
                work.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                done.set(true);
            }
        });
        ClosedLoop.Result queries = ClosedLoop.runUntil(clients, done::get, lookups);
        running.join();
        Duration wall = Duration.ofNanos(System.nanoTime() - started);
        return new Stretch(wall, cpu(server, postmaster).minus(before), queries);
    }

    /** Starts a purge run and waits until it is no longer running: its final status. */
    private static JsonNode purge(RegistryHttp http, String adminToken) throws Exception {
        String id = http.post("/api/v1/admin/purges", adminToken, Map.of("dryRun", false)).expect(202, "purge")
                .read(JsonNode.class).get("id").asText();
        while (true) {
            JsonNode status = http.get("/api/v1/admin/purges/" + id, adminToken).expect(200, "purge status")
                    .read(JsonNode.class);
            if (!status.get("state").asText().equals("RUNNING")) {
                return status;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private ServerProcess startServer(Database database, String adminToken, List<String> jvmArguments, String name)
            throws Exception {
        return ServerProcess.start(new ServerProcess.Launch(serverJar, serverHeap, jvmArguments, Duration.ofMinutes(10),
                workDir.resolve(name)), database, adminToken);
    }

    /** The moved residents of one half (by a hash of the code), in resident-code order as a purge walks them. */
    private static List<String> codes(Database database, int half) throws SQLException {
        List<String> codes = new ArrayList<>();
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT resident_code FROM identity_version WHERE version = 2"
                     + " AND (hashtext(resident_code) & 1) = " + half + " ORDER BY resident_code")) {
            while (rs.next()) {
                codes.add(rs.getString(1));
            }
        }
        return codes;
    }

    private static final List<String> TABLES = List.of("domain_event_entry", "identity_current", "identity_version",
            "identity_search", "identity_notification", "individual_number_holder");

    private static Map<String, Long> rowCounts(Database database) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, database.queryLong("SELECT count(*) FROM " + table));
        }
        return counts;
    }

    private static long firstVersionsLeft(Database database) throws SQLException {
        return database.queryLong("SELECT count(*) FROM identity_version v WHERE v.version = 1 AND EXISTS (SELECT 1"
                + " FROM identity_version w WHERE w.resident_code = v.resident_code AND w.version = 2)");
    }

    /** After both erasures every moved resident's first version is gone and every current record is untouched. */
    private static List<String> verification(Database database) throws SQLException {
        return List.of(
                "first versions of moved residents left in identity_version: " + firstVersionsLeft(database),
                "current records: " + database.queryLong("SELECT count(*) FROM identity_current")
                        + ", at version 2: " + database.queryLong("SELECT count(*) FROM identity_current WHERE version = 2"),
                "events left per resident: " + database.queryValue("SELECT string_agg(n || ' event(s): ' || residents,"
                        + " ', ') FROM (SELECT n, count(*) AS residents FROM (SELECT count(*) AS n FROM domain_event_entry"
                        + " GROUP BY aggregate_identifier) e GROUP BY n ORDER BY n) c"),
                "search rows of first versions left: " + database.queryLong("SELECT count(*) FROM identity_search s"
                        + " WHERE s.version = 1 AND EXISTS (SELECT 1 FROM identity_version w WHERE w.resident_code ="
                        + " s.resident_code AND w.version = 2)"));
    }

    private Cpu cpu(ServerProcess server, long postmaster) {
        return new Cpu(ProcFs.cpuSeconds(server.pid()).orElse(0), ProcFs.cpuSecondsWithChildren(postmaster).orElse(0),
                harnessCpu(), ProcFs.machineCpuSeconds().orElse(0));
    }

    private static double harnessCpu() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    private List<String> report(RegistrySeeder.Result seeded, double seederCpu, double seedPostgresCpu,
                                String databaseSize, long referenceVersions, long purgeVersions, Stretch base,
                                Stretch reference, Stretch purge, JsonNode run,
                                Map<String, Long> beforeReference, Map<String, Long> afterReference,
                                Map<String, Long> afterPurge, List<String> verification) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "### Retention purge, %s residents, %s expired versions", Scale.format(residents),
                Figures.count(purgeVersions)));
        lines.add("");
        lines.add(String.format(Locale.ROOT, "- Seeded: %s residents, %s events in %s (%s); CPU seeder %.0f s, PostgreSQL"
                        + " %.0f s; database %s.", Figures.count(seeded.residents()), Figures.count(seeded.events()),
                Figures.duration(seeded.took()), Figures.rate(seeded.residentsPerSecond(), "residents"), seederCpu,
                seedPostgresCpu, databaseSize));
        lines.add(String.format(Locale.ROOT, "- Purge run: state %s, %s persons a batch; erased %s.", run.get("state").asText(),
                purgeBatchSize, run.get("erased")));
        lines.add("- Queries: " + Figures.clients(clients) + " by resident code through the API after "
                + warmupSeconds + " s of warm-up; the load average when done: " + LoadAverage.now() + ".");
        lines.add("");
        lines.add("| | baseline (no erasure) | plain JDBC erasure (reference) | purge run (registry) | ratio |");
        lines.add("|---|---|---|---|---|");
        lines.add(String.format(Locale.ROOT, "| superseded versions erased | — | %s | %s | |", Figures.count(referenceVersions),
                Figures.count(purgeVersions)));
        lines.add(String.format(Locale.ROOT, "| wall time | %s (measured) | %s (%s versions/s) | %s (%s versions/s) | ×%.1f the time |",
                Figures.duration(base.wall()), Figures.duration(reference.wall()),
                Figures.count(Math.round(referenceVersions / seconds(reference.wall()))), Figures.duration(purge.wall()),
                Figures.count(Math.round(purgeVersions / seconds(purge.wall()))),
                (seconds(purge.wall()) / purgeVersions) / (seconds(reference.wall()) / referenceVersions)));
        lines.add("| rows erased per table | — | " + erased(beforeReference, afterReference) + " | "
                + erased(afterReference, afterPurge) + " | |");
        lines.add(String.format(Locale.ROOT, "| CPU: server / PostgreSQL / harness (queries, reference client) / other processes | %s | %s | %s | |",
                cpuCell(base), cpuCell(reference), cpuCell(purge)));
        lines.add(String.format(Locale.ROOT, "| queries/s | %s | %s | %s | |", rate(base), rate(reference), rate(purge)));
        lines.add(String.format(Locale.ROOT, "| query p50 / p99 / p99.9 | %s | %s | %s | |", latencies(base),
                latencies(reference), latencies(purge)));
        lines.add("");
        verification.forEach(v -> lines.add("- " + v));
        return lines;
    }

    private static String erased(Map<String, Long> before, Map<String, Long> after) {
        List<String> cells = new ArrayList<>();
        before.forEach((table, count) -> cells.add(table + " " + Figures.count(count - after.get(table))));
        return String.join(", ", cells);
    }

    private static String cpuCell(Stretch s) {
        Cpu cpu = s.cpu();
        double others = Math.max(0, cpu.machine() - cpu.server() - cpu.postgres() - cpu.harness());
        return String.format(Locale.ROOT, "%.1f s / %.1f s / %.1f s / %.1f s", cpu.server(), cpu.postgres(),
                cpu.harness(), others);
    }

    private static String rate(Stretch s) {
        return Figures.rate(s.queries().perSecond(), "queries") + (s.queries().failed() > 0
                ? " (" + s.queries().failed() + " failed: " + s.queries().firstFailure() + ")" : "");
    }

    private static String latencies(Stretch s) {
        Latencies l = s.queries().latencies();
        return Figures.millis(l.p50Millis()) + " / " + Figures.millis(l.p99Millis()) + " / "
                + Figures.millis(l.p999Millis());
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
