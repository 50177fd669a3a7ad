package org.residentregistry.replay;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Compares what one resident's events make of a file's read models with what they hold: the current row field by
 * field (identity_current, overseas_current) and the number of versions (identity_version, overseas_version: one
 * row per event).
 */
final class ProjectionCheck {

    private static final String ABSENT = "(absent)";

    private ProjectionCheck() {
    }

    /**
     * @param events  the resident code's events, empty when the read models hold a code the store does not
     * @param current its row in the file's current table, null when there is none
     */
    static <E> List<Difference> differences(ResidentEvents<E> events, Record current, int versionRows) {
        String code = events.residentCode();
        List<Difference> differences = new ArrayList<>();
        Record expected = events.current().map(events.file().row).orElse(null);
        if (expected == null || current == null) {
            if (expected != current) {
                differences.add(new Difference(code, events.file().currentTable, expected == null ? ABSENT : "a row",
                        current == null ? ABSENT : "a row"));
            }
        } else {
            List<RecordFields.Field> actualFields = RecordFields.of(current);
            List<RecordFields.Field> expectedFields = RecordFields.of(expected);
            for (int i = 0; i < expectedFields.size(); i++) {
                Object fromEvents = atDatabasePrecision(expectedFields.get(i).value());
                Object readModel = actualFields.get(i).value();
                if (!Objects.equals(fromEvents, readModel)) {
                    differences.add(new Difference(code, expectedFields.get(i).name(), Text.of(fromEvents), Text.of(readModel)));
                }
            }
        }
        if (events.events().size() != versionRows) {
            differences.add(new Difference(code, events.file().versionTable + " rows", String.valueOf(events.events().size()),
                    String.valueOf(versionRows)));
        }
        return differences;
    }

    /**
     * An event's instant as a timestamptz column holds it: PostgreSQL keeps microseconds, and the driver rounds
     * the nanoseconds of a bound timestamp to the nearest microsecond (half up).
     */
    private static Object atDatabasePrecision(Object value) {
        if (value instanceof Instant instant) {
            return instant.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
        }
        return value;
    }
}
