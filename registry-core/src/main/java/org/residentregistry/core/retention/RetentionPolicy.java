package org.residentregistry.core.retention;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The retention rule of both files — 保存期間 (domain.md §6). A superseded version is kept until
 * {@code supersededVersion} after the next notification for that person (the one that superseded it); a removed
 * person's entry until {@code removedPerson} after the removal. The current version of a current person is never
 * erased; nor is the last version, which nothing has superseded.
 */
public record RetentionPolicy(RetentionPeriod supersededVersion, RetentionPeriod removedPerson) {

    public RetentionPolicy {
        Objects.requireNonNull(supersededVersion, "supersededVersion");
        Objects.requireNonNull(removedPerson, "removedPerson");
    }

    /** What of the entry whose versions still held are {@code history} has expired at {@code now}. */
    public Erasure expired(List<RetainedVersion> history, Instant now) {
        List<RetainedVersion> versions = history.stream().sorted(Comparator.comparingInt(RetainedVersion::version)).toList();
        if (versions.isEmpty()) {
            return Erasure.none();
        }
        RetainedVersion current = versions.stream().filter(RetainedVersion::changedCurrent)
                .reduce((first, second) -> second).orElse(versions.get(0));
        if (current.removed() && !removedPerson.endOf(current.receivedAt()).isAfter(now)) {
            return new Erasure(true, versions.stream().map(RetainedVersion::version).toList());
        }
        List<Integer> erased = new ArrayList<>();
        for (int i = 0; i + 1 < versions.size(); i++) {
            RetainedVersion version = versions.get(i);
            RetainedVersion next = versions.get(i + 1);
            if (version.version() != current.version() && !supersededVersion.endOf(next.receivedAt()).isAfter(now)) {
                erased.add(version.version());
            }
        }
        return new Erasure(false, erased);
    }
}
