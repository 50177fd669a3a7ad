package org.residentregistry.api.identity;

import java.util.function.Consumer;
import java.util.function.Supplier;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * State kept for the length of one unit of work (one batch of notifications), flushed to the database when
 * the unit of work prepares to commit: in the same transaction as the events, in one JDBC batch.
 */
final class UnitOfWorkScope {

    private UnitOfWorkScope() {
    }

    /** The current root unit of work's {@code key} resource, created (and its flush registered) on first use. */
    static <S> S of(String key, Supplier<S> create, Consumer<S> flush) {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(key, k -> {
            S scope = create.get();
            root.onPrepareCommit(u -> flush.accept(scope));
            return scope;
        });
    }
}
