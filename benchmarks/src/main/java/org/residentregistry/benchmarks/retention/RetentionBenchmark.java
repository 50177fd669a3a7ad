package org.residentregistry.benchmarks.retention;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
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
import org.residentregistry.benchmarks.suite.ServerOptions;
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
 * resident code going on through the API meanwhile. A seeded registry (see {@link RegistrySeeder}) where residents
 * moved within their municipality on one day long enough ago; the server started with a superseded-version period
 * shorter than that, so each move's first version has expired. A part of the expired persons (by a hash of the code,
 * {@code --reference-persons}) is erased first by plain JDBC, the reference; after a VACUUM of what it erased from, a
 * purge run through the API erases all the rest. The same clients query throughout, and a baseline of the same
 * queries is taken before either. The registry is seeded for the run, or ({@code --reuse-database}) the one an
 * earlier run seeded and kept in {@code --work-dir} is used as it is.
 */
@Command(name = "retention-benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measures a retention purge of expired versions against plain JDBC, on a registry it seeds or "
                + "one an earlier run kept.")
public final class RetentionBenchmark implements Callable<Integer> {

    /** Since {@link RegistrySeeder#MOVED_ON}: every move's superseded version has expired, and nothing else can. */
    private static final String SUPERSEDED_PERIOD = "P30D";
    private static final Duration SUPERSEDED = Duration.ofDays(30);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final int HASH_BUCKETS = 65_536;
    private static final int SAMPLE = 100_000;

    @Option(names = "--reuse-database",
            description = "Purge the registry a run with --keep-database left in --work-dir (a search benchmark's "
                    + "--seed-database --seed-moved-share run, say) instead of seeding one.")
    private boolean reuseDatabase;

    @Option(names = "--residents", defaultValue = "1M", converter = Scale.class,
            description = "Residents seeded (not with --reuse-database). Default: ${DEFAULT-VALUE}.")
    private long residents;

    @Option(names = "--expired", defaultValue = "100k", converter = Scale.class,
            description = "Expired versions seeded for the purge, on top of the reference's (not with "
                    + "--reuse-database). Default: ${DEFAULT-VALUE}.")
    private long expired;

    @Option(names = "--reference-persons", defaultValue = "100k", converter = Scale.class,
            description = "Expired persons the plain-JDBC reference erases, picked by a hash of the code; the purge "
                    + "erases the rest. Default: ${DEFAULT-VALUE}.")
    private long referencePersons;

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

    @Option(names = "--report", description = "Also write the Markdown report here.")
    private Path report;

    @CommandLine.Mixin
    private ServerOptions server;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

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

    /** What the measurements ran on: how it was seeded (or reused) and what had expired. */
    private record Registry(String origin, long residents, long expiredVersions, String databaseSize) {
    }

