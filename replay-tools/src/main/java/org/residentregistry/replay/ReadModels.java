package org.residentregistry.replay;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.residentregistry.projections.RowCursor;

/**
 * A file's read models as the server keeps them (identity_current and identity_version, overseas_current and
 * overseas_version), read back as the rows the projection writes ({@code IdentityRow}, {@code OverseasRow}).
 */
final class ReadModels {

    /** A resident code and how many rows the version table holds for it. */
    record VersionCount(String residentCode, int count) {
    }

    /** Reads one column of a row. */
    private interface Column {
        Object read(ResultSet rows, int index) throws SQLException;
    }

    private final Connection connection;
    private final String selectCurrent;
    private final String countVersions;
    private final Column[] columns;
    private final MethodHandle construct;
    private final MethodHandle residentCode;

    ReadModels(Connection connection, FileEvents<?> file) {
        this.connection = connection;
        RecordComponent[] components = file.rowType.getRecordComponents();
        // The columns are named after the row's components, in their order (IdentityRowTest and OverseasRowTest check
        // that they are the tables' columns), so that a row is read by position.
        this.selectCurrent = "SELECT " + Arrays.stream(components)
                .map(component -> component.getName().replaceAll("([A-Z])", "_$1").toLowerCase())
                .collect(Collectors.joining(", ")) + " FROM " + file.currentTable;
        this.countVersions = "SELECT resident_code, count(*) FROM " + file.versionTable;
        this.columns = Arrays.stream(components).map(component -> column(component.getType())).toArray(Column[]::new);
        try {
            this.construct = MethodHandles.publicLookup().unreflectConstructor(file.rowType.getDeclaredConstructor(
                            Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new)))
                    .asSpreader(Object[].class, components.length)
                    .asType(MethodType.methodType(Object.class, Object.class));
            this.residentCode = MethodHandles.publicLookup().unreflect(components[0].getAccessor())
                    .asType(MethodType.methodType(Object.class, Object.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException("A row type is a public record", e);
        }
    }

    Optional<Record> current(String residentCode) throws SQLException {
        return RowCursor.list(connection, selectCurrent + " WHERE resident_code = ?", this::row, residentCode)
                .stream().findFirst();
    }

    int versionCount(String residentCode) throws SQLException {
        List<VersionCount> counts = RowCursor.list(connection, countVersions + " WHERE resident_code = ? GROUP BY resident_code",
                ReadModels::versionCount, residentCode);
        return counts.isEmpty() ? 0 : counts.get(0).count();
    }

    /** Every current row, in the order of the current table's primary key. */
    RowCursor<Record> currentInResidentOrder() throws SQLException {
        return RowCursor.open(connection, selectCurrent + " ORDER BY resident_code", this::row);
    }

    /** The version count of every resident code, in the order of the version table's primary key. */
    RowCursor<VersionCount> versionCountsInResidentOrder() throws SQLException {
        return RowCursor.open(connection, countVersions + " GROUP BY resident_code ORDER BY resident_code",
                ReadModels::versionCount);
    }

    /** A row's resident code: its first component, in both files. */
    String residentCode(Record row) {
        return (String) call(residentCode, row);
    }

    private static VersionCount versionCount(ResultSet rows) throws SQLException {
        return new VersionCount(rows.getString(1), rows.getInt(2));
    }

    /** A row as stored, by position: looking 29 columns up by name cost a tenth of a whole-store check. */
    private Record row(ResultSet rows) throws SQLException {
        Object[] values = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            values[i] = columns[i].read(rows, i + 1);
        }
        return (Record) call(construct, values);
    }

    /** Calls the row type's constructor or an accessor, (Object) Object handles that throw nothing checked. */
    private static Object call(MethodHandle handle, Object argument) {
        try {
            return handle.invokeExact(argument);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("A record's constructor and accessors throw nothing checked", e);
        }
    }

    /** How a column of a component's type reads: the types the rows' components have. */
    private static Column column(Class<?> type) {
        if (type == String.class) {
            return ResultSet::getString;
        } else if (type == int.class) {
            return ResultSet::getInt;
        } else if (type == long.class) {
            return ResultSet::getLong;
        } else if (type == boolean.class) {
            return ResultSet::getBoolean;
        } else if (type == Integer.class) {
            return (rows, i) -> rows.getObject(i, Integer.class);
        } else if (type == LocalDate.class) {
            return (rows, i) -> rows.getObject(i, LocalDate.class);
        } else if (type == Instant.class) {
            return (rows, i) -> {
                OffsetDateTime at = rows.getObject(i, OffsetDateTime.class);
                return at == null ? null : at.toInstant();
            };
        }
        throw new IllegalStateException("No column reader for " + type.getSimpleName());
    }
}
