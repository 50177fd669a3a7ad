package org.residentregistry.benchmarks.suite.search;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.residentregistry.benchmarks.prefecture.ChangeReason;
import org.residentregistry.benchmarks.prefecture.Dispatch.Delivery;
import org.residentregistry.benchmarks.prefecture.Notification;
import org.residentregistry.benchmarks.prefecture.NotificationBatch;
import org.residentregistry.benchmarks.suite.environment.Accounts;
import org.residentregistry.benchmarks.suite.environment.RegistryHttp;
import org.residentregistry.benchmarks.suite.ingest.ChangeStreamBenchmark;
import org.residentregistry.benchmarks.suite.ingest.Outcome;
import org.residentregistry.benchmarks.suite.measure.Latencies;

/**
 * Issue 4's freshness target (an acknowledged notification findable by search within 1 s) held during a change
 * stream: as soon as a batch is answered, the last notification it applied is searched for by its record's kana,
 * birth date and whole address — the record as that notification made it, so an earlier version would not do — and
 * searched again every {@link #RETRY} until found or {@link #GIVE_UP}. Measured from the answer to the batch to
 * the search that found the resident.
 */
final class Freshness implements ChangeStreamBenchmark.Acknowledged {

    private static final Duration RETRY = Duration.ofMillis(20);
    private static final Duration GIVE_UP = Duration.ofSeconds(5);
    /** Changes after which the person is current with the notification's record (removals are not searched). */
    private static final Set<ChangeReason> LEAVES_CURRENT = EnumSet.of(ChangeReason.MOVE_IN, ChangeReason.BIRTH,
            ChangeReason.MOVE_WITHIN, ChangeReason.ADDRESS_REDESIGNATION, ChangeReason.NAME_CHANGE,
            ChangeReason.INDIVIDUAL_NUMBER_CHANGE);

    /**
     * @param checked      notifications searched for
     * @param firstSearch  of them, found by the first search after the answer
     * @param neverFound   not found within {@link #GIVE_UP}
     * @param untilFound   from the answer to the batch to the answer of the search that found it
     */
    record Result(long checked, long firstSearch, long neverFound, Latencies untilFound) {
    }

    private final RegistryHttp http;
    private final Accounts.Operator operator;
    private final Histogram untilFound = Latencies.histogram();
    private final LongAdder checked = new LongAdder();
    private final LongAdder firstSearch = new LongAdder();
    private final LongAdder neverFound = new LongAdder();

    Freshness(RegistryHttp http, Accounts.Operator operator) {
        this.http = http;
        this.operator = operator;
    }

    @Override
    public void answered(NotificationBatch batch, List<Delivery> deliveries, List<Outcome> answers) throws Exception {
        long acknowledged = System.nanoTime();
        for (int i = answers.size() - 1; i >= 0; i--) {
            if (deliveries.get(i) == Delivery.FIRST && answers.get(i).equals(Outcome.APPLIED)) {
                Notification applied = batch.notifications().get(i);
                if (LEAVES_CURRENT.contains(applied.changeReason())) {
                    find(applied, acknowledged);
                }
                return;
            }
        }
    }

    private void find(Notification applied, long acknowledged) throws Exception {
        checked.increment();
        SearchCriteria search = new SearchCriteria(applied.name().kana(), null, false,
                applied.birthDate().toString(), null, applied.address().text(), null,
                applied.residentCode().value(), "EXACT");
        for (int attempt = 1; ; attempt++) {
            if (SearchBenchmark.search(http, operator, search).holds(search.residentCode())) {
                untilFound.recordValue(Latencies.microsSince(acknowledged));
                if (attempt == 1) {
                    firstSearch.increment();
                }
                return;
            }
            if (System.nanoTime() - acknowledged > GIVE_UP.toNanos()) {
                neverFound.increment();
                return;
            }
            Thread.sleep(RETRY.toMillis());
        }
    }

    Result result() {
        return new Result(checked.sum(), firstSearch.sum(), neverFound.sum(), Latencies.of(untilFound));
    }
}
