package org.residentregistry.core.retention;

import java.util.List;

/**
 * What retention erases of one person's entry now: the whole entry (a removed person — 消除者 — whose period has
 * ended), or some superseded versions, or nothing.
 *
 * @param wholeEntry whether the whole entry goes, every version included
 * @param versions   the versions erased, ascending (with {@code wholeEntry}: every version held)
 */
public record Erasure(boolean wholeEntry, List<Integer> versions) {

    public Erasure {
        versions = List.copyOf(versions);
    }

    public static Erasure none() {
        return new Erasure(false, List.of());
    }

    public boolean isEmpty() {
        return versions.isEmpty();
    }
}
