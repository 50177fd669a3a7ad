package org.residentregistry.api.readmodel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.residentregistry.projections.identity.IdentityFileProjection;
import org.residentregistry.projections.overseas.OverseasFileProjection;
import org.residentregistry.projections.overseas.OverseasSearchProjection;
import org.residentregistry.projections.search.IdentitySearchProjection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * Reads the active read models into memory when the server starts, so that the first queries and searches after a
 * restart are not each a wait on the disk. At 10M residents the read models are 10.7 GB, five times PostgreSQL's
 * shared buffers; on a slow disk a cold search of a broad combination read its pages one by one (p99 1.3 s where warm
 * it was 30 ms: README, "Four-field search"). PostgreSQL's {@code pg_prewarm} extension reads them in
 * {@code read} mode, into the system's file cache, which holds what the shared buffers cannot: indexes first, then
 * the tables, in the order queries need them, up to a budget (PostgreSQL's {@code effective_cache_size} unless
 * {@code registry.read-model.prewarm.max-size} says otherwise). In the background: the server serves meanwhile.
 * Without the extension (an external server that does not ship it, or a role that may not create it) the server
 * starts the same and says so once.
 */
@Component
@ConditionalOnProperty(name = "registry.read-model.prewarm.enabled", matchIfMissing = true)
public class ReadModelPrewarm {

    private static final Logger LOG = LoggerFactory.getLogger(ReadModelPrewarm.class);

    /** The views in the order queries need them: the records and the search keys, then the history. */
    private static final List<String> VIEWS = List.of(IdentityFileProjection.CURRENT, IdentitySearchProjection.TABLE,
            OverseasFileProjection.CURRENT, OverseasSearchProjection.TABLE, IdentityFileProjection.VERSIONS,
            OverseasFileProjection.VERSIONS);

    /** A relation read, wholly or its first {@code blocksRead} of {@code blocks}; empty ones are not listed. */
    public record Relation(String name, long blocks, long blocksRead) {
    }

    /** What one prewarm read, within which budget, and what it left out for want of budget. */
    public record Prewarm(boolean available, long budgetBytes, List<Relation> read, List<String> leftOut, long bytesRead,
                          Duration took) {
    }

    private final JdbcTemplate jdbc;
    private final ReadModelRebuilds rebuilds;
    private final ReadModelPrewarmProperties properties;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(new CustomizableThreadFactory("read-model-prewarm-"));
    private final AtomicLong bytesRead = new AtomicLong();

    ReadModelPrewarm(JdbcTemplate jdbc, ReadModelRebuilds rebuilds, ReadModelPrewarmProperties properties,
                     MeterRegistry meters) {
        this.jdbc = jdbc;
        this.rebuilds = rebuilds;
        this.properties = properties;
        Gauge.builder("registry.read_model.prewarm.bytes", bytesRead, AtomicLong::get).baseUnit("bytes")
                .description("Bytes of the read models this node has read into memory since it started")
                .register(meters);
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        worker.execute(() -> {
            try {
                Prewarm prewarm = run(properties.maxSize() == null ? null : properties.maxSize().toBytes());
                if (prewarm.available()) {
                    LOG.info("Read models prewarmed: {} relations, {} MB in {} s (budget {} MB; {} left out)",
                            prewarm.read().size(), prewarm.bytesRead() >> 20, prewarm.took().toSeconds(),
                            prewarm.budgetBytes() >> 20, prewarm.leftOut().size());
                }
            } catch (DataAccessException e) {
                // Only the first queries' speed depends on it; the cause is PostgreSQL's, never a record's.
                LOG.warn("The read models' prewarm stopped: {}", e.getMostSpecificCause().getMessage());
            }
        });
    }

    /**
     * Reads the active generation's indexes, then its tables, until {@code budgetBytes} (null: PostgreSQL's
     * {@code effective_cache_size}) are read; the relation that reaches the budget is read in part.
     */
    public Prewarm run(Long budgetBytes) {
        long started = System.nanoTime();
        long budget = budgetBytes != null ? budgetBytes
                : jdbc.queryForObject("SELECT pg_size_bytes(current_setting('effective_cache_size'))", Long.class);
        if (!extensionInstalled()) {
            return new Prewarm(false, budget, List.of(), List.of(), 0, Duration.ofNanos(System.nanoTime() - started));
        }
        long blockSize = jdbc.queryForObject("SELECT current_setting('block_size')::bigint", Long.class);
        long blocksLeft = budget / blockSize;
        List<Relation> read = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        long bytes = 0;
        for (String relation : relations()) {
            long blocks = jdbc.queryForObject("SELECT pg_relation_size(?::regclass) / ?", Long.class, relation, blockSize);
            if (blocks == 0) {
                continue;
            }
            if (blocksLeft == 0) {
                leftOut.add(relation);
                continue;
            }
            long done = jdbc.queryForObject("SELECT pg_prewarm(?::regclass, 'read', 'main', 0, ?)",
                    Long.class, relation, Math.min(blocks, blocksLeft) - 1);
            blocksLeft -= done;
            bytes += done * blockSize;
            bytesRead.addAndGet(done * blockSize);
            read.add(new Relation(relation, blocks, done));
        }
        return new Prewarm(true, budget, read, leftOut, bytes, Duration.ofNanos(System.nanoTime() - started));
    }

    /** The active tables behind {@link #VIEWS}, each preceded by nothing but indexes: all the indexes, then the tables. */
    private List<String> relations() {
        Map<String, Integer> generations = rebuilds.generations();
        Map<String, String> tables = new HashMap<>();
        for (RebuildableReadModel model : RebuildableReadModel.values()) {
            model.views().forEach(view -> tables.put(view,
                    RebuildableReadModel.table(view, generations.get(model.modelName()))));
        }
        List<String> indexes = new ArrayList<>();
        List<String> heaps = new ArrayList<>();
        for (String view : VIEWS) {
            String table = tables.get(view);
            indexes.addAll(jdbc.queryForList("SELECT indexrelid::regclass::text FROM pg_index"
                    + " WHERE indrelid = ?::regclass ORDER BY indisprimary DESC, indexrelid", String.class, table));
            heaps.add(table);
        }
        indexes.addAll(heaps);
        return indexes;
    }

    private boolean extensionInstalled() {
        try {
            jdbc.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm");
            return true;
        } catch (DataAccessException e) {
            LOG.info("The read models are not prewarmed: PostgreSQL's pg_prewarm extension could not be installed ({})",
                    e.getMostSpecificCause().getMessage());
            return false;
        }
    }

    @PreDestroy
    void shutDown() {
        worker.shutdownNow();
    }
}
