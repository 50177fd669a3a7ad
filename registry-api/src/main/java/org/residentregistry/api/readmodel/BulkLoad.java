package org.residentregistry.api.readmodel;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.LongStream;

import javax.sql.DataSource;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.postgresql.PGStatement;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The bulk phase of a rebuild: the event store read in one ordered pass of {@code global_index} (a streaming query,
 * not Axon's processor event by event), each batch of events handed to the generation's projections (the same
 * handlers, so the same row mapping, as the live projections) in one transaction that also records how far it read.
 *
 * <p>How far it read is a position and the gaps below it, as Axon's gap-safe engine would have made a token of the
 * same read: a missing position is a gap unless it was settled (its transaction ended) before the read began, so an
 * event committed late inside the read range is still read, by a later pass or by the processor that takes over. A
 * pass reads what is above its position and the gaps it keeps; passes repeat until one reads only a few events.
 * Then, in one transaction, the last checks, the secondary indexes, the rows the projections left out, the
 * processing group's tokens (the position and gaps read up to) and the mark {@code loaded_at}; the processor takes
 * over from those tokens. A crash leaves the last committed batch's position and gaps, and the load resumes there.
 */
final class BulkLoad implements Runnable {

    /** Events per transaction: each commits its rows, by COPY, and the position read up to. */
    private static final int BATCH = 5_000;
    /** A pass that read fewer events than this ends the bulk phase: the processor catches up with the rest. */
    private static final int LAST_PASS = 2_000;
    private static final int FETCH_SIZE = 2_000;

    /** What the bulk phase does at its end, in the transaction of its last checks: the indexes, the tokens, the mark. */
    interface Completion {
        void complete(GapAwareTrackingToken readUpTo);
    }

    /**
     * Where a bulk load stands as committed: the position read up to and the gaps below it, both null before the first
     * batch. Any batch that commits events changes one of them (a read past the position moves it, a gap read is
     * removed), so a load that finds them as it left them knows no other node has written since.
     */
    private record Progress(Long position, Long[] gaps) {
    }

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Serializer serializer;
    private final LongSupplier settledPositions;
    private final UUID rebuild;
    private final List<String> tables;
    private final SimpleEventHandlerInvoker projections;
    private final Completion completion;
    private final Consumer<RuntimeException> failed;
    private volatile long position = -1;
    /** The gaps as this load last committed them: what the rebuild's row must still hold for this load to write. */
    private Long[] committedGaps;
    private volatile boolean progressed;
    private volatile boolean completing;
    private volatile boolean cancelled;

    BulkLoad(DataSource dataSource, JdbcTemplate jdbc, TransactionTemplate transactions, Serializer serializer,
             LongSupplier settledPositions, UUID rebuild, List<String> tables, List<Object> projections,
             Completion completion, Consumer<RuntimeException> failed) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.serializer = serializer;
        this.settledPositions = settledPositions;
        this.rebuild = rebuild;
        this.tables = tables;
        // Propagating: a handler's failure must roll its batch back, never be logged and skipped.
        this.projections = SimpleEventHandlerInvoker.builder().eventHandlers(projections)
                .listenerInvocationErrorHandler(PropagatingErrorHandler.instance()).build();
        this.completion = completion;
        this.failed = failed;
    }

    /** The global index read up to and committed, -1 before the first batch. */
    long position() {
        return position;
    }

    /**
     * Whether this load committed a batch that moved it on (events, the position, or the gaps): a failure after it is
     * not one more of a series that makes no headway. A pass that reads nothing new, then fails to complete, is.
     */
    boolean progressed() {
        return progressed;
    }

    /**
     * Whether this load failed in its completion (index builds, derived rows, tokens): a failure there counts
     * whatever the passes before it read, since under ingest every retry's last pass reads a few new events.
     */
    boolean failedCompleting() {
        return completing;
    }

    /**
     * Runs {@code action} in one transaction with this load's claim; answers false, having done nothing, if the claim
     * no longer holds (another node's load has written since this one read or wrote the rebuild's row, or the rebuild
     * ended). Called on the load's own thread, once its run has ended.
     */
    boolean whileClaimed(Runnable action) {
        try {
            transactions.executeWithoutResult(status -> {
                claim(position);
                action.run();
            });
            return true;
        } catch (Superseded e) {
            return false;
        }
    }

    /** Stops the load after the batch being written, if any: nothing read ahead of it is written. */
    void cancel() {
        cancelled = true;
    }

    @Override
    public void run() {
        try {
            // Claimed before the first read: a load another node is completing (or completed) stops here at once.
            Progress progress = transactions.execute(status -> claimed());
            Long expected = progress.position();
            committedGaps = progress.gaps();
            TreeSet<Long> gaps = new TreeSet<>(committedGaps == null ? List.of() : Arrays.asList(committedGaps));
            if (expected == null) {
                expected = start();
            }
            position = expected;
            int read;
            do {
                read = pass(gaps);
            } while (read >= LAST_PASS && !cancelled);
            if (!cancelled) {
                complete(gaps);
            }
        } catch (RuntimeException e) {
            failed.accept(e);
        }
    }

    /** Empties the generation's tables (a load begins from nothing) and records position -1. */
    private long start() {
        committedGaps = transactions.execute(status -> {
            claim(null);
            tables.forEach(table -> jdbc.execute("TRUNCATE " + table));
            return record(-1, new Long[0]);
        });
        return -1;
    }

    /**
     * One ordered read of what is above the position and of the gaps; answers the events read. The read and the
     * events' deserialisation run on a thread of their own, ahead of this one, which writes them: the two halves of
     * the work overlap (on two cores, the read of the next batch while PostgreSQL copies this one). At most two
     * batches wait besides the one being written: one handed over, one being read.
     */
    private int pass(TreeSet<Long> gaps) {
        long settled = settledPositions.getAsLong();
        long before = position;
        BlockingQueue<Object> handedOver = new ArrayBlockingQueue<>(1);
        AtomicBoolean stop = new AtomicBoolean();
        Thread reader = new Thread(() -> read(settled, before, gaps, handedOver, stop),
                Thread.currentThread().getName() + "-read");
        reader.setDaemon(true);
        reader.start();
        int events = 0;
        boolean ended = false;
        try {
            for (Object next = handedOver.take(); next != END_OF_PASS; next = handedOver.take()) {
                if (cancelled) {
                    // Read ahead of the cancel: left unwritten, the load stops at its last committed batch.
                    return events;
                }
                if (next instanceof RuntimeException failure) {
                    throw failure;
                }
                Batch batch = (Batch) next;
                write(batch);
                events += batch.events().size();
            }
            ended = true;
        } catch (InterruptedException e) {
            // The server is stopping: the load ends here, to resume from its last committed batch.
            Thread.currentThread().interrupt();
            cancelled = true;
        } finally {
            if (!ended) {
                // The reader may be waiting to hand over a batch no one will take.
                stop.set(true);
                handedOver.clear();
                reader.interrupt();
            }
            joinUninterruptibly(reader);
        }
        return events;
    }

    /** What a pass's reader hands over: a batch read and deserialised, and the position and gaps after its last event. */
    private record Batch(List<EventMessage<?>> events, long readUpTo, Long[] gaps) {
    }

    /** Handed over after a pass's last batch. */
    private static final Object END_OF_PASS = new Object();

    /**
     * The reader of a pass: hands over each batch of events above {@code before} and in the gaps, then the last one
     * (possibly empty) with the gaps that remain, then {@link #END_OF_PASS}; or its failure. The settled position is
     * observed before the query's snapshot is taken, so a position at or below it that the query does not see holds no
     * event and never will (rolled back, or purged): only the positions above it can still be filled.
     */
    private void read(long settled, long before, TreeSet<Long> gaps, BlockingQueue<Object> handedOver, AtomicBoolean stop) {
        TreeSet<Long> wanted = new TreeSet<>(gaps);
        List<EventMessage<?>> batch = new ArrayList<>(BATCH);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try (PreparedStatement query = connection.prepareStatement("SELECT global_index, event_identifier, time_stamp,"
                    + " payload_type, payload_revision, payload FROM domain_event_entry"
                    + " WHERE global_index > ? OR global_index = ANY (?) ORDER BY global_index")) {
                Array gapArray = connection.createArrayOf("bigint", wanted.toArray(Long[]::new));
                query.setLong(1, before);
                query.setArray(2, gapArray);
                query.setFetchSize(FETCH_SIZE);
                // Prepared on the server at once, so that the payloads come in binary, not as hex text to decode.
                query.unwrap(PGStatement.class).setPrepareThreshold(-1);
                long last = before;
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next() && !stop.get() && !cancelled) {
                        long index = rs.getLong(1);
                        if (index > last) {
                            LongStream.range(Math.max(last + 1, settled + 1), index).forEach(gaps::add);
                            last = index;
                        } else {
                            gaps.remove(index);
                        }
                        batch.add(message(rs));
                        if (batch.size() == BATCH) {
                            handedOver.put(new Batch(batch, last, gaps.toArray(Long[]::new)));
                            batch = new ArrayList<>(BATCH);
                        }
                    }
                }
                // A gap the query did not see that was settled before it began is lost for good.
                wanted.headSet(settled + 1).forEach(gaps::remove);
                if (!stop.get() && !cancelled) {
                    handedOver.put(new Batch(batch, last, gaps.toArray(Long[]::new)));
                }
            } finally {
                connection.rollback();
            }
            handedOver.put(END_OF_PASS);
        } catch (InterruptedException e) {
            // Stopped by the pass: no one takes what is left.
        } catch (SQLException e) {
            handOver(handedOver, new DataAccessResourceFailureException("The bulk load's read of the event store failed", e));
        } catch (RuntimeException e) {
            handOver(handedOver, e);
        } catch (Error e) {
            handOver(handedOver, new IllegalStateException("The bulk load's read of the event store failed", e));
            throw e;
        }
    }

    /** Hands the reader's failure to the pass, which rethrows it, unless the pass stopped taking. */
    private static void handOver(BlockingQueue<Object> handedOver, RuntimeException failure) {
        try {
            handedOver.put(failure);
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private EventMessage<?> message(ResultSet rs) throws SQLException {
        Object payload = serializer.deserialize(
                new SimpleSerializedObject<>(rs.getBytes(6), byte[].class, rs.getString(4), rs.getString(5)));
        String timestamp = rs.getString(3);
        // Parsed only if a handler asks: none of the projections does.
        return new GenericEventMessage<>(new GenericMessage<>(rs.getString(2), payload, MetaData.emptyInstance()),
                () -> Instant.parse(timestamp));
    }

    /** The batch's rows and the position and gaps read up to, in one transaction. */
    private void write(Batch batch) {
        List<EventMessage<?>> events = batch.events();
        Long[] before = committedGaps;
        committedGaps = transactions.execute(status -> {
            // Rows and position commit together, so a crash loses the last batches whole: no wait for the WAL flush.
            jdbc.execute("SET LOCAL synchronous_commit = off");
            claim(position);
            if (!events.isEmpty()) {
                DefaultUnitOfWork.startAndGet(events.get(0)).execute(() -> events.forEach(this::handle));
            }
            return record(batch.readUpTo(), batch.gaps());
        });
        progressed |= !events.isEmpty() || batch.readUpTo() != position || !Arrays.equals(before, committedGaps);
        position = batch.readUpTo();
    }

    private void handle(EventMessage<?> message) {
        try {
            projections.handle(message, Segment.ROOT_SEGMENT);
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException("A projection failed in a bulk load", e);
        }
    }

    /** The last transaction of the bulk phase: nothing read since the last batch is lost, and the processor takes over. */
    private void complete(TreeSet<Long> gaps) {
        completing = true;
        transactions.executeWithoutResult(status -> {
            claim(position);
            completion.complete(GapAwareTrackingToken.newInstance(position, gaps));
        });
    }

    /**
     * Locks the rebuild's row and checks that it is running, not yet loaded, and that its load stands where this one
     * left it (position and gaps): another node resuming the same rebuild has then not written meanwhile, and will fail
     * this check if this one writes first. The position alone would not do: a batch that only fills gaps, or none,
     * leaves it as it was.
     */
    private void claim(Long expected) {
        Boolean ours = jdbc.queryForObject("SELECT state = 'RUNNING' AND loaded_at IS NULL"
                + " AND bulk_position IS NOT DISTINCT FROM ? AND bulk_gaps IS NOT DISTINCT FROM ?::bigint[]"
                + " FROM read_model_rebuild WHERE id = ? FOR UPDATE", Boolean.class, expected, committedGaps, rebuild);
        if (!Boolean.TRUE.equals(ours)) {
            throw superseded();
        }
    }

    /** Records the position and gaps read up to; answers the gaps as recorded, this load's once the transaction commits. */
    private Long[] record(long readUpTo, Long[] gaps) {
        jdbc.update("UPDATE read_model_rebuild SET bulk_position = ?, bulk_gaps = ? WHERE id = ?", readUpTo, gaps, rebuild);
        return gaps;
    }

    /** The load as committed, its row locked, if it is still running and not yet loaded. */
    private Progress claimed() {
        return jdbc.query("SELECT bulk_position, bulk_gaps FROM read_model_rebuild"
                                + " WHERE id = ? AND state = 'RUNNING' AND loaded_at IS NULL FOR UPDATE",
                        (rs, row) -> new Progress(rs.getObject(1, Long.class),
                                rs.getArray(2) == null ? null : (Long[]) rs.getArray(2).getArray()), rebuild)
                .stream().findFirst().orElseThrow(this::superseded);
    }

    private Superseded superseded() {
        cancelled = true;
        return new Superseded();
    }

    /** The rebuild is no longer this load's to write: finished, failed, or resumed by another node. */
    static final class Superseded extends IllegalStateException {
        Superseded() {
            super("The rebuild's bulk load is no longer this node's to write");
        }
    }
}
