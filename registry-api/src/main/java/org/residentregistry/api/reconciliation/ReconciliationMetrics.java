package org.residentregistry.api.reconciliation;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.residentregistry.core.reconciliation.DiscrepancyKind;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The discrepancy counts of each municipality's latest completed reconciliation, by file and kind, and its
 * missing update sequences: codes and counts only, no personal data. Read from the database, so every node
 * shows the same figures.
 */
@Component
class ReconciliationMetrics {

    private final JdbcTemplate jdbc;
    private final MultiGauge discrepancies;
    private final MultiGauge missingSequences;

    ReconciliationMetrics(JdbcTemplate jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.discrepancies = MultiGauge.builder("registry.reconciliation.discrepancies")
                .description("Discrepancies in each municipality's latest completed reconciliation, by kind").register(meters);
        this.missingSequences = MultiGauge.builder("registry.reconciliation.missing.sequences")
                .description("Update sequences never applied, as each municipality's latest reconciliation found").register(meters);
    }

    @EventListener(ApplicationReadyEvent.class)
    void refresh() {
        List<MultiGauge.Row<?>> counts = new ArrayList<>();
        List<MultiGauge.Row<?>> missing = new ArrayList<>();
        jdbc.query("SELECT DISTINCT ON (file, municipality_code) file, municipality_code, differing, only_in_municipality,"
                + " only_in_registry, held_by_another_municipality, missing_sequences FROM reconciliation"
                + " WHERE state = 'COMPLETED' ORDER BY file, municipality_code, finished_at DESC", rs -> {
            Tags tags = Tags.of("file", rs.getString(1), "municipality", rs.getString(2));
            // The columns are in the order of the kinds.
            for (DiscrepancyKind kind : DiscrepancyKind.values()) {
                counts.add(MultiGauge.Row.of(tags.and("kind", kind.name()), rs.getLong(3 + kind.ordinal())));
            }
            missing.add(MultiGauge.Row.of(tags, rs.getLong(7)));
        });
        discrepancies.register(counts, true);
        missingSequences.register(missing, true);
    }
}
