package org.residentregistry.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.residentregistry.core.codes.ResidentCode;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How long reconstructing one resident takes on a loaded database (the README's figures): the indexed query of a
 * resident's events, reading them back and choosing the version, as {@code reconstruct} does on its connection.
 * Runs only when given a database: {@code -Dreplay.timing.jdbc-url=jdbc:postgresql://...} (user postgres).
 */
@EnabledIfSystemProperty(named = "replay.timing.jdbc-url", matches = ".+")
class ReconstructTimingIT {

    private static final int WARM_UP = 1_000;
    private static final int MEASURED = 5_000;

    @Test
    void reconstructsOneResidentWithinTenMillisecondsAtP99() throws Exception {
        try (Connection connection = ReadOnlyConnection.open(System.getProperty("replay.timing.jdbc-url"), "postgres", null)) {
            EventStore store = new EventStore(connection, FileEvents.IDENTITY);
            List<ResidentCode> residents = store.sampleOfResidents(WARM_UP + MEASURED);
            long[] nanos = new long[MEASURED];
            Instant now = Instant.now();
            for (int i = 0; i < residents.size(); i++) {
                long started = System.nanoTime();
                ResidentCode code = residents.get(i);
                assertThat(ResidentEvents.decode(code.value(), FileEvents.IDENTITY, store.ofResident(code)).asOf(now)).isPresent();
                if (i >= WARM_UP) {
                    nanos[i - WARM_UP] = System.nanoTime() - started;
                }
            }
            Arrays.sort(nanos);
            double p50 = nanos[MEASURED / 2] / 1e6;
            double p99 = nanos[MEASURED * 99 / 100] / 1e6;
            System.out.printf("reconstruct, %d residents of %d events: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    MEASURED, store.count(), p50, p99, nanos[MEASURED - 1] / 1e6);
            assertThat(p99).isLessThanOrEqualTo(10.0);
        }
    }
}
