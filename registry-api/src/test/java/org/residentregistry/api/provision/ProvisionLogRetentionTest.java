package org.residentregistry.api.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.residentregistry.api.support.Notifications.KAWAGUCHI;
import static org.residentregistry.api.support.Notifications.moveIn;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.residentregistry.api.ApiIntegrationTest;
import org.residentregistry.api.TestClock;
import org.residentregistry.api.admin.AdministrationFixture.Operator;
import org.residentregistry.api.provision.ProvisionLogTables.Finding;
import org.residentregistry.api.retention.LogPurgeOutcome;
import org.residentregistry.api.security.Role;
import org.residentregistry.api.support.Notifications;
import org.residentregistry.projections.provision.CheckpointKey;
import org.residentregistry.projections.provision.ProvisionLogVerification.Reason;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The provision log's retention purge — 提供・移転記録の保存期間 — called as a purge run calls it, at a time
 * past the period (7 years by default): whole expired segments go and a younger one stays, what remains
 * verifies through the auditors' endpoint and the verifier {@code replay-tools verify-log} runs, an interrupted purge
 * verifies and is finished by the next run, and a deletion by hand does not pass for a purge.
 */
class ProvisionLogRetentionTest extends ApiIntegrationTest {

    private static final String VERIFICATION = "/api/v1/audit/provision-log/verification";
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    /** Past the period for every checkpoint the tests write (other tests move the clock a month ahead at most). */
    private static final Period BEYOND_EVERY_PERIOD = Period.ofYears(9);
    private static final String COUNTS = "SELECT (SELECT count(*) FROM provision_log) || ',' || (SELECT count(*) FROM"
            + " provision_log_resident) || ',' || (SELECT count(*) FROM provision_log_checkpoint) || ',' || (SELECT"
            + " count(*) FROM provision_log_purge)";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    CheckpointKey key;
    @Autowired
    TestClock clock;
    @Autowired
    ProvisionLogRetention retention;

    private ProvisionLogTables tables;
    private String auditor;
    private Operator operator;
    private String residentCode;

    @BeforeEach
    void aResidentAnOperatorAndAnAuditor() {
        tables = new ProvisionLogTables(jdbc, dataSource, key);
        auditor = administration.account(Role.AUDITOR);
        operator = administration.operator(false, "IDENTITY");
        Map<String, Object> resident = moveIn(KAWAGUCHI);
        Notifications.send(http, administration.municipalServer(KAWAGUCHI), List.of(resident)).expect(200);
        residentCode = (String) resident.get("residentCode");
    }

    /** A query that hands the resident out: an entry with a resident row. */
    private UUID query() {
        return UUID.fromString(http.get("/api/v1/identity/residents/" + residentCode + "?affair=" + operator.affair(),
                operator.token()).expect(200).header(ProvisionLog.HEADER));
    }

    private boolean logged(UUID entry) {
        return jdbc.queryForObject("SELECT count(*) FROM provision_log WHERE id = ?", Long.class, entry) == 1;
    }

    private JsonNode verification() {
        return http.get(VERIFICATION, auditor).expect(200).json();
    }

    private Instant after(Period period) {
        return clock.instant().atOffset(ZoneOffset.UTC).plus(period).toInstant();
    }

    private Instant checkpointAt(long seq) {
        return jdbc.queryForObject("SELECT at FROM provision_log_checkpoint WHERE seq = ?", Timestamp.class, seq).toInstant();
    }

    private long recordedCut() {
        return jdbc.queryForObject("SELECT max(cut_seq) FROM provision_log_purge", Long.class);
    }

    @Test
    void aPurgeErasesTheExpiredSegmentsKeepsTheYoungerOneAndWhatRemainsVerifies() throws Exception {
        UUID old = query();
        long oldSealed = tables.awaitSealed();
        UUID young = query();
        long youngSealed = tables.awaitSealed();
        // Seven years after an instant between the two checkpoints: the old segment's period has ended, the young one's
        // not. (The writer's clock is not moved: a checkpoint from the future would hold back its interval checkpoints.)
        Instant oldAt = checkpointAt(oldSealed);
        Instant between = oldAt.plus(Duration.between(oldAt, checkpointAt(youngSealed)).dividedBy(2));
        Instant now = between.atZone(JAPAN).plusYears(7).toInstant();

        String before = jdbc.queryForObject(COUNTS, String.class);
        LogPurgeOutcome dryRun = retention.purgeExpired(now, true);
        assertThat(jdbc.queryForObject(COUNTS, String.class)).as("a dry run changes nothing").isEqualTo(before);
        assertThat(logged(old)).isTrue();

        LogPurgeOutcome purged = retention.purgeExpired(now, false);
        assertThat(purged).as("the dry run counted what the purge erased").isEqualTo(dryRun);
        assertThat(purged.kind()).isEqualTo("PROVISION_LOG");
        assertThat(purged.entriesErased()).isPositive();
        assertThat(purged.segmentsErased()).isPositive();
        assertThat(purged.retainedFromSeq()).isEqualTo(oldSealed + 1);
        assertThat(logged(old)).isFalse();
        assertThat(logged(young)).isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM provision_log_resident WHERE seq <= ?", Long.class, oldSealed)).isZero();
        assertThat(jdbc.queryForList("SELECT seq FROM provision_log_checkpoint WHERE seq <= ?", Long.class, oldSealed))
                .as("the checkpoint at the cut stays, for the verification to start from").containsExactly(oldSealed);
        assertThat(jdbc.queryForList("SELECT p::text FROM provision_log_purge p", String.class))
                .noneMatch(row -> row.contains(residentCode));

        JsonNode valid = verification();
        assertThat(valid.get("valid").asBoolean()).as(valid.toString()).isTrue();
        assertThat(valid.get("purgedThrough").asLong()).isEqualTo(oldSealed);
        assertThat(valid.get("entriesChecked").asLong()).isEqualTo(tables.headSeq() - oldSealed);
        assertThat(tables.findingAfter()).as("the verifier verify-log runs").isNull();

        LogPurgeOutcome again = retention.purgeExpired(now, false);
        assertThat(again).isEqualTo(new LogPurgeOutcome("PROVISION_LOG", 0, 0, oldSealed + 1));
    }

