package org.residentregistry.api.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import org.axonframework.common.lock.DeadlockException;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.residentregistry.core.notification.NotificationOutcome;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies a municipal server's batch, of either file, in one database transaction: every notification of the batch is
 * decided in one Axon unit of work, the events and the read models that answer queries are written together, and the
 * commit happens before the answer. Each notification goes straight to its file's handler rather than through Axon's
 * command bus: one handler on the same thread, for which the bus's unit of work, interceptors and correlation
 * metadata per notification cost a tenth of the server's CPU and added nothing. A conflict with another transaction
 * (the same resident, the same key or the same individual number, on this node or another) rolls the whole batch
 * back and runs it again, so the answer always describes what was committed.
 */
@Service
public class NotificationBatches {

    private static final int MAX_ATTEMPTS = 8;

    private final TransactionTemplate transactions;
    private final Clock clock;

    NotificationBatches(TransactionTemplate transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Runs {@code prefetch} (what the batch's decisions will read, in a few queries) and then {@code decide} for each
     * notification and the time of receipt, in order.
     */
    public <N> List<NotificationOutcome> apply(List<N> notifications, Consumer<List<N>> prefetch,
                                               BiFunction<N, Instant, NotificationOutcome> decide) {
        for (int attempt = 1; ; attempt++) {
            Instant receivedAt = clock.instant();
            try {
                return transactions.execute(status -> inOneUnitOfWork(notifications, receivedAt, prefetch, decide));
            } catch (RuntimeException e) {
                if (!isConflict(e) || attempt == MAX_ATTEMPTS) {
                    throw e;
                }
                backOff(attempt);
            }
        }
    }

    private <N> List<NotificationOutcome> inOneUnitOfWork(List<N> notifications, Instant receivedAt,
                                                          Consumer<List<N>> prefetch,
                                                          BiFunction<N, Instant, NotificationOutcome> decide) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        ResultMessage<List<NotificationOutcome>> result = unitOfWork.executeWithResult(() -> {
            prefetch.accept(notifications);
            List<NotificationOutcome> outcomes = new ArrayList<>(notifications.size());
            for (N n : notifications) {
                outcomes.add(decide.apply(n, receivedAt));
            }
            return outcomes;
        });
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        }
        return result.getPayload();
    }

    private static boolean isConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConcurrencyException || t instanceof DuplicateKeyException
                    || t instanceof ConcurrencyFailureException || t instanceof DeadlockException) {
                return true;
            }
        }
        return false;
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L << Math.min(attempt, 6)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while retrying a conflicting batch", e);
        }
    }
}
