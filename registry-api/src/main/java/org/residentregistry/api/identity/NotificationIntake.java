package org.residentregistry.api.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.lock.DeadlockException;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.residentregistry.api.eventstore.PrefetchingJdbcEventStorageEngine;
import org.residentregistry.core.codes.IndividualNumber;
import org.residentregistry.core.identity.ApplyIdentityNotification;
import org.residentregistry.core.identity.IdentityNotification;
import org.residentregistry.core.notification.NotificationOutcome;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies a municipal server's batch in one database transaction: every command of the batch runs in one
 * Axon unit of work, the events and the read models that answer queries are written together, and the
 * commit happens before the answer. A conflict with another transaction (the same resident, the same key or
 * the same individual number, on this node or another) rolls the whole batch back and runs it again, so the
 * answer always describes what was committed.
 */
@Service
public class NotificationIntake {

    static final int MAX_ATTEMPTS = 8;

    private final CommandGateway commands;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final PrefetchingJdbcEventStorageEngine events;
    private final JdbcNotificationLedger ledger;
    private final JdbcIndividualNumberHolders holders;

    NotificationIntake(CommandGateway commands, TransactionTemplate transactions, Clock clock,
                       PrefetchingJdbcEventStorageEngine events, JdbcNotificationLedger ledger,
                       JdbcIndividualNumberHolders holders) {
        this.commands = commands;
        this.transactions = transactions;
        this.clock = clock;
        this.events = events;
        this.ledger = ledger;
        this.holders = holders;
    }

    public List<NotificationOutcome> apply(List<IdentityNotification> notifications) {
        for (int attempt = 1; ; attempt++) {
            Instant receivedAt = clock.instant();
            try {
                return transactions.execute(status -> applyInOneUnitOfWork(notifications, receivedAt));
            } catch (RuntimeException e) {
                if (!isConflict(e) || attempt == MAX_ATTEMPTS) {
                    throw e;
                }
                backOff(attempt);
            }
        }
    }

    private List<NotificationOutcome> applyInOneUnitOfWork(List<IdentityNotification> notifications, Instant receivedAt) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        ResultMessage<List<NotificationOutcome>> result = unitOfWork.executeWithResult(() -> {
            prefetch(notifications);
            List<NotificationOutcome> outcomes = new ArrayList<>(notifications.size());
            for (IdentityNotification n : notifications) {
                outcomes.add(commands.sendAndWait(new ApplyIdentityNotification(n, receivedAt)));
            }
            return outcomes;
        });
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        }
        return result.getPayload();
    }

    /** What the batch's commands will read, in three queries instead of several per notification. */
    private void prefetch(List<IdentityNotification> notifications) {
        Set<String> residentCodes = new HashSet<>();
        Set<IndividualNumber> numbers = new HashSet<>();
        for (IdentityNotification n : notifications) {
            residentCodes.add(n.residentCode().value());
            if (n.previousResidentCode() != null) {
                residentCodes.add(n.previousResidentCode().value());
            }
            numbers.add(n.record().individualNumber());
        }
        events.prefetch(residentCodes);
        ledger.prefetch(notifications.stream().map(IdentityNotification::key).toList());
        holders.prefetch(numbers);
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
