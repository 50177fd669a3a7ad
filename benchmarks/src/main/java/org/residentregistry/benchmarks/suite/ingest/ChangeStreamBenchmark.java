package org.residentregistry.benchmarks.suite.ingest;

import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.residentregistry.benchmarks.prefecture.Dispatch;
import org.residentregistry.benchmarks.prefecture.Dispatch.Delivery;
import org.residentregistry.benchmarks.prefecture.NotificationBatch;
import org.residentregistry.benchmarks.prefecture.NotificationBatcher;
import org.residentregistry.benchmarks.prefecture.SyntheticPrefecture;
import org.residentregistry.benchmarks.suite.environment.Accounts;
import org.residentregistry.benchmarks.suite.environment.RegistryHttp;
import org.residentregistry.benchmarks.suite.measure.Latencies;
import org.residentregistry.benchmarks.suite.measure.Progress;
import org.residentregistry.core.codes.MunicipalityCode;

/**
 * The days after the initial load through the API: moves, births, deaths, name changes, readdressings, resends
 * and late arrivals, batched as municipal servers send them (a batch at least every hour). Every answer is held
 * against what the generator knows each notification to be: a first sending is applied, a resend is a
 * {@code DUPLICATE}, a late one is rejected {@code OUT_OF_ORDER}.
 *
 * <p>Batches go out in the order the municipalities send them, several at once, but never two of one
 * municipality at the same time, and a batch overtakes others only by less than the time a CS holds a batch back:
 * the rules order one municipality's notifications (domain.md §2.3), and the generator's notifications of
 * different municipalities about one resident lie at least a night apart.
 */
public final class ChangeStreamBenchmark {

    /** How far, on the notifications' clock, a batch may overtake batches sent before it. */
    private static final Duration OVERTAKING = NotificationBatcher.CHANGES_WAIT;

    /** A batch and, item by item, how the generator sent each notification in it. */
    private record SentBatch(NotificationBatch batch, List<Delivery> deliveries) {
        MunicipalityCode municipality() {
            return batch.notifications().get(0).municipalityCode();
        }

        OffsetDateTime opened() {
            return batch.notifications().get(0).notifiedAt();
        }
    }

    /** How the answers to each kind of sending came out. */
    public record Result(int days, int clients, long notifications, long batches, Duration wall,
                         Latencies batchLatencies, Map<Delivery, Map<Outcome, Long>> outcomes, long resends) {

        public double perSecond() {
            return notifications / (wall.toNanos() / 1e9);
        }

        public long sent(Delivery delivery) {
            return outcomes.getOrDefault(delivery, Map.of()).values().stream().mapToLong(Long::longValue).sum();
        }

        /** Answers other than the one expected of their kind of sending. */
        public long unexpected() {
            long unexpected = 0;
            for (Map.Entry<Delivery, Map<Outcome, Long>> kind : outcomes.entrySet()) {
                for (Map.Entry<Outcome, Long> answer : kind.getValue().entrySet()) {
                    if (!answer.getKey().equals(expected(kind.getKey()))) {
                        unexpected += answer.getValue();
                    }
                }
            }
            return unexpected;
        }
    }

    private ChangeStreamBenchmark() {
    }

    /** What the registry must answer to a notification sent this way (domain.md §2.2–2.3). */
    public static Outcome expected(Delivery delivery) {
        return switch (delivery) {
            case FIRST -> Outcome.APPLIED;
            case RESEND -> Outcome.DUPLICATE;
            case LATE -> Outcome.OUT_OF_ORDER;
        };
    }

    /** Told of each batch as soon as it is answered, on the thread that sent it, before that sends another. */
    @FunctionalInterface
    public interface Acknowledged {
        void answered(NotificationBatch batch, List<Delivery> deliveries, List<Outcome> answers) throws Exception;
    }

    public static Result run(SyntheticPrefecture prefecture, int days, RegistryHttp http, Accounts accounts,
                             int clients, int batchSize) throws InterruptedException, ExecutionException {
        return run(prefecture, days, http, accounts, clients, batchSize, (batch, deliveries, answers) -> { });
    }

