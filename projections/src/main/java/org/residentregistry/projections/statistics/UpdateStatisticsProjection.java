package org.residentregistry.projections.statistics;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.residentregistry.core.identity.IdentityEvent;
import org.residentregistry.core.identity.ResidentCodeSuperseded;
import org.residentregistry.projections.ArrayRows;
import org.residentregistry.projections.PendingWrites;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Counts of applied updates by municipality, change reason and day (domain.md §8), and each municipality's
 * highest update sequence, from which its sequence gaps follow. No personal data. Runs in a subscribing processor,
 * so in the transaction that applies the notifications: each is counted exactly once, and the counts of an
 * acknowledged batch are readable at once. A batch comes from one municipality and touches only that municipality's
 * rows, each once, in key order: two batches of the same municipality lock them in the same order and cannot deadlock.
 */
@ProcessingGroup(UpdateStatisticsProjection.PROCESSING_GROUP)
public class UpdateStatisticsProjection {

    public static final String PROCESSING_GROUP = "update-statistics";

    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final String PENDING = UpdateStatisticsProjection.class.getName() + ".pending";

    private final JdbcTemplate jdbc;

    public UpdateStatisticsProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(IdentityEvent event) {
        pending().add(event);
    }

    private List<IdentityEvent> pending() {
        return PendingWrites.in(CurrentUnitOfWork.get(), PENDING, ArrayList::new, this::count);
    }

    private record DayKey(String municipality, String reason, LocalDate day) {
    }

    private record Sequence(long max, long applied) {
        Sequence plus(long sequence) {
            return new Sequence(Math.max(max, sequence), applied + 1);
        }
    }

    /** Adds {@code events} to the counts, in the current transaction. */
    public void count(List<? extends IdentityEvent> events) {
        // Sorted: concurrent batches of one municipality upsert the same rows, and one lock order keeps them apart.
        Map<DayKey, Long> perDay = new TreeMap<>(Comparator.comparing(DayKey::municipality)
                .thenComparing(DayKey::reason).thenComparing(DayKey::day));
        Map<String, Sequence> perMunicipality = new TreeMap<>();
        for (IdentityEvent e : events) {
            if (e instanceof ResidentCodeSuperseded) {
                continue; // the same notification as the new code's ResidentCodeChanged: count it once
            }
            String municipality = e.notification().key().municipalityCode().value();
            perDay.merge(new DayKey(municipality, e.notification().changeReason().name(),
                    LocalDate.ofInstant(e.receivedAt(), JAPAN)), 1L, Long::sum);
            perMunicipality.merge(municipality, new Sequence(e.notification().key().updateSequence(), 1),
                    (a, b) -> a.plus(b.max()));
        }
        ArrayRows.write(jdbc, "INSERT INTO identity_update_statistics (municipality_code, change_reason, day, applied)"
                        + " SELECT * FROM " + ArrayRows.ROWS + " ON CONFLICT (municipality_code, change_reason, day)"
                        + " DO UPDATE SET applied = identity_update_statistics.applied + EXCLUDED.applied",
                List.copyOf(perDay.entrySet()), (entry, values) -> {
                    values.text(entry.getKey().municipality());
                    values.text(entry.getKey().reason());
                    values.date(entry.getKey().day());
                    values.bigint(entry.getValue());
                });
        ArrayRows.write(jdbc, "INSERT INTO municipality_sequence (municipality_code, max_sequence, applied)"
                        + " SELECT * FROM " + ArrayRows.ROWS + " ON CONFLICT (municipality_code) DO UPDATE SET"
                        + " max_sequence = GREATEST(municipality_sequence.max_sequence, EXCLUDED.max_sequence),"
                        + " applied = municipality_sequence.applied + EXCLUDED.applied",
                List.copyOf(perMunicipality.entrySet()), (entry, values) -> {
                    values.text(entry.getKey());
                    values.bigint(entry.getValue().max());
                    values.bigint(entry.getValue().applied());
                });
    }
}
