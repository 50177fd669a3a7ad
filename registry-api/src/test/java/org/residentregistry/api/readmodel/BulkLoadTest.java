package org.residentregistry.api.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.axonframework.eventhandling.EventHandler;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.residentregistry.api.ApiIntegrationTest;
import org.residentregistry.api.eventstore.GapSafeJdbcEventStorageEngine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A bulk load's two threads — the reader a batch ahead, the writer — when the load stops while the reader waits to
 * hand over its next batch: cancelled, its server stopping, its read model's write failing, or an event that cannot be
 * read. The load runs a rebuild of the test's own over events of the test's own (more than two batches of them), with
 * a read model of the test's that counts what it is handed.
 */
class BulkLoadTest extends ApiIntegrationTest {

    private static final String MODEL = "bulk-load-test";
    private static final String AGGREGATE = "bulk-load-test";
    /** Two batches of 5,000 and a last one: the reader waits with the third while the second waits to be taken. */
    private static final int EVENTS = 12_000;
    private static final int BATCH = 5_000;
    private static final String LOAD_THREAD = "bulk-load-test";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    DataSource dataSource;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;
    @Autowired
    GapSafeJdbcEventStorageEngine storageEngine;

    private final UUID rebuild = UUID.randomUUID();
    /** The position before the test's events, where the rebuild's load stands. */
    private long start;

    @BeforeEach
    void aRebuildOverEventsOfItsOwn() {
        // A payload type no live processor handles; only the test's read model has a handler for it.
        jdbc.update("INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,"
                + " time_stamp, payload_type, payload_revision, payload, meta_data) SELECT gen_random_uuid()::text, ?, n,"
                + " 'Test', ?, 'java.lang.String', NULL, convert_to('\"read\"', 'UTF8'), convert_to('{}', 'UTF8')"
                + " FROM generate_series(0, ? - 1) AS n", AGGREGATE, Instant.now().toString(), EVENTS);
        start = position(0) - 1;
        jdbc.update("INSERT INTO read_model (name, generation) VALUES (?, 1)", MODEL);
        jdbc.update("INSERT INTO read_model_rebuild (id, read_model, generation, state, requested_by, started_at,"
                + " bulk_position, bulk_gaps) VALUES (?, ?, 2, 'RUNNING', 'bulk-load-test', now(), ?, '{}')", rebuild, MODEL, start);
    }

    @AfterEach
    void remove() {
        jdbc.update("DELETE FROM read_model_rebuild WHERE id = ?", rebuild);
        jdbc.update("DELETE FROM read_model WHERE name = ?", MODEL);
        jdbc.update("DELETE FROM domain_event_entry WHERE aggregate_identifier = ?", AGGREGATE);
    }

    /** The global index of the test's event {@code n}, from 0. */
    private long position(int n) {
        return jdbc.queryForObject("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " AND sequence_number = ?", Long.class, AGGREGATE, n);
    }

    /**
     * Cancelled (a rebuild stopped on this node), or interrupted (the server stopping), while it writes its first batch
     * and the reader has the next two read: the first commits, nothing read ahead is written, and the reader ends.
     */
    @ParameterizedTest
    @ValueSource(strings = {"cancel", "interrupt"})
    void aLoadStoppedWhileTheReaderIsAheadWritesNothingItRead(String stop) {
        Ended ended = load(load -> {
            awaitReaderWaitingToHandOver();
            if (stop.equals("cancel")) {
                load.cancel();
            } else {
                Thread.currentThread().interrupt();
            }
        });

        assertThat(ended.failure()).isNull();
        assertThat(ended.handled()).as("only the batch being written").isEqualTo(BATCH);
        assertThat(ended.position()).isEqualTo(position(BATCH - 1));
        assertThat(ended.completed()).isFalse();
    }

    /** The read model's write fails while the reader waits to hand over: the batch rolls back, the reader ends. */
    @Test
    void aWriteThatFailsEndsTheLoadAndItsReader() {
        IllegalStateException refused = new IllegalStateException("refused by the test's read model");
        Ended ended = load(load -> {
            awaitReaderWaitingToHandOver();
            throw refused;
        });

        assertThat(ended.failure()).isSameAs(refused);
        assertThat(ended.position()).as("nothing committed").isEqualTo(start);
        assertThat(ended.completed()).isFalse();
    }

    /** An event the reader cannot deserialise, after a batch: the batch before it commits, the writer gets the failure. */
    @Test
    void aReadThatFailsReachesTheWriterAfterTheBatchesBeforeIt() {
        jdbc.update("UPDATE domain_event_entry SET payload_type = 'java.lang.Integer', payload = convert_to('{}', 'UTF8')"
                + " WHERE aggregate_identifier = ? AND sequence_number = ?", AGGREGATE, BATCH);
        Ended ended = load(load -> { });

        assertThat(ended.failure()).isInstanceOf(SerializationException.class);
        assertThat(ended.handled()).isEqualTo(BATCH);
        assertThat(ended.position()).isEqualTo(position(BATCH - 1));
        assertThat(ended.completed()).isFalse();
    }

    /** How a load ended: what its read model was handed, its failure, whether it completed, its committed position. */
    private record Ended(int handled, RuntimeException failure, boolean completed, long position) {
    }

    /**
     * Runs a load of the test's rebuild on a thread of its own, {@code atFirst} done on it when its read model is
     * handed the first event; checks that the load and its reader ended.
     */
    private Ended load(Consumer<BulkLoad> atFirst) {
        AtomicReference<BulkLoad> load = new AtomicReference<>();
        Counting readModel = new Counting(() -> atFirst.accept(load.get()));
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        AtomicBoolean completed = new AtomicBoolean();
        load.set(new BulkLoad(dataSource, jdbc, transactions, eventSerializer, storageEngine::settledUpTo, rebuild,
                List.of(), List.of(readModel), readUpTo -> completed.set(true), failure::set));
        Thread thread = new Thread(load.get(), LOAD_THREAD);
        thread.setDaemon(true);
        thread.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> !thread.isAlive());
        assertThat(reader()).as("the reader ended with the load").isNull();
        return new Ended(readModel.handled.get(), failure.get(), completed.get(),
                jdbc.queryForObject("SELECT bulk_position FROM read_model_rebuild WHERE id = ?", Long.class, rebuild));
    }

    /** The load's reader thread, while it lives. */
    private static Thread reader() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(LOAD_THREAD + "-read") && t.isAlive()).findFirst().orElse(null);
    }

    /** Until the reader, a batch ahead (it waits in the queue), blocks handing over the one after it. */
    private static void awaitReaderWaitingToHandOver() {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Thread reader = reader();
            return reader != null && reader.getState() == Thread.State.WAITING && Arrays.stream(reader.getStackTrace())
                    .anyMatch(f -> f.getClassName().equals(ArrayBlockingQueue.class.getName()) && f.getMethodName().equals("put"));
        });
    }

    /** The test's read model: counts the events it is handed, and does {@code atFirst} at the first. */
    static final class Counting {
        private final AtomicInteger handled = new AtomicInteger();
        private final Runnable atFirst;

        Counting(Runnable atFirst) {
            this.atFirst = atFirst;
        }

        @EventHandler
        void on(String event) {
            if (handled.getAndIncrement() == 0) {
                atFirst.run();
            }
        }
    }
}