    @Override
    public Integer call() throws Exception {
        validate();
        Path workDir = server.launch().workFolder();
        List<String> out = new ArrayList<>();
        boolean completed;
        try (EmbeddedDatabase postgres = reuseDatabase ? EmbeddedDatabase.reopen(workDir, server.postgresSettings())
                : EmbeddedDatabase.start(workDir, server.postgresSettings(), server.keepDatabase())) {
            Database database = postgres.database();
            long postmaster = postgres.postmasterPid().orElseThrow();
            String origin = reuseDatabase ? "reused from " + workDir : seed(database, postmaster);
            if (database.queryLong("SELECT count(*) FROM purge_run WHERE state = 'RUNNING'") > 0) {
                // The server would take it over at its first poll and erase alongside the reference.
                throw new IllegalStateException("the registry holds a purge run an earlier server left running");
            }
            // Decided once, before anything runs: what the purge will find expired, as its P30D period says.
            Timestamp cutoff = Timestamp.from(Instant.now().minus(SUPERSEDED));
            long expiredVersions = expiredVersionsLeft(database, cutoff);
            int hashBelow = (int) Math.min(HASH_BUCKETS, Math.ceil((double) HASH_BUCKETS * referencePersons
                    / Math.max(1, expiredVersions)));
            Registry registry = new Registry(origin, database.queryLong("SELECT count(*) FROM identity_current"),
                    expiredVersions, Figures.bytes(database.queryLong("SELECT pg_database_size(current_database())")));
            System.out.printf(Locale.ROOT, "%s: %,d residents, %,d expired versions%n", origin, registry.residents(),
                    expiredVersions);
            String adminToken = Accounts.newToken();
            try (ServerProcess registryServer = ServerProcess.start(launch(List.of(
                    "-Dregistry.retention.superseded-version=" + SUPERSEDED_PERIOD,
                    "-Dregistry.retention.purge-schedule=-",
                    "-Dregistry.retention.purge-batch-size=" + purgeBatchSize)), database, adminToken)) {
                RegistryHttp http = new RegistryHttp(registryServer.base());
                Accounts accounts = Accounts.create(http, adminToken, List.of());
                ClosedLoop.ClientFactory lookups = QueryBenchmark.httpLookups(http, accounts.operator(),
                        ResidentSample.of(sample(database, registry.residents())));
                ClosedLoop.run(clients, Duration.ofSeconds(warmupSeconds), Duration.ofSeconds(1), lookups);
                Cpu start = cpu(registryServer, postmaster);
                ClosedLoop.Result baseline = ClosedLoop.run(clients, Duration.ZERO, Duration.ofSeconds(baselineSeconds),
                        lookups);
                Stretch base = new Stretch(baseline.measured(), cpu(registryServer, postmaster).minus(start), baseline);

                Map<String, Long> beforeReference = rowCounts(database);
                long[] referenceVersions = new long[1];
                Stretch reference = during(registryServer, postmaster, lookups,
                        () -> referenceVersions[0] = PlainErasure.erase(database, cutoff, hashBelow, purgeBatchSize));
                Map<String, Long> afterReference = rowCounts(database);
                long vacuumStarted = System.nanoTime();
                vacuum(database);
                Duration vacuumed = Duration.ofNanos(System.nanoTime() - vacuumStarted);

                JsonNode[] run = new JsonNode[1];
                Stretch purge = during(registryServer, postmaster, lookups, () -> run[0] = purge(http, adminToken));
                Map<String, Long> afterPurge = rowCounts(database);
                long purgeVersions = run[0].path("erased").path("IDENTITY_FILE_VERSIONS").asLong();

                long left = expiredVersionsLeft(database, cutoff);
                out.addAll(report(registry, referenceVersions[0], purgeVersions, vacuumed, base, reference, purge,
                        run[0], beforeReference, afterReference, afterPurge, verification(database, left)));
                completed = run[0].get("state").asText().equals("COMPLETED") && left == 0
                        && referenceVersions[0] + purgeVersions == expiredVersions;
            }
        }
        out.forEach(spec.commandLine().getOut()::println);
        spec.commandLine().getOut().flush();
        if (report != null) {
            Files.write(report, out, StandardCharsets.UTF_8);
        }
        // A purge that failed or left an expired version behind is a failed run, whatever its figures.
        return completed ? 0 : 1;
    }