    public static Result run(SyntheticPrefecture prefecture, int days, RegistryHttp http, Accounts accounts,
                             int clients, int batchSize, Acknowledged acknowledged)
            throws InterruptedException, ExecutionException {
        List<SentBatch> batches = batches(prefecture.changes(days).toList(), batchSize);
        long notifications = batches.stream().mapToLong(b -> b.deliveries().size()).sum();
        NotificationSender sender = new NotificationSender(http, accounts);
        Map<Delivery, OutcomeCounts> outcomes = new EnumMap<>(Delivery.class);
        for (Delivery d : Delivery.values()) {
            outcomes.put(d, new OutcomeCounts());
        }
        MunicipalityOrder order = new MunicipalityOrder(batches);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long started = System.nanoTime();
        try (Progress progress = Progress.start("changes, " + days + " days", notifications, "notifications")) {
            List<Future<?>> senders = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                senders.add(pool.submit(() -> {
                    for (SentBatch next = order.take(); next != null; next = order.take()) {
                        try {
                            List<Outcome> answers = sender.send(next.batch());
                            for (int k = 0; k < answers.size(); k++) {
                                outcomes.get(next.deliveries().get(k)).add(answers.get(k));
                            }
                            acknowledged.answered(next.batch(), next.deliveries(), answers);
                            progress.step(answers.size());
                        } catch (Exception e) {
                            order.abandon();
                            throw e;
                        } finally {
                            order.done(next);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> s : senders) {
                s.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - started);
        Map<Delivery, Map<Outcome, Long>> answers = new EnumMap<>(Delivery.class);
        outcomes.forEach((delivery, counts) -> {
            if (!counts.snapshot().isEmpty()) {
                answers.put(delivery, counts.snapshot());
            }
        });
        return new Result(days, clients, notifications, batches.size(), wall, sender.latencies(), answers,
                sender.resends());
    }

    /**
     * The dispatches batched as their municipalities send them, each batch with its items' deliveries: the
     * batcher keeps each municipality's notifications in their order, so a municipality's batches take its
     * deliveries in that order too.
     */
    private static List<SentBatch> batches(List<Dispatch> dispatches, int batchSize) {
        Map<MunicipalityCode, ArrayDeque<Delivery>> deliveries = new HashMap<>();
        for (Dispatch d : dispatches) {
            deliveries.computeIfAbsent(d.notification().municipalityCode(), m -> new ArrayDeque<>())
                    .add(d.delivery());
        }
        List<SentBatch> batches = new ArrayList<>();
        Iterator<NotificationBatch> batcher = new NotificationBatcher(
                dispatches.stream().map(Dispatch::notification).iterator(), batchSize,
                NotificationBatcher.CHANGES_WAIT);
        while (batcher.hasNext()) {
            NotificationBatch batch = batcher.next();
            ArrayDeque<Delivery> ofMunicipality = deliveries.get(batch.notifications().get(0).municipalityCode());
            List<Delivery> items = new ArrayList<>();
            for (int i = 0; i < batch.notifications().size(); i++) {
                items.add(ofMunicipality.poll());
            }
            batches.add(new SentBatch(batch, items));
        }
        return batches;
    }

    /**
     * Hands out batches in order, skipping those of a municipality that has one in flight until it is answered,
     * but none by more than {@link #OVERTAKING}.
     */
    private static final class MunicipalityOrder {
        private final LinkedList<SentBatch> waiting;
        private final Set<MunicipalityCode> inFlight = new HashSet<>();

        private MunicipalityOrder(List<SentBatch> batches) {
            this.waiting = new LinkedList<>(batches);
        }

        /** The earliest batch whose municipality is free, waiting for one; null when all are handed out. */
        synchronized SentBatch take() throws InterruptedException {
            while (!waiting.isEmpty()) {
                OffsetDateTime limit = waiting.getFirst().opened().plus(OVERTAKING);
                Iterator<SentBatch> earliestFirst = waiting.iterator();
                while (earliestFirst.hasNext()) {
                    SentBatch candidate = earliestFirst.next();
                    if (candidate.opened().isAfter(limit)) {
                        break;
                    }
                    if (inFlight.add(candidate.municipality())) {
                        earliestFirst.remove();
                        return candidate;
                    }
                }
                wait();
            }
            return null;
        }

        synchronized void done(SentBatch batch) {
            inFlight.remove(batch.municipality());
            notifyAll();
        }

        /** After a failure: hands out nothing more, so that every sender stops and the failure is reported. */
        synchronized void abandon() {
            waiting.clear();
            notifyAll();
        }
    }
}
