package org.residentregistry.api.statistics;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.residentregistry.api.problem.FieldErrors;
import org.residentregistry.projections.statistics.UpdateStatisticsQueries;
import org.residentregistry.projections.statistics.UpdateStatisticsQueries.UpdateCount;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Statistics for the prefecture's reports (domain.md §8): counts of applied updates by municipality, change
 * reason and day. An addition to the interface, for administrators; it carries no personal data. The counts are
 * written in the transaction that applies the notifications, so an acknowledged batch is counted.
 */
@RestController
class StatisticsController {

    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final int MAX_DAYS = 366;

    private final UpdateStatisticsQueries statistics;

    StatisticsController(UpdateStatisticsQueries statistics) {
        this.statistics = statistics;
    }

    /** Days from {@code from} to {@code to} (default: the last 31 days up to today), at most a year. */
    @GetMapping("/api/v1/admin/statistics/updates")
    UpdateStatistics updates(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        LocalDate last = to == null ? LocalDate.now(JAPAN) : to;
        LocalDate first = from == null ? last.minusDays(30) : from;
        FieldErrors errors = new FieldErrors();
        if (first.isAfter(last) || first.plusDays(MAX_DAYS).isBefore(last)) {
            errors.add("from", FieldErrors.INVALID_VALUE, "must be on or before to, and at most " + MAX_DAYS + " days before it");
        }
        errors.throwIfAny();
        List<UpdateCount> rows = statistics.updates(first, last);
        return new UpdateStatistics(first, last, rows.stream().mapToLong(UpdateCount::applied).sum(), rows);
    }

    record UpdateStatistics(LocalDate from, LocalDate to, long total, List<UpdateCount> updates) {
    }
}
