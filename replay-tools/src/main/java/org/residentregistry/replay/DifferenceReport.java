package org.residentregistry.replay;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;

/** Where check-projections reports: differences as they are found (a table or a JSON array), then a summary. */
abstract sealed class DifferenceReport implements AutoCloseable {

    /** What was compared (the events of a scope of residents with the read models named), and how fast. */
    record Summary(String scope, String readModels, long residents, long events, long differences, double seconds,
                   long eventsPerSecond) {
    }

    private long differences;

    static DifferenceReport of(OutputFormat format, PrintWriter out) throws IOException {
        return format.json() ? new Json(out) : new Plain(out);
    }

    final void add(List<Difference> found) throws IOException {
        for (Difference difference : found) {
            differences++;
            write(difference);
        }
    }

    final long differences() {
        return differences;
    }

    abstract void write(Difference difference) throws IOException;

    abstract void summary(Summary summary) throws IOException;

    @Override
    public void close() throws IOException {
    }

    private static final class Plain extends DifferenceReport {

        private static final int RESIDENT_CODE_WIDTH = 11;
        private static final int FIELD_WIDTH = Arrays.stream(RegistryFile.values())
                .mapToInt(file -> RecordFields.widestName(file.events.rowType)).max().orElseThrow();
        /** Enough for most values; a longer one (an address) pushes the read model's value to the right. */
        private static final int VALUE_WIDTH = 24;

        private final PrintWriter out;
        private Table table;

        Plain(PrintWriter out) {
            this.out = out;
        }

        @Override
        void write(Difference d) {
            if (table == null) {
                table = new Table(out, new String[] {"resident code", "field", "from events", "read model"},
                        RESIDENT_CODE_WIDTH, FIELD_WIDTH, VALUE_WIDTH);
            }
            table.row(d.residentCode(), d.field(), d.fromEvents(), d.readModel());
        }

        @Override
        void summary(Summary s) {
            if (table != null) {
                out.println();
            }
            out.printf("%s: %d resident codes, %d events compared with %s in %.1f s (%d events/s): %s%n", s.scope(),
                    s.residents(), s.events(), s.readModels(), s.seconds(), s.eventsPerSecond(),
                    s.differences() == 0 ? "no difference" : s.differences() + " difference(s)");
        }
    }

    /** {@code {"differences": [...], "summary": {...}}}, the array written as it grows. */
    private static final class Json extends DifferenceReport {

        private final PrintWriter out;
        private final JsonGenerator json;

        Json(PrintWriter out) throws IOException {
            this.out = out;
            json = JsonOutput.stream(out);
            json.writeStartObject();
            json.writeArrayFieldStart("differences");
        }

        @Override
        void write(Difference difference) throws IOException {
            json.writeObject(difference);
        }

        @Override
        void summary(Summary summary) throws IOException {
            json.writeEndArray();
            json.writeObjectField("summary", summary);
            json.writeEndObject();
        }

        @Override
        public void close() throws IOException {
            json.close();
            out.println();
        }
    }
}
