package org.residentregistry.api.readmodel;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.residentregistry.api.eventstore.GapSafeJdbcEventStorageEngine;
import org.residentregistry.core.search.AddressSearchKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds a read model from the event store while the registry keeps serving and ingesting.
 *
 * <ol>
 * <li>A new generation of the model's tables is created, with its unique indexes only, and a {@link BulkLoad} reads
 * the whole event store into them in order of global index, while queries and the live projection keep using the
 * active generation through the views. The projections leave out what can be derived from the rest (the identity
 * file's current records, from their versions). Its transactions commit without waiting for the WAL flush: a crash
 * loses the last ones whole, rows and position together, and the load resumes from the position that remains.</li>
 * <li>Once a pass of that read finds only a few events, one transaction builds the secondary indexes in one pass
 * each (far cheaper than maintaining them row by row), derives the rows left out in one statement, and gives the
 * rebuild's pooled streaming processor its tokens: the position and the gaps the read saw. The processor takes over
 * from there, writing as the live projections do.</li>
 * <li>Once it has caught up, the switch runs in one transaction: it takes EXCLUSIVE locks on the views, so
 * writers (ingest) wait while readers go on; waits until the new generation holds every committed event (no
 * transaction that wrote through the views is still open, so nothing more can commit); stops the processor;
 * repoints the views. From the commit on, every node reads and writes the new generation, and the waiting
 * writers continue into it. A switch that cannot finish within its time limit rolls back and is tried again.</li>
 * <li>The old generation's tables and the processor's tokens are dropped.</li>
 * </ol>
 * A rebuild survives a restart: the node resumes it from the processor's tokens. A node that is not running a rebuild
 * that another runs takes it up once the rebuild has shown no progress for a while (that node may have died); the
 * bulk load's claim, or the processor's token claims, decide which node writes. A rebuild another node switched to
 * and did not finish is only finished. A bulk load that fails {@value #FAILURES_TO_GIVE_UP} times in a row without
 * moving on, or in its completion, fails the rebuild: its generation is dropped and the active one keeps serving.
 */
@Service
public class ReadModelRebuilds {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuilds.class);
    private static final Duration SWITCH_LIMIT = Duration.ofSeconds(10);
    /** How close to the head a rebuild must be before the switch, which holds writers back, is tried. */
    private static final long SWITCH_LAG = 2_000;
    private static final int PROCESSOR_SEGMENTS = 2;
    /** Failed bulk loads in a row, none moving on (or each failing in its completion), after which the rebuild is given up. */
    static final int FAILURES_TO_GIVE_UP = 5;

    /** A rebuild running on another node (or on none), watched: what it showed of its progress, and since when. */
    private record Watched(String progress, long sinceNanos) {
    }

    /**
     * A rebuild running on this node: its bulk load until that is complete ({@code loaded}), then its processor
     * (null before).
     */
    private record Running(UUID id, RebuildableReadModel model, int generation, BulkLoad bulk, Future<?> bulkRun,
                           PooledStreamingEventProcessor processor, long startNanos, boolean loaded) {

        OptionalLong position() {
            return loaded ? ReadModelRebuilds.position(processor) : OptionalLong.of(bulk.position());
        }
    }

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate transactions;
    private final EventStore eventStore;
    private final GapSafeJdbcEventStorageEngine storageEngine;
    private final Serializer eventSerializer;
    private final ExecutorService bulkLoads = Executors.newCachedThreadPool(new CustomizableThreadFactory("rebuild-bulk-"));
    private final TokenStore tokenStore;
    private final TransactionManager axonTransactions;
    private final Serializer tokenSerializer;
    private final Clock clock;
    private final AddressSearchKey addressKey;
    private final Map<UUID, Running> running = new ConcurrentHashMap<>();
    /** Bulk loads of a rebuild that failed in a row without moving on, or in their completion. */
    private final Map<UUID, Integer> failures = new ConcurrentHashMap<>();
    private final Map<UUID, Watched> watched = new ConcurrentHashMap<>();
    private final Duration takeOverAfter;
    private final boolean upcasting;

    ReadModelRebuilds(JdbcTemplate jdbc, DataSource dataSource, TransactionTemplate transactions, EventStore eventStore,
                      GapSafeJdbcEventStorageEngine storageEngine, @Qualifier("eventSerializer") Serializer eventSerializer,
                      TokenStore tokenStore, TransactionManager axonTransactions, Serializer tokenSerializer, Clock clock,
                      MeterRegistry meters, AddressSearchKey addressKey, ObjectProvider<EventUpcaster> upcasters,
                      @Value("${registry.read-model.rebuild.take-over-after:PT30S}") Duration takeOverAfter) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.storageEngine = storageEngine;
        this.eventSerializer = eventSerializer;
        this.addressKey = addressKey;
        this.transactions = transactions;
        this.eventStore = eventStore;
        this.tokenStore = tokenStore;
        this.axonTransactions = axonTransactions;
        this.tokenSerializer = tokenSerializer;
        this.clock = clock;
        this.upcasting = upcasters.stream().findAny().isPresent();
        this.takeOverAfter = takeOverAfter;
        Gauge.builder("registry.read_model.rebuild.position", this, r -> r.runningPosition().orElse(Double.NaN))
                .description("Global index up to which the rebuild running on this node has read the event store")
                .register(meters);
        Gauge.builder("registry.read_model.rebuild.lag", this,
                        r -> r.runningPosition().stream().map(position -> r.head() - position).findFirst().orElse(Double.NaN))
                .description("Events the rebuild running on this node still has to read").register(meters);
    }

    /** Starts a rebuild of {@code model}; at most one runs per model, across nodes. */
    public RebuildStatus start(RebuildableReadModel model, String requestedBy) {
        requireNoUpcasters();
        UUID id = UUID.randomUUID();
        int generation;
        try {
            generation = transactions.execute(status -> {
                int active = jdbc.queryForObject("SELECT generation FROM read_model WHERE name = ? FOR UPDATE",
                        Integer.class, model.modelName());
                Integer highest = jdbc.queryForObject("SELECT max(generation) FROM read_model_rebuild WHERE read_model = ?",
                        Integer.class, model.modelName());
                int next = Math.max(active, highest == null ? 0 : highest) + 1;
                jdbc.update("INSERT INTO read_model_rebuild (id, read_model, generation, state, requested_by, started_at)"
                        + " VALUES (?, ?, ?, 'RUNNING', ?, ?)", id, model.modelName(), next, requestedBy,
                        Timestamp.from(clock.instant()));
                for (String view : model.views()) {
                    String table = RebuildableReadModel.table(view, next);
                    String activeTable = RebuildableReadModel.table(view, active);
                    jdbc.execute("DROP TABLE IF EXISTS " + table);
                    jdbc.execute("CREATE TABLE " + table + " (LIKE " + activeTable + " INCLUDING ALL EXCLUDING INDEXES)");
                    planningSettings(activeTable).forEach(setting -> jdbc.execute("ALTER TABLE " + table + " " + setting));
                    // The projections' upserts need the unique indexes; the others wait for the bulk of the rows.
                    indexes(activeTable, true).forEach(index -> jdbc.execute(index.on(table)));
                }
                return next;
            });
        } catch (DuplicateKeyException e) {
            throw new RebuildAlreadyRunningException();
        }
        launch(id, model, generation, false);
        return status(id).orElseThrow();
    }

    public Optional<RebuildStatus> status(UUID id) {
        Running run = running.get(id);
        Long head = run == null ? null : head();
        Long position = run == null ? null : run.position().stream().boxed().findFirst().orElse(null);
        return jdbc.query("SELECT id, read_model, generation, state, requested_by, started_at, loaded_at, switched_at,"
                        + " finished_at FROM read_model_rebuild WHERE id = ?",
                (rs, row) -> new RebuildStatus(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3), rs.getString(4),
                        rs.getString(5), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)),
                        instant(rs.getTimestamp(9)), position, head, run == null || position == null ? null
                        : position / Math.max(1e-3, (System.nanoTime() - run.startNanos()) / 1e9)),
                id).stream().findFirst();
    }

    /** The active generation of each rebuildable read model. */
    public Map<String, Integer> generations() {
        return jdbc.query("SELECT name, generation FROM read_model ORDER BY name",
                        (rs, row) -> Map.entry(rs.getString(1), rs.getInt(2)))
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Resumes the rebuilds that were running when the registry stopped. */
    @EventListener(ApplicationReadyEvent.class)
    void resume() {
        for (Unfinished rebuild : unfinished()) {
            RebuildableReadModel.named(rebuild.model()).ifPresent(model -> {
                try {
                    if (rebuild.switched()) {
                        finish(rebuild.id(), model, rebuild.generation());
                    } else {
                        launch(rebuild.id(), model, rebuild.generation(), rebuild.loaded());
                    }
                } catch (RuntimeException e) {
                    // Not a reason to refuse to start: the next check takes it up again.
                    notDone("Resuming", rebuild.model(), rebuild.generation(), e);
                }
            });
        }
    }

    /** A rebuild still running as recorded: bulk-loading, catching up, or switched to but not finished. */
    private record Unfinished(UUID id, String model, int generation, boolean loaded, boolean switched) {
    }

    private List<Unfinished> unfinished() {
        return jdbc.query("SELECT id, read_model, generation, loaded_at IS NOT NULL, switched_at IS NOT NULL"
                        + " FROM read_model_rebuild WHERE state = 'RUNNING'",
                (rs, row) -> new Unfinished(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3), rs.getBoolean(4),
                        rs.getBoolean(5)));
    }

    /**
     * Switches every rebuild that has caught up; resumes a bulk load that failed; stops the rebuilds another node
     * finished; takes up those another node runs once they show no progress for a while.
     */
    @Scheduled(fixedDelayString = "${registry.read-model.rebuild.check-interval:PT0.5S}")
    void advance() {
        try {
            takeOverStalled();
        } catch (RuntimeException e) {
            // This node's own rebuilds advance all the same; the others are looked at again at the next check.
            log.warn("Looking for rebuilds no node runs did not complete: {}", e.getClass().getName());
        }
        for (Running run : List.copyOf(running.values())) {
            try {
                advance(run);
            } catch (RuntimeException e) {
                notDone("Advancing", run.model().modelName(), run.generation(), e);
            }
        }
    }

    private void advance(Running run) {
        String state = jdbc.queryForObject("SELECT CASE WHEN switched_at IS NOT NULL AND state = 'RUNNING' THEN 'SWITCHED'"
                + " ELSE state END FROM read_model_rebuild WHERE id = ?", String.class, run.id());
        if ("SWITCHED".equals(state)) {
            // Another node switched to it and did not finish (it died, or this node's own commit was reported lost).
            stop(run);
            finish(run.id(), run.model(), run.generation());
        } else if (!"RUNNING".equals(state)) {
            stop(run);
        } else if (!run.loaded()) {
            if (run.bulkRun().isDone() && running.get(run.id()) == run) {
                launch(run.id(), run.model(), run.generation(), false);
            }
        } else if (run.position().orElse(-1) >= head() - SWITCH_LAG) {
            trySwitch(run);
        }
    }

    /**
     * The rebuilds running on no node, as far as this one can tell: their bulk load's position and gaps, mark and
     * processor's token claims have not changed for {@code takeOverAfter}. This node relaunches them from where they
     * stand; if the other node is alive after all, the claims let one of them write and the other stops again. A
     * rebuild already switched to is only finished, at once: that is idempotent, and the node that switched does it too.
     */
    private void takeOverStalled() {
        List<Unfinished> rebuilds = unfinished().stream().filter(rebuild -> !running.containsKey(rebuild.id())).toList();
        watched.keySet().retainAll(rebuilds.stream().map(Unfinished::id).toList());
        long now = System.nanoTime();
        for (Unfinished rebuild : rebuilds) {
            RebuildableReadModel.named(rebuild.model()).ifPresent(model -> {
                try {
                    takeOverIfStalled(rebuild, model, now);
                } catch (RuntimeException e) {
                    notDone("Looking at", rebuild.model(), rebuild.generation(), e);
                }
            });
        }
    }

    private void takeOverIfStalled(Unfinished rebuild, RebuildableReadModel model, long now) {
        if (rebuild.switched()) {
            finish(rebuild.id(), model, rebuild.generation());
            return;
        }
        String progress = jdbc.queryForObject("SELECT concat_ws('/', r.bulk_position, r.bulk_gaps::text, r.loaded_at,"
                + " (SELECT max(t.timestamp) FROM token_entry t WHERE t.processor_name = ?))"
                + " FROM read_model_rebuild r WHERE r.id = ?", String.class,
                processorName(model, rebuild.generation()), rebuild.id());
        Watched seen = watched.merge(rebuild.id(), new Watched(progress, now),
                (before, latest) -> before.progress().equals(latest.progress()) ? before : latest);
        if (now - seen.sinceNanos() >= takeOverAfter.toNanos()) {
            watched.remove(rebuild.id());
            log.warn("Taking up the rebuild of read model {} generation {}: no progress for {}", rebuild.model(),
                    rebuild.generation(), takeOverAfter);
            launch(rebuild.id(), model, rebuild.generation(), rebuild.loaded());
        }
    }

    /**
     * A step on one rebuild that failed; the next check tries it again, the other rebuilds go on. Only the exception's
     * type is logged: a database's message could quote values.
     */
    private static void notDone(String step, String model, int generation, RuntimeException e) {
        log.warn("{} the rebuild of read model {} generation {} did not complete: {}", step, model, generation,
                e.getClass().getName());
    }

    private static String processorName(RebuildableReadModel model, int generation) {
        return "rebuild-" + model.modelName() + "-g" + generation;
    }

    /** Starts the bulk load, resumed from where it stands, or the processor once it is loaded. */
    private void launch(UUID id, RebuildableReadModel model, int generation, boolean loaded) {
        // A rebuild relaunched (after its bulk load, or a failed switch) keeps its start for its rate.
        long started = running.containsKey(id) ? running.get(id).startNanos() : System.nanoTime();
        if (loaded) {
            launchProcessor(id, model, generation, started);
        } else {
            launchBulkLoad(id, model, generation, started);
        }
    }

    private void launchBulkLoad(UUID id, RebuildableReadModel model, int generation, long started) {
        requireNoUpcasters();
        RebuildableReadModel.Generation g = new RebuildableReadModel.Generation(generation, true, jdbc, addressKey);
        BulkLoad bulk = new BulkLoad(dataSource, jdbc, transactions, eventSerializer, storageEngine::settledUpTo, id,
                model.views().stream().map(g::table).toList(), model.projectionsInto(g),
                readUpTo -> completeBulkLoad(id, model, generation, readUpTo),
                failure -> bulkLoadFailed(id, model, generation, failure));
        // Put before it runs: a load that ends at once replaces this entry with its processor's.
        CompletableFuture<Void> run = new CompletableFuture<>();
        running.put(id, new Running(id, model, generation, bulk, run, null, started, false));
        bulkLoads.execute(() -> {
            try {
                bulk.run();
            } finally {
                run.complete(null);
            }
        });
    }

    /** The rebuild's processor, from the tokens its bulk load left: it writes as the live projections do. */
    private void launchProcessor(UUID id, RebuildableReadModel model, int generation, long started) {
        String name = processorName(model, generation);
        PooledStreamingEventProcessor processor = PooledStreamingEventProcessor.builder()
                .name(name)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        .eventHandlers(model.projectionsInto(new RebuildableReadModel.Generation(generation, false, jdbc, addressKey)))
                        .build())
                .messageSource(eventStore)
                .tokenStore(tokenStore)
                .transactionManager(withoutWaitingForFlush())
                .coordinatorExecutor(Executors.newSingleThreadScheduledExecutor(new CustomizableThreadFactory(name + "-coordinator-")))
                .workerExecutor(Executors.newScheduledThreadPool(2, new CustomizableThreadFactory(name + "-worker-")))
                .initialSegmentCount(PROCESSOR_SEGMENTS)
                .batchSize(1000)
                .tokenClaimInterval(500)
                // A segment with nothing more to handle stores its position only when it extends its claim; the
                // switch waits for those stored positions, so they are kept fresh.
                .claimExtensionThreshold(200)
                .initialToken(StreamableMessageSource::createTailToken)
                .build();
        // Started before it replaces the bulk load's entry: if it does not start, that entry's load is relaunched, finds
        // the rebuild loaded and stops, and the take-over starts the processor again.
        processor.start();
        running.put(id, new Running(id, model, generation, null, null, processor, started, true));
    }

    /**
     * Axon's transactions with {@code synchronous_commit} off: a rebuild's batches need not wait for the disk. Each
     * commits its rows and its tokens together, so a crash can only take the latest batches back whole; the switch's
     * own commit waits for the flush, and the WAL is flushed in order, so it makes everything before it durable.
     */
    private TransactionManager withoutWaitingForFlush() {
        return () -> {
            Transaction transaction = axonTransactions.startTransaction();
            jdbc.execute("SET LOCAL synchronous_commit = off");
            return transaction;
        };
    }

    /**
     * The end of a bulk load, in the transaction of its last checks (so a crash leaves it to do again whole): the
     * secondary indexes the active generation's tables have, the rows the projections left out, the processor's
     * tokens at the position and gaps the load read up to, and the mark. The processor then takes over.
     */
    private void completeBulkLoad(UUID id, RebuildableReadModel model, int generation, GapAwareTrackingToken readUpTo) {
        int active = jdbc.queryForObject("SELECT generation FROM read_model WHERE name = ?", Integer.class, model.modelName());
        for (String view : model.views()) {
            indexes(RebuildableReadModel.table(view, active), false).forEach(index ->
                    jdbc.execute(index.on(RebuildableReadModel.table(view, generation))));
        }
        model.completeBulkLoad(new RebuildableReadModel.Generation(generation, true, jdbc, addressKey));
        String processor = processorName(model, generation);
        jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", processor);
        tokenStore.initializeTokenSegments(processor, PROCESSOR_SEGMENTS, readUpTo);
        jdbc.update("UPDATE read_model_rebuild SET loaded_at = ? WHERE id = ?", Timestamp.from(clock.instant()), id);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                failures.remove(id);
                launch(id, model, generation, true);
            }
        });
    }

    /**
     * Tried again at the next check, unless the load failed {@value #FAILURES_TO_GIVE_UP} times in a row without moving
     * on (an event that does not deserialise, a projection that throws) or in its completion (the index builds): then
     * the rebuild is given up. Only the exception's type is logged: a database's message could quote values.
     */
    private void bulkLoadFailed(UUID id, RebuildableReadModel model, int generation, RuntimeException failure) {
        if (failure instanceof BulkLoad.Superseded) {
            running.remove(id);
            failures.remove(id);
            return;
        }
        Running run = running.get(id);
        if (run == null || run.loaded()) {
            return;
        }
        BulkLoad bulk = run.bulk();
        int inARow = bulk.progressed() && !bulk.failedCompleting() ? 1 : failures.merge(id, 1, Integer::sum);
        if (inARow == 1) {
            failures.put(id, 1);
        }
        log.warn("The bulk load of read model {} generation {} did not complete ({} in a row): {}", model.modelName(),
                generation, inARow, failure.getClass().getName());
        if (inARow >= FAILURES_TO_GIVE_UP) {
            giveUp(id, model, generation, bulk);
        }
    }

    /**
     * Marks the rebuild failed and drops its generation's tables and tokens, in one transaction: the active generation
     * keeps serving, and a new rebuild may be started. Not if another node's load has written since this one's last
     * read of the rebuild's row: this node then only forgets the rebuild, and watches it as any other node's.
     */
    private void giveUp(UUID id, RebuildableReadModel model, int generation, BulkLoad bulk) {
        // Under the load's claim: a node failing for a reason of its own (an event class it lacks in a rolling
        // deploy) must not drop a generation another node's load has moved on since.
        boolean failed = bulk.whileClaimed(() -> {
            jdbc.update("UPDATE read_model_rebuild SET state = 'FAILED', finished_at = ? WHERE id = ?",
                    Timestamp.from(clock.instant()), id);
            for (String view : model.views()) {
                jdbc.execute("DROP TABLE IF EXISTS " + RebuildableReadModel.table(view, generation));
            }
            jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", processorName(model, generation));
        });
        running.remove(id);
        failures.remove(id);
        if (failed) {
            log.error("The rebuild of read model {} generation {} failed: its bulk load failed {} times in a row",
                    model.modelName(), generation, FAILURES_TO_GIVE_UP);
        } else {
            log.warn("The bulk load of read model {} generation {} failed {} times in a row, and another node's load has"
                    + " written since: left to it (or to a take-over)", model.modelName(), generation, FAILURES_TO_GIVE_UP);
        }
    }

    /**
     * The bulk load reads the store's payloads with the serializer alone, not through the upcaster chain the event
     * store applies: with an upcaster registered it would hand old revisions to the projections as they are stored.
     * Until it upcasts, it refuses to run rather than build a read model that differs from the live one.
     */
    private void requireNoUpcasters() {
        if (upcasting) {
            throw new IllegalStateException("A rebuild's bulk load does not apply event upcasters, and one is registered");
        }
    }

    /** Stops this node's bulk loads with the application: each resumes on a node from its last committed batch. */
    @PreDestroy
    void shutDown() {
        running.values().stream().filter(run -> !run.loaded()).forEach(run -> run.bulk().cancel());
        bulkLoads.shutdownNow();
    }

    /** An index of a table: its primary key's constraint definition, or the index's own. */
    private record Index(boolean primaryKey, String definition) {

        /** The statement that gives {@code table} the same index, under a name PostgreSQL chooses. */
        String on(String table) {
            return primaryKey ? "ALTER TABLE " + table + " ADD " + definition
                    : definition.replaceFirst("^CREATE (UNIQUE )?INDEX \\S+ ON \\S+ ", "CREATE $1INDEX ON " + table + " ");
        }
    }

    /**
     * The settings of a table that {@code LIKE … INCLUDING ALL} leaves behind, as {@code ALTER TABLE} actions: its
     * columns' statistics targets and its storage parameters (autovacuum's thresholds), on which the planner's
     * estimates and the visibility map that index-only scans need depend.
     */
    private List<String> planningSettings(String table) {
        List<String> settings = new ArrayList<>(jdbc.queryForList("SELECT format('ALTER COLUMN %I SET STATISTICS %s',"
                + " attname, attstattarget) FROM pg_attribute WHERE attrelid = ?::regclass AND attnum > 0"
                + " AND NOT attisdropped AND attstattarget >= 0 ORDER BY attnum", String.class, table));
        settings.addAll(jdbc.queryForList("SELECT format('SET (%s)', array_to_string(reloptions, ', ')) FROM pg_class"
                + " WHERE oid = ?::regclass AND reloptions IS NOT NULL", String.class, table));
        return settings;
    }

    /** A table's unique indexes (the primary key among them), or its others. */
    private List<Index> indexes(String table, boolean unique) {
        return jdbc.query("SELECT i.indisprimary, CASE WHEN i.indisprimary THEN pg_get_constraintdef(c.oid)"
                        + " ELSE pg_get_indexdef(i.indexrelid) END FROM pg_index i"
                        + " LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.contype = 'p'"
                        + " WHERE i.indrelid = ?::regclass AND i.indisunique = ? ORDER BY i.indexrelid",
                (rs, row) -> new Index(rs.getBoolean(1), rs.getString(2)), table, unique);
    }

    private void trySwitch(Running run) {
        try {
            transactions.executeWithoutResult(status -> switchOver(run));
        } catch (RuntimeException e) {
            // Another try at the next check: the rebuild goes on meanwhile.
            // Only this class's own messages are logged: a database's could quote values.
            log.warn("Switching read model {} to generation {} did not complete: {}", run.model().modelName(),
                    run.generation(), e instanceof SwitchNotDone ? e.getMessage() : e.getClass().getName());
            if (!run.processor().isRunning()) {
                launch(run.id(), run.model(), run.generation(), true);
            }
            return;
        }
        running.remove(run.id());
        finish(run.id(), run.model(), run.generation());
    }

    private void switchOver(Running run) {
        jdbc.execute("SET LOCAL lock_timeout = '2s'");
        Boolean switchable = jdbc.queryForObject("SELECT state = 'RUNNING' AND switched_at IS NULL FROM read_model_rebuild"
                + " WHERE id = ? FOR UPDATE", Boolean.class, run.id());
        if (!Boolean.TRUE.equals(switchable)) {
            throw new SwitchNotDone("The rebuild is no longer running, or already switched to");
        }
        jdbc.execute("LOCK TABLE " + String.join(", ", run.model().views()) + " IN EXCLUSIVE MODE");
        // Only the tokens the processor committed say what the new tables hold: its in-memory status can run
        // ahead (other segments' events advance it), and stopping it drops what it had queued. With writers held
        // back nothing new commits, so once the committed tokens cover the head, stopping it loses nothing.
        String processor = run.processor().getName();
        long deadline = System.nanoTime() + SWITCH_LIMIT.toNanos();
        while (!covers(committedTokens(processor))) {
            if (System.nanoTime() > deadline) {
                throw new SwitchNotDone("The rebuild did not catch up within the switch limit");
            }
            pause();
        }
        run.processor().shutDown();
        int previous = jdbc.queryForObject("SELECT generation FROM read_model WHERE name = ?", Integer.class,
                run.model().modelName());
        for (String view : run.model().views()) {
            jdbc.execute("CREATE OR REPLACE VIEW " + view + " AS SELECT * FROM " + RebuildableReadModel.table(view, run.generation()));
        }
        jdbc.update("UPDATE read_model SET generation = ? WHERE name = ?", run.generation(), run.model().modelName());
        jdbc.update("UPDATE read_model_rebuild SET switched_at = ?, replaced_generation = ? WHERE id = ?",
                Timestamp.from(clock.instant()), previous, run.id());
    }

    /** The processor's tokens as committed, read without claiming them (the processor keeps running). */
    private List<TrackingToken> committedTokens(String processorName) {
        return jdbc.query("SELECT token, token_type FROM token_entry WHERE processor_name = ?",
                (rs, row) -> rs.getBytes(1) == null ? null : tokenSerializer.deserialize(
                        new SimpleSerializedObject<>(rs.getBytes(1), byte[].class, rs.getString(2), null)),
                processorName);
    }

    /**
     * Whether tokens, one per segment, cover every event committed so far: each is at the head, and none of the
     * positions it still waits for holds a committed event (those belong to transactions still open).
     */
    private boolean covers(List<TrackingToken> segments) {
        if (segments.isEmpty()) {
            return false;
        }
        long head = head();
        for (TrackingToken segment : segments) {
            GapAwareTrackingToken token = segment instanceof GapAwareTrackingToken t ? t : null;
            if ((token == null ? -1 : token.getIndex()) < head) {
                return false;
            }
            if (token != null && !token.getGaps().isEmpty() && Boolean.TRUE.equals(jdbc.queryForObject(
                    "SELECT EXISTS (SELECT 1 FROM domain_event_entry WHERE global_index = ANY (?))", Boolean.class,
                    (Object) token.getGaps().toArray(Long[]::new)))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The end of a rebuild switched to: the generation it replaced dropped, its processor's tokens deleted, and the mark
     * COMPLETED, in one transaction. Done once whatever the nodes trying it: a node that died after the switch's commit
     * leaves it to the next node that looks.
     */
    private void finish(UUID id, RebuildableReadModel model, int generation) {
        transactions.executeWithoutResult(status -> {
            List<Integer> replaced = jdbc.queryForList("SELECT replaced_generation FROM read_model_rebuild"
                    + " WHERE id = ? AND state = 'RUNNING' AND switched_at IS NOT NULL FOR UPDATE", Integer.class, id);
            if (replaced.isEmpty()) {
                return;
            }
            if (replaced.get(0) == null) {
                // Switched by a version that did not record it (it dropped the replaced generation in a transaction
                // of its own): its tables, if left, are named <view>_g<N>, N below this generation.
                log.warn("The rebuild of read model {} generation {} did not record the generation it replaced: left as"
                        + " it is", model.modelName(), generation);
            } else {
                for (String view : model.views()) {
                    jdbc.execute("DROP TABLE IF EXISTS " + RebuildableReadModel.table(view, replaced.get(0)));
                }
            }
            jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", processorName(model, generation));
            jdbc.update("UPDATE read_model_rebuild SET state = 'COMPLETED', finished_at = ? WHERE id = ?",
                    Timestamp.from(clock.instant()), id);
        });
    }

    private void stop(Running run) {
        if (run.loaded()) {
            run.processor().shutDown();
        } else {
            run.bulk().cancel();
        }
        running.remove(run.id());
        failures.remove(run.id());
    }

    /** The highest committed global index, or -1 for an empty store. */
    private long head() {
        Long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        return head == null ? -1 : head;
    }

    private static OptionalLong position(PooledStreamingEventProcessor processor) {
        return processor.processingStatus().values().stream()
                .map(EventTrackerStatus::getCurrentPosition)
                .filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong)
                .min();
    }

    private OptionalDouble runningPosition() {
        return running.values().stream().findFirst()
                .map(Running::position)
                .filter(OptionalLong::isPresent)
                .map(position -> OptionalDouble.of(position.getAsLong()))
                .orElse(OptionalDouble.empty());
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SwitchNotDone("Interrupted while switching a read model", e);
        }
    }

    /** Why a switch did not happen, in this class's own words: the only exception whose message is logged. */
    private static final class SwitchNotDone extends IllegalStateException {
        SwitchNotDone(String message) {
            super(message);
        }

        SwitchNotDone(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
