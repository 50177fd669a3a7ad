package org.residentregistry.replay;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A record's components as (name, value) pairs, in declaration order: one loop prints or compares every field. */
final class RecordFields {

    record Field(String name, Object value) {
    }

    private record Accessor(String name, MethodHandle getter) {
    }

    /** Method handles, found once per record type: check-projections reads every field of millions of rows. */
    private static final ClassValue<List<Accessor>> ACCESSORS = new ClassValue<>() {
        @Override
        protected List<Accessor> computeValue(Class<?> type) {
            return Arrays.stream(type.getRecordComponents()).map(component -> {
                try {
                    return new Accessor(component.getName(), MethodHandles.publicLookup().unreflect(component.getAccessor())
                            .asType(MethodType.methodType(Object.class, Object.class)));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("A record's accessors are public", e);
                }
            }).toList();
        }
    };

    private RecordFields() {
    }

    static List<Field> of(Record record) {
        List<Accessor> accessors = ACCESSORS.get(record.getClass());
        List<Field> fields = new ArrayList<>(accessors.size());
        for (Accessor accessor : accessors) {
            try {
                fields.add(new Field(accessor.name(), (Object) accessor.getter().invokeExact((Object) record)));
            } catch (Throwable e) {
                throw new IllegalStateException("A record's accessor does not throw", e);
            }
        }
        return fields;
    }

    static List<String> names(Class<? extends Record> type) {
        return ACCESSORS.get(type).stream().map(Accessor::name).toList();
    }

    /** The length of the longest component name, to align a column of names. */
    static int widestName(Class<? extends Record> type) {
        return names(type).stream().mapToInt(String::length).max().orElse(0);
    }
}
