package org.residentregistry.api.relay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.residentregistry.core.relay.DeliveryOutcome;
import org.residentregistry.core.relay.NationalServer;
import org.residentregistry.core.relay.RelayDestination;
import org.residentregistry.core.relay.RelayedChange;
import org.residentregistry.projections.relay.RelayOutbox;
import org.residentregistry.projections.relay.RelayOutbox.Lease;
import org.residentregistry.projections.relay.RelayOutbox.Settlement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox to the national servers — 全国サーバへの送信. Persons are spread over partitions; a node
 * delivers a partition only while it holds its lease, so each person's changes are sent by one node at a time,
 * in order, one change per person per call; partitions are delivered in parallel, and the nodes that relay
 * share them evenly. A change is deleted only once the receiver applied it (now or before): after a crash
 * or a lost lease it is sent again, and the receiver knows it by its key.
 */
public final class RelayWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RelayWorker.class);

    /**
     * How the worker runs; {@code lease} must outlast a call to the receiver (its timeouts). A partition whose
     * call failed as a whole waits by {@code backoff} before its next call.
     */
    public record Settings(Set<RelayDestination> destinations, int batchSize, int threads, Duration pollInterval,
                           Duration lease, RelayOutbox.Backoff backoff) {
    }

    private final RelayOutbox outbox;
    private final NationalServer server;
    private final Settings settings;
    private final String node;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(threads("relay-leases"));
    private final ExecutorService deliveries;
    private final Set<Owned> delivering = ConcurrentHashMap.newKeySet();
    /** Partitions beyond this node's share whose call is still out: given back once it is settled. */
    private final Set<Owned> handingOver = ConcurrentHashMap.newKeySet();
    /** Partitions whose last call failed as a whole: the receiver is down, not the changes wrong. */
    private final Map<Owned, Pause> paused = new ConcurrentHashMap<>();
    private volatile boolean running;

    private record Owned(RelayDestination destination, int partition) {
    }

    private record Pause(int failures, long untilNanos) {
    }

    public RelayWorker(RelayOutbox outbox, NationalServer server, Settings settings, String node) {
        this.outbox = outbox;
        this.server = server;
        this.settings = settings;
        this.node = node;
        this.deliveries = Executors.newFixedThreadPool(settings.threads(), threads("relay-delivery"));
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    public void start() {
        running = true;
        scheduler.scheduleWithFixedDelay(this::round, 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Takes this node's share of the partitions, renews what it holds, and delivers each held partition. */
    private void round() {
        try {
            int nodes = outbox.heartbeat(node, settings.lease());
            for (RelayDestination destination : settings.destinations()) {
                for (int partition : share(destination, nodes)) {
                    Owned owned = new Owned(destination, partition);
                    Pause pause = paused.get(owned);
                    if ((pause == null || System.nanoTime() >= pause.untilNanos()) && delivering.add(owned)) {
                        deliveries.execute(() -> deliver(owned));
                    }
                }
            }
        } catch (RuntimeException databaseUnavailable) {
            // Tried again at the next round; the type says enough, and a message could quote data.
            LOG.warn("Relay round failed: {}", databaseUnavailable.getClass().getName());
        }
    }

    /** The partitions this node holds after taking or giving back what makes its share 1/{@code nodes}. */
    private List<Integer> share(RelayDestination destination, int nodes) {
        List<Lease> leases = outbox.leases(destination);
        int fairShare = (leases.size() + nodes - 1) / nodes;
        List<Integer> wanted = new ArrayList<>();
        List<Integer> extras = new ArrayList<>();
        for (Lease lease : leases) {
            if (node.equals(lease.owner()) && lease.live()) {
                Owned owned = new Owned(destination, lease.partition());
                if (wanted.size() < fairShare) {
                    handingOver.remove(owned);
                    wanted.add(lease.partition());
                } else if (delivering.contains(owned)) {
                    // Given back only once its call is settled, so that no other node sends the same changes meanwhile.
                    handingOver.add(owned);
                } else {
                    handingOver.remove(owned);
                    extras.add(lease.partition());
                }
            }
        }
        for (Lease lease : leases) {
            if (wanted.size() < fairShare && !lease.live()) {
                wanted.add(lease.partition());
            }
        }
        if (!extras.isEmpty()) {
            outbox.release(destination, extras, node);
        }
        return wanted.isEmpty() ? wanted : outbox.claim(destination, wanted, node, settings.lease());
    }

    /**
     * Sends a partition's ready changes, call after call, until none is ready, the lease is lost, or a call fails
     * as a whole: then the partition pauses, and its changes are left as they were (no write per change while
     * the receiver is down), so that once it is back they go at full speed.
     */
    private void deliver(Owned owned) {
        try {
            while (running && !handingOver.contains(owned)) {
                List<RelayedChange> changes = outbox.ready(owned.destination(), owned.partition(), settings.batchSize());
                if (changes.isEmpty()) {
                    return;
                }
                List<DeliveryOutcome> outcomes = send(owned.destination(), changes);
                if (outcomes.stream().allMatch(DeliveryOutcome.Failed.class::isInstance)) {
                    pause(owned);
                    return;
                }
                paused.remove(owned);
                if (!outbox.settle(owned.destination(), owned.partition(), node, settlements(changes, outcomes))) {
                    return;
                }
            }
        } catch (RuntimeException databaseUnavailable) {
            LOG.warn("Relay delivery failed: {}", databaseUnavailable.getClass().getName());
        } finally {
            delivering.remove(owned);
        }
    }

    private List<DeliveryOutcome> send(RelayDestination destination, List<RelayedChange> changes) {
        try {
            return server.deliver(destination, changes);
        } catch (RuntimeException unreachable) {
            return changes.stream().<DeliveryOutcome>map(c -> new DeliveryOutcome.Failed(unreachable.getClass().getSimpleName())).toList();
        }
    }

    /** The next wait: {@code initial} × 2^(failures − 1), at most {@code max}, drawn between half and all of it. */
    private void pause(Owned owned) {
        int failures = paused.containsKey(owned) ? paused.get(owned).failures() + 1 : 1;
        long initial = settings.backoff().initial().toNanos();
        long wait = Math.min(settings.backoff().max().toNanos(), initial << Math.min(failures - 1, 30));
        long jittered = (long) (wait * (0.5 + ThreadLocalRandom.current().nextDouble() / 2));
        paused.put(owned, new Pause(failures, System.nanoTime() + jittered));
    }

    private static List<Settlement> settlements(List<RelayedChange> changes, List<DeliveryOutcome> outcomes) {
        List<Settlement> settlements = new ArrayList<>(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            long id = changes.get(i).id();
            settlements.add(settlement(id, outcomes.get(i)));
        }
        return settlements;
    }

    private static Settlement settlement(long id, DeliveryOutcome outcome) {
        if (outcome instanceof DeliveryOutcome.Failed failed) {
            return new RelayOutbox.Retry(id, failed.reason());
        }
        if (outcome instanceof DeliveryOutcome.Rejected rejected) {
            return new RelayOutbox.Park(id, rejected.reason());
        }
        return new RelayOutbox.Delivered(id);
    }

    /** Stops delivering and hands this node's partitions to the others at once. */
    @Override
    public void close() {
        running = false;
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
            deliveries.shutdownNow();
            deliveries.awaitTermination(10, TimeUnit.SECONDS);
            outbox.leave(node);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException databaseGone) {
            // Its leases expire by themselves.
            LOG.warn("Relay could not give its partitions back: {}", databaseGone.getClass().getName());
        }
    }
}
