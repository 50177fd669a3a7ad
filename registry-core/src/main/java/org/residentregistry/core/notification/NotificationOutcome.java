package org.residentregistry.core.notification;

import java.util.List;

/**
 * What became of one notification: applied (changing the current record, or only the history), a
 * duplicate of one already applied, or rejected with a reason (and, for {@code FIELD_OUT_OF_SCOPE}, the
 * fields).
 */
public record NotificationOutcome(Status status, Effect effect, RejectionReason reason, List<String> fields, Integer version) {

    public enum Status { APPLIED, DUPLICATE, REJECTED }

    public enum Effect { CURRENT_CHANGED, HISTORY_ONLY }

    public static NotificationOutcome applied(Effect effect, int version) {
        return new NotificationOutcome(Status.APPLIED, effect, null, List.of(), version);
    }

    public static NotificationOutcome duplicate(NotificationOutcome original) {
        return new NotificationOutcome(Status.DUPLICATE, original.effect, null, List.of(), original.version);
    }

    public static NotificationOutcome rejected(RejectionReason reason) {
        return new NotificationOutcome(Status.REJECTED, null, reason, List.of(), null);
    }

    public static NotificationOutcome outOfScope(List<String> fields) {
        return new NotificationOutcome(Status.REJECTED, null, RejectionReason.FIELD_OUT_OF_SCOPE, List.copyOf(fields), null);
    }

    public boolean isApplied() {
        return status == Status.APPLIED;
    }
}
