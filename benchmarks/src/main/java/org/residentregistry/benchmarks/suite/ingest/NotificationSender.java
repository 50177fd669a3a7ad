package org.residentregistry.benchmarks.suite.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.residentregistry.benchmarks.prefecture.NotificationBatch;
import org.residentregistry.benchmarks.prefecture.NotificationJson;
import org.residentregistry.benchmarks.suite.environment.Accounts;
import org.residentregistry.benchmarks.suite.environment.RegistryHttp;
import org.residentregistry.benchmarks.suite.measure.Latencies;

/**
 * Sends notification batches to {@code POST /api/v1/identity/notifications} as each municipality's server does:
 * with that municipality's account, and again when it got no answer or a 503 (nothing was applied then; a resend
 * is what domain.md §2.3 expects of a CS). Records each answered batch's latency, from the first byte sent to the
 * last received, the JSON already written.
 */
public final class NotificationSender {

    private static final String PATH = "/api/v1/identity/notifications";
    private static final int ATTEMPTS = 5;
    private static final Duration PAUSE_BEFORE_RESENDING = Duration.ofSeconds(1);

    private final RegistryHttp http;
    private final Accounts accounts;
    private final NotificationJson json = new NotificationJson();
    private final Histogram latencies = Latencies.histogram();
    private final AtomicLong resends = new AtomicLong();

    /** The body of a 200: one result per item, in order. */
    private record Results(List<Outcome> results) {
    }

    /** A problem document's summary; its other members could echo input, so they stay unread. */
    private record Problem(String title, String detail) {
    }

    public NotificationSender(RegistryHttp http, Accounts accounts) {
        this.http = http;
        this.accounts = accounts;
    }

    /** The outcomes of the batch's notifications, in their order. */
    public List<Outcome> send(NotificationBatch batch) throws IOException, InterruptedException {
        byte[] body = json.bytes(batch);
        String token = accounts.municipalServerToken(batch.notifications().get(0).municipalityCode());
        for (int attempt = 1; ; attempt++) {
            try {
                long start = System.nanoTime();
                RegistryHttp.Reply reply = http.post(PATH, token, body);
                if (reply.status() == 200) {
                    latencies.recordValue(Latencies.microsSince(start));
                    List<Outcome> outcomes = reply.read(Results.class).results();
                    if (outcomes.size() != batch.notifications().size()) {
                        throw new IllegalStateException(outcomes.size() + " results for "
                                + batch.notifications().size() + " notifications");
                    }
                    return outcomes;
                }
                if (reply.status() != 503 || attempt == ATTEMPTS) {
                    throw new IllegalStateException("a batch of " + batch.notifications().size()
                            + " notifications got HTTP " + reply.status() + ": " + summary(reply));
                }
            } catch (IOException noAnswer) {
                if (attempt == ATTEMPTS) {
                    throw noAnswer;
                }
            }
            resends.incrementAndGet();
            Thread.sleep(PAUSE_BEFORE_RESENDING.toMillis());
        }
    }

    private static String summary(RegistryHttp.Reply reply) {
        try {
            Problem problem = reply.read(Problem.class);
            return problem.title() + " (" + problem.detail() + ")";
        } catch (UncheckedIOException notJson) {
            return "no problem document";
        }
    }

    public Latencies latencies() {
        return Latencies.of(latencies);
    }

    /** Batches sent again after a 503 or no answer. */
    public long resends() {
        return resends.get();
    }
}
