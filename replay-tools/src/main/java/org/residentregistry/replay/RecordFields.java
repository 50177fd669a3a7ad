package org.residentregistry.replay;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A record's components as (name, value) pairs, in declaration order: one loop prints or compares every field. */
final class RecordFields {

    record Field(String name, Object value) {
    }

    private RecordFields() {
    }

    static List<Field> of(Record record) {
        List<Field> fields = new ArrayList<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            try {
                fields.add(new Field(component.getName(), component.getAccessor().invoke(record)));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("A record's accessor is public and does not throw", e);
            }
        }
        return fields;
    }

    /** The length of the longest component name, to align a column of names. */
    static int widestName(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).mapToInt(c -> c.getName().length()).max().orElse(0);
    }
}
