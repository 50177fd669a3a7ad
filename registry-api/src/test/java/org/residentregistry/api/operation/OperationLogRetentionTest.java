package org.residentregistry.api.operation;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.residentregistry.api.ApiIntegrationTest;
import org.residentregistry.api.TestClock;
import org.residentregistry.api.admin.AdministrationFixture;
import org.residentregistry.api.retention.LogPurgeOutcome;
import org.residentregistry.api.security.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The operation log's retention purge — 操作履歴の保存期間 — called as a purge run calls it, at the test clock's time
 * moved past the period (7 years by default): the rows of the days before it are erased, younger rows kept, a dry run
 * changes nothing and an interrupted purge is finished by the next run.
 */
class OperationLogRetentionTest extends ApiIntegrationTest {

    private static final String ROWS = "SELECT at FROM operation_log WHERE account_id = ? ORDER BY at";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestClock clock;
    @Autowired
    OperationLogRetention retention;

    @Test
    void theDaysBeforeThePeriodAreErasedYoungerRowsKeptAndAnInterruptedPurgeIsFinished() {
        String auditorId = AdministrationFixture.newId("auditor");
        String auditor = administration.account(auditorId, Role.AUDITOR);
        for (int i = 0; i < 3; i++) {
            http.get("/api/v1/audit/operation-log?size=1", auditor).expect(200);
        }
        clock.advance(Duration.ofDays(365));
        try {
            http.get("/api/v1/audit/operation-log?size=1", auditor).expect(200);
        } finally {
            clock.reset();
        }
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.queryForList(ROWS, Timestamp.class, auditorId).size() == 4);
        Instant young = jdbc.queryForList(ROWS, Timestamp.class, auditorId).get(3).toInstant();
        Instant now = clock.instant().atOffset(ZoneOffset.UTC).plus(Period.ofYears(7).plusDays(2)).toInstant();
        // The first day of Japan's calendar still within the period: the rows before it go.
        Instant kept = now.atZone(ZoneId.of("Asia/Tokyo")).minusYears(7).toLocalDate().atStartOfDay(ZoneId.of("Asia/Tokyo"))
                .toInstant();

        long rows = jdbc.queryForObject("SELECT count(*) FROM operation_log", Long.class);
        LogPurgeOutcome dryRun = retention.purgeExpired(now, true);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM operation_log", Long.class)).as("a dry run changes nothing")
                .isEqualTo(rows);
        assertThat(dryRun.entriesErased()).isEqualTo(jdbc.queryForObject("SELECT count(*) FROM operation_log WHERE at < ?",
                Long.class, Timestamp.from(kept)));
        assertThat(dryRun.segmentsErased()).isPositive();

        LogPurgeOutcome interrupted = retention.purge(now, false, 1, 1); // stopped after one row, as by a crash
        assertThat(interrupted.entriesErased()).isEqualTo(1);
        LogPurgeOutcome finished = retention.purgeExpired(now, false);

        assertThat(finished.kind()).isEqualTo("OPERATION_LOG");
        assertThat(interrupted.entriesErased() + finished.entriesErased()).isEqualTo(dryRun.entriesErased());
        assertThat(interrupted.segmentsErased() + finished.segmentsErased()).isEqualTo(dryRun.segmentsErased());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM operation_log WHERE at < ?", Long.class, Timestamp.from(kept)))
                .isZero();
        assertThat(jdbc.queryForList(ROWS, Timestamp.class, auditorId)).extracting(Timestamp::toInstant)
                .as("the row a year younger stays").containsExactly(young);
        assertThat(finished.retainedFromSeq()).isEqualTo(jdbc.queryForObject("SELECT min(seq) FROM operation_log", Long.class));
        assertThat(retention.purgeExpired(now, false).entriesErased()).as("nothing is erased twice").isZero();
    }
}