    private void validate() {
        if (clients < 1 || purgeBatchSize < 1 || referencePersons < 0 || warmupSeconds < 0 || baselineSeconds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--clients, --purge-batch-size and "
                    + "--baseline-seconds must be positive, --reference-persons and --warmup-seconds at least 0");
        }
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        if (reuseDatabase && (parsed.hasMatchedOption("--residents") || parsed.hasMatchedOption("--expired"))) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--residents and --expired seed a new "
                    + "registry: not with --reuse-database");
        }
    }

    /**
     * Seeds a registry the server has started on once (its migrations made the schema, its streaming processors
     * claimed their tokens): moves for the purge's expired versions and the reference's together.
     */
    private String seed(Database database, long postmaster) throws Exception {
        ServerProcess.start(launch(List.of()), database, Accounts.newToken()).close();
        SyntheticPrefecture prefecture = SyntheticPrefecture.saitama(seed, residents);
        double movedShare = Math.min(1, (double) (expired + referencePersons) / residents);
        double harnessBefore = harnessCpu();
        double postgresBefore = ProcFs.cpuSecondsWithChildren(postmaster).orElse(0);
        RegistrySeeder.Result seeded = new RegistrySeeder(database).seed(prefecture,
                new RegistrySeeder.Settings(movedShare, RegistrySeeder.MOVED_ON, seedConnections, seedBatchSize));
        return String.format(Locale.ROOT, "seeded %s residents, %s events in %s (%s); CPU seeder %.0f s, PostgreSQL"
                        + " %.0f s", Figures.count(seeded.residents()), Figures.count(seeded.events()),
                Figures.duration(seeded.took()), Figures.rate(seeded.residentsPerSecond(), "residents"),
                harnessCpu() - harnessBefore, ProcFs.cpuSecondsWithChildren(postmaster).orElse(0) - postgresBefore);
    }

    private ServerProcess.Launch launch(List<String> jvmArguments) {
        ServerProcess.Launch launch = server.launch();
        List<String> arguments = new ArrayList<>(launch.jvmArguments());
        arguments.addAll(jvmArguments);
        return new ServerProcess.Launch(launch.jar(), launch.heap(), arguments, launch.startTimeout(),
                launch.workFolder());
    }

    /**
     * Resident codes to query, spread over the whole file: current records whose code's hash falls in a share of the
     * buckets that holds about {@link #SAMPLE} of them (a view cannot be sampled by pages).
     */
    private static List<String> sample(Database database, long residents) throws SQLException {
        long buckets = Math.min(HASH_BUCKETS, (long) Math.ceil(HASH_BUCKETS * 1.2 * SAMPLE / Math.max(1, residents)));
        List<String> codes = new ArrayList<>();
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT resident_code FROM identity_current WHERE status = 'CURRENT'"
                     + " AND (hashtext(resident_code) & 65535) < " + buckets + " LIMIT " + SAMPLE)) {
            while (rs.next()) {
                codes.add(rs.getString(1));
            }
        }
        return codes;
    }

    /**
     * Between the reference and the purge: the reference's dead rows vacuumed and the pages it dirtied written, so
     * that the purge does not pay for the reference's deletions (nor inherit a cleaner table than it would find).
     */
    private static void vacuum(Database database) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
                    + " AND (tablename ~ '^identity_(version|search)_g[0-9]+$' OR tablename IN ('domain_event_entry',"
                    + " 'snapshot_event_entry', 'identity_notification', 'relay_outbox'))")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                s.execute("VACUUM (ANALYZE) " + table);
            }
            s.execute("CHECKPOINT");
        }
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

    private static final List<String> TABLES = List.of("domain_event_entry", "identity_current", "identity_version",
            "identity_search", "identity_notification", "individual_number_holder");

    private static Map<String, Long> rowCounts(Database database) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, database.queryLong("SELECT count(*) FROM " + table));
        }
        return counts;
    }

    /** Versions superseded before {@code cutoff} still in the history: none, after both erasures. */
    private static long expiredVersionsLeft(Database database, Timestamp cutoff) throws SQLException {
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement("SELECT count(*)"
                + " FROM identity_version v JOIN identity_version n ON n.resident_code = v.resident_code"
                + " AND n.version = v.version + 1 WHERE n.received_at <= ?")) {
            s.setTimestamp(1, cutoff);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** After both erasures every expired version is gone and every current record is untouched. */
    private static List<String> verification(Database database, long left) throws SQLException {
        return List.of(
                "expired versions left in identity_version: " + left,
                "current records: " + database.queryLong("SELECT count(*) FROM identity_current")
                        + ", at version 2 or later: "
                        + database.queryLong("SELECT count(*) FROM identity_current WHERE version >= 2"),
                "events left per resident: " + database.queryValue("SELECT string_agg(n || ' event(s): ' || residents,"
                        + " ', ') FROM (SELECT n, count(*) AS residents FROM (SELECT count(*) AS n FROM domain_event_entry"
                        + " GROUP BY aggregate_identifier) e GROUP BY n ORDER BY n) c"));
    }

    private Cpu cpu(ServerProcess server, long postmaster) {
        return new Cpu(ProcFs.cpuSeconds(server.pid()).orElse(0), ProcFs.cpuSecondsWithChildren(postmaster).orElse(0),
                harnessCpu(), ProcFs.machineCpuSeconds().orElse(0));
    }

    private static double harnessCpu() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    private List<String> report(Registry registry, long referenceVersions, long purgeVersions, Duration vacuumed,
                                Stretch base, Stretch reference, Stretch purge, JsonNode run,
                                Map<String, Long> beforeReference, Map<String, Long> afterReference,
                                Map<String, Long> afterPurge, List<String> verification) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "### Retention purge, %s residents, %s expired versions",
                Figures.count(registry.residents()), Figures.count(registry.expiredVersions())));
        lines.add("");
        lines.add("- Registry: " + registry.origin() + "; database " + registry.databaseSize() + ".");
        lines.add(String.format(Locale.ROOT, "- Purge run: state %s, %s persons a batch; erased %s.", run.get("state").asText(),
                purgeBatchSize, run.get("erased")));
        lines.add("- Between the reference and the purge: VACUUM (ANALYZE) of the tables erased from and a CHECKPOINT, "
                + Figures.duration(vacuumed) + ".");
        lines.add("- Queries: " + Figures.clients(clients) + " by resident code through the API after "
                + warmupSeconds + " s of warm-up; the load average when done: " + LoadAverage.now() + ".");
        lines.add("");
        lines.add("| | baseline (no erasure) | plain JDBC erasure (reference) | purge run (registry) | ratio |");
        lines.add("|---|---|---|---|---|");
        double referenceRate = referenceVersions / seconds(reference.wall());
        double purgeRate = purgeVersions / seconds(purge.wall());
        lines.add(String.format(Locale.ROOT, "| superseded versions erased | — | %s | %s | |", Figures.count(referenceVersions),
                Figures.count(purgeVersions)));
        lines.add(String.format(Locale.ROOT, "| wall time | %s (measured) | %s (%s versions/s) | %s (%s versions/s) |"
                        + " the reference's rate ×%.2f the purge's |", Figures.duration(base.wall()),
                Figures.duration(reference.wall()), Figures.count(Math.round(referenceRate)),
                Figures.duration(purge.wall()), Figures.count(Math.round(purgeRate)), referenceRate / purgeRate));
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