    @Test
    void anInterruptedPurgeLeavesALogThatVerifiesAndTheNextRunFinishesIt() throws Exception {
        query();
        tables.awaitSealed();
        UUID last = query();
        long lastSealed = tables.awaitSealed();
        Instant now = after(BEYOND_EVERY_PERIOD);

        LogPurgeOutcome interrupted = retention.purge(now, false, 1, 1); // stopped after its first segment, as by a crash
        assertThat(interrupted.segmentsErased()).isEqualTo(1);
        long cut = recordedCut();
        assertThat(cut).isGreaterThanOrEqualTo(lastSealed);
        assertThat(interrupted.retainedFromSeq()).isLessThanOrEqualTo(lastSealed);
        assertThat(logged(last)).isTrue();
        JsonNode meanwhile = verification();
        assertThat(meanwhile.get("valid").asBoolean()).as(meanwhile.toString()).isTrue();
        assertThat(meanwhile.get("purgedThrough").asLong()).isEqualTo(cut);
        assertThat(tables.findingAfter()).isNull();

        // With the purge recorded, rows it condemned still there and rows after its cut, the database refuses
        // everything but the purge.
        query();
        tables.awaitSealed();
        Map<String, String> provisionLog = Map.of("provision_log", "seq", "provision_log_resident", "seq",
                "provision_log_checkpoint", "seq");
        Map<String, String> logs = new HashMap<>(provisionLog);
        logs.putAll(Map.of("provision_log_purge", "cut_seq", "operation_log", "seq"));
        tables.assertRefused(logs, List.of("UPDATE %1$s SET %2$s = %2$s", "DELETE FROM %1$s", "TRUNCATE %1$s"));
        tables.assertRefused(provisionLog, List.of("SELECT set_config('registry.log_purge', 'provision_log', true);"
                + " DELETE FROM %1$s WHERE %2$s > " + cut));
        assertThatThrownBy(() -> jdbc.queryForObject("SELECT provision_log_erase(?)", Long.class, cut + 1))
                .rootCause().hasMessageContaining("erased only through an expired checkpoint within a recorded purge");

        LogPurgeOutcome finished = retention.purgeExpired(now, false);
        assertThat(finished.entriesErased()).isPositive();
        assertThat(logged(last)).isFalse();
        long finalCut = recordedCut(); // the next run also cut at the checkpoint written since
        assertThat(finalCut).isGreaterThan(cut);
        assertThat(jdbc.queryForObject("SELECT coalesce(min(seq), ?) FROM provision_log", Long.class, finalCut + 1))
                .isEqualTo(finalCut + 1);
        JsonNode valid = verification();
        assertThat(valid.get("valid").asBoolean()).as(valid.toString()).isTrue();
        assertThat(valid.get("purgedThrough").asLong()).isEqualTo(finalCut);
    }

    @Test
    void aDeletionOfTheFirstEntriesByHandIsReportedWhileAPurgeIsNot() throws Exception {
        query();
        tables.awaitSealed();
        retention.purgeExpired(after(BEYOND_EVERY_PERIOD), false);
        long cut = recordedCut();
        query();
        long segment = tables.awaitSealed();
        query();
        tables.awaitSealed();
        assertThat(tables.findingAfter()).isNull();

        // The owner, with the triggers disabled, erases the next segment as a purge would, without a purge.
        String[] eraseTheSegment = {"DELETE FROM provision_log_resident WHERE seq <= " + segment,
                "DELETE FROM provision_log WHERE seq <= " + segment,
                "DELETE FROM provision_log_checkpoint WHERE seq < " + segment};
        assertThat(tables.findingAfter(eraseTheSegment)).isEqualTo(new Finding(cut + 1, Reason.ENTRY_MISSING));
        // … or records a purge it cannot MAC without the key.
        String forgedPurge = "INSERT INTO provision_log_purge SELECT seq, chain_hash, at + interval '1 second', now(),"
                + " sha256(mac) FROM provision_log_checkpoint WHERE seq = " + segment;
        assertThat(tables.findingAfter(forgedPurge, eraseTheSegment[0], eraseTheSegment[1], eraseTheSegment[2]))
                .isEqualTo(new Finding(segment, Reason.PURGE_FORGED));
        // … or removes the records of the purges made: the log no longer starts where one of them cut.
        assertThat(tables.findingAfter("DELETE FROM provision_log_purge")).isEqualTo(new Finding(1, Reason.ENTRY_MISSING));
        assertThat(tables.findingAfter()).isNull();
    }
}
