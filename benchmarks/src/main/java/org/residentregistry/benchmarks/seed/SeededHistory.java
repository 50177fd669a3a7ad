package org.residentregistry.benchmarks.seed;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.residentregistry.benchmarks.prefecture.Name;
import org.residentregistry.benchmarks.prefecture.Notification;
import org.residentregistry.core.identity.Address;
import org.residentregistry.core.identity.ChangeReason;
import org.residentregistry.core.identity.IdentityEvent;
import org.residentregistry.core.identity.IdentityNotification;
import org.residentregistry.core.identity.IdentityRecord;
import org.residentregistry.core.identity.PersonName;
import org.residentregistry.core.identity.ResidentModified;
import org.residentregistry.core.identity.ResidentRecorded;
import org.residentregistry.core.notification.NotificationKey;

/**
 * One resident's history as the identity file holds it once the server has applied the resident's notifications
 * in order: the record notification of the initial load, then 転居 of the municipality holding the record. These
 * are the events {@code ResidentIdentity} makes for them (a first record: {@link ResidentRecorded} at version 1
 * taken over from nobody; a modification by the holder: {@link ResidentModified} at the next version), received
 * {@link #DELIVERY} after they were sent. Other reasons are refused rather than guessed: what the aggregate would
 * decide for them is not this class's to repeat.
 */
record SeededHistory(List<IdentityEvent> events) {

    /** How long after a municipal server stamps a notification the registry receives it. */
    static final Duration DELIVERY = Duration.ofSeconds(1);

    static SeededHistory of(List<Notification> notifications) {
        List<IdentityEvent> events = new ArrayList<>(notifications.size());
        for (Notification sent : notifications) {
            IdentityNotification n = identityNotification(sent);
            Instant receivedAt = sent.notifiedAt().toInstant().plus(DELIVERY);
            int version = events.size() + 1;
            if (version == 1 && n.changeReason() == ChangeReason.MOVE_IN) {
                events.add(new ResidentRecorded(n.residentCode(), version, n, receivedAt, null));
            } else if (version > 1 && n.changeReason() == ChangeReason.MOVE_WITHIN) {
                events.add(new ResidentModified(n.residentCode(), version, n, receivedAt));
            } else {
                throw new IllegalArgumentException("the seeder writes a MOVE_IN followed by MOVE_WITHINs, not "
                        + n.changeReason() + " at version " + version);
            }
        }
        return new SeededHistory(List.copyOf(events));
    }

    /** The notification as the server reads it from the request body the synthetic one makes. */
    static IdentityNotification identityNotification(Notification n) {
        return new IdentityNotification(new NotificationKey(n.municipalityCode(), n.updateSequence()),
                n.residentCode(), n.previousResidentCode(), ChangeReason.valueOf(n.changeReason().name()),
                n.changeDate(), n.notifiedAt(), n.operatorId(), n.terminalId(),
                new IdentityRecord(name(n.name()), name(n.formerSurname()), n.birthDate(), n.sex(),
                        new Address(n.address().text(), n.address().oazaCode(), n.address().gaijiCount(),
                                n.address().gaijiChangeSeq()),
                        n.individualNumber(), n.gaijiFlag()));
    }

    private static PersonName name(Name name) {
        return name == null ? null : new PersonName(name.kanji(), name.kana(), name.gaijiCount(), name.gaijiChangeSeq());
    }

    /** Masked: the events are personal data. */
    @Override
    public String toString() {
        return "SeededHistory[" + events.size() + " events]";
    }
}
