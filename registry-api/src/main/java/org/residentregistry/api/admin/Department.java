package org.residentregistry.api.admin;

import java.time.Instant;
import java.util.List;

/**
 * A department of the prefectural government or another executive agency of the prefecture, with the
 * affairs its operators may query for (domain.md §3.1).
 *
 * @param affairs codes of the affairs the department is authorised for
 */
public record Department(String id, String name, Kind kind, List<String> affairs, Instant createdAt) {

    public enum Kind {
        /** A department of the governor's organisation (知事部局): receives transfers. */
        DEPARTMENT,
        /** Another executive agency (執行機関), such as the board of education: receives provisions. */
        EXECUTIVE_AGENCY
    }
}
