package org.residentregistry.projections;

import java.util.function.Consumer;
import java.util.function.Supplier;

import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Writes gathered over a unit of work and flushed once, in one JDBC batch, when it prepares to commit: in the
 * same transaction as the work, at a fraction of the cost of one statement per event or per notification.
 */
public final class PendingWrites {

    private PendingWrites() {
    }

    /**
     * The {@code key} resource of {@code unitOfWork}: created by {@code create} on first use, and handed to
     * {@code flush} when that unit of work prepares to commit.
     */
    public static <S> S in(UnitOfWork<?> unitOfWork, String key, Supplier<S> create, Consumer<S> flush) {
        return unitOfWork.getOrComputeResource(key, k -> {
            S pending = create.get();
            unitOfWork.onPrepareCommit(u -> flush.accept(pending));
            return pending;
        });
    }
}
