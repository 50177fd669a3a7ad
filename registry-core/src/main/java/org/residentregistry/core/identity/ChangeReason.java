package org.residentregistry.core.identity;

import java.util.Set;

/**
 * A change reason — 異動事由 — of the identity file (domain.md §2.2), with its category and, for a
 * modification, the record fields it may change.
 */
public enum ChangeReason {
    MOVE_IN(Category.RECORD),
    BIRTH(Category.RECORD),
    EX_OFFICIO_RECORD(Category.RECORD),
    OTHER_RECORD(Category.RECORD),
    MOVE_WITHIN(Category.MODIFY, "address."),
    ADDRESS_REDESIGNATION(Category.MODIFY, "address."),
    NAME_CHANGE(Category.MODIFY, "name.", "formerSurname"),
    FORMER_SURNAME(Category.MODIFY, "formerSurname"),
    INDIVIDUAL_NUMBER_CHANGE(Category.MODIFY, "individualNumber"),
    EX_OFFICIO_CORRECTION(Category.MODIFY, "name.", "formerSurname", "birthDate", "sex", "address.", "individualNumber"),
    RESIDENT_CODE_CHANGE(Category.MODIFY),
    MOVE_OUT(Category.REMOVE),
    DEATH(Category.REMOVE),
    EX_OFFICIO_REMOVAL(Category.REMOVE),
    OTHER_REMOVAL(Category.REMOVE),
    EX_OFFICIO_RESTORATION(Category.RESTORE);

    /** What a change reason does to the record (the table of domain.md §2.2). */
    public enum Category { RECORD, MODIFY, REMOVE, RESTORE }

    private final Category category;
    private final Set<String> changeableFieldPrefixes;

    ChangeReason(Category category, String... changeableFieldPrefixes) {
        this.category = category;
        this.changeableFieldPrefixes = Set.of(changeableFieldPrefixes);
    }

    public Category category() {
        return category;
    }

    /**
     * Whether a modification for this reason may change the field at {@code path} (as named by
     * {@link IdentityRecord#changedFields}). The gaiji flag follows the name and address it describes, so
     * every modification may change it.
     */
    public boolean mayChange(String path) {
        return path.equals(IdentityRecord.GAIJI_FLAG)
                || changeableFieldPrefixes.stream().anyMatch(path::startsWith);
    }
}
