package org.residentregistry.benchmarks.suite.rebuild;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.residentregistry.benchmarks.suite.environment.Database;
import org.residentregistry.benchmarks.suite.environment.RegistryHttp;

/**
 * The server's own rebuild of the identity file's read models, started and followed through the admin API on the
 * loaded registry, nothing else running: the whole event store replayed into a new generation and switched to.
 * Events per second are the store's events over the wall time from the request to the completed switch.
 */
public final class RebuildBenchmark {

    /** The identity file's read models (identity_current, identity_version), as the server names them. */
    static final String READ_MODEL = "identity-file";
    private static final Duration POLL = Duration.ofMillis(100);

    /** What one rebuild took. */
    public record Result(long events, Duration wall, int generation) {
        public double perSecond() {
            return events / Math.max(1e-9, wall.toNanos() / 1e9);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Status(String id, String state, int generation) {
    }

    private RebuildBenchmark() {
    }

    public static Result run(RegistryHttp http, String adminToken, Database database)
            throws IOException, InterruptedException, SQLException {
        long events = database.queryLong("SELECT count(*) FROM domain_event_entry");
        String rebuilds = "/api/v1/admin/read-models/" + READ_MODEL + "/rebuilds";
        long start = System.nanoTime();
        Status status = http.post(rebuilds, adminToken, new byte[0]).expect(202, "starting a rebuild").read(Status.class);
        while (!"COMPLETED".equals(status.state())) {
            if (!"RUNNING".equals(status.state())) {
                throw new IllegalStateException("the rebuild ended " + status.state());
            }
            Thread.sleep(POLL.toMillis());
            status = http.get(rebuilds + "/" + status.id(), adminToken).expect(200, "following the rebuild")
                    .read(Status.class);
        }
        return new Result(events, Duration.ofNanos(System.nanoTime() - start), status.generation());
    }
}
