package org.residentregistry.api.retention;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.residentregistry.core.codes.ResidentCode;
import org.residentregistry.core.identity.IdentityEvent;
import org.residentregistry.core.notification.NotificationKey;
import org.residentregistry.core.overseas.OverseasEvent;
import org.residentregistry.core.overseas.OverseasIdentity;
import org.residentregistry.core.relay.RelayDestination;
import org.residentregistry.core.retention.Erasure;
import org.residentregistry.core.retention.RetainedVersion;
import org.residentregistry.core.retention.RetentionPolicy;
import org.residentregistry.projections.EventStoreJson;
import org.residentregistry.projections.identity.IdentityFileProjection;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Erases what has expired of one file — the identity file or the overseas-address file — in batches of persons: their
 * events (and snapshots) in the event store, and every row derived from them or naming them. One batch is one
 * transaction of the caller's, a fixed number of statements whatever its size.
 *
 * <p>Events are deleted physically. Each event carries its whole notification, so the events that remain hold the
 * current record whole and the aggregate loads from them; an entry erased whole loads as one the file never had.
 */
final class FileErasure {

    /**
     * Where one file keeps what a person's erasure must reach.
     *
     * @param name             the file, as purge records and reconciliations name it ({@code identity}, {@code overseas})
     * @param current          the current-record view or table
     * @param versions         the history view or table, one row per version
     * @param search           the four-field search's rows, one per version and name
     * @param ledger           the notification ledger
     * @param destination      the national server the file's changes are relayed to
     * @param aggregateId      the event store's aggregate identifier of a resident code
     * @param changedCurrent   the SQL over a version row telling whether the version changed the current record
     * @param notificationKey  the notification key of a stored event
     * @param individualNumber whether the file holds individual numbers (its versions have the column, the holders table
     *                         is its)
     */
    record Tables(String name, String current, String versions, String search, String ledger,
                  RelayDestination destination, Function<ResidentCode, String> aggregateId, String changedCurrent,
                  Function<Object, NotificationKey> notificationKey, boolean individualNumber) {

        /** The prefix of the kinds counted for this file in a purge run: {@code IDENTITY_FILE}, {@code OVERSEAS_FILE}. */
        String kind() {
            return name.toUpperCase() + "_FILE";
        }
    }

    /** The result of one batch: where the next starts (null: the file is done), counts by kind, and who was erased. */
    record Batch(String cursor, boolean deferred, Map<String, Long> counts, List<Erased> erased) {
    }

    /** A person something was erased of, and whether it was the whole entry. */
    record Erased(ResidentCode code, boolean wholeEntry) {

        @Override
        public String toString() {
            return "Erased[***]";
        }
    }

    private static final ObjectMapper EVENTS = EventStoreJson.mapper();
    /** The resident code of a bulk-query result line, as the index of V24 has it. */
    private static final String RESULT_LINE_CODE = "split_part(line, ',', 3)";

    /** The identity file's tables, read and written through the views of its rebuildable read model. */
    static FileErasure identityFile(JdbcTemplate jdbc) {
        return new FileErasure(new Tables("identity", IdentityFileProjection.CURRENT, IdentityFileProjection.VERSIONS,
                "identity_search", "identity_notification", RelayDestination.IDENTITY_NATIONAL, ResidentCode::value,
                "effect = 'CURRENT_CHANGED'", event -> ((IdentityEvent) event).notification().key(), true), jdbc);
    }

    /** The overseas-address file's tables: every version of it changed the record. */
    static FileErasure overseasFile(JdbcTemplate jdbc) {
        return new FileErasure(new Tables("overseas", "overseas_current", "overseas_version", "overseas_search",
                "overseas_notification", RelayDestination.ANNEX_NATIONAL, OverseasIdentity::aggregateId, "true",
                event -> ((OverseasEvent) event).notification().key(), false), jdbc);
    }

    private final Tables tables;
    private final JdbcTemplate jdbc;

    FileErasure(Tables tables, JdbcTemplate jdbc) {
        this.tables = tables;
        this.jdbc = jdbc;
    }

    String name() {
        return tables.name();
    }

    /**
     * Decides and (unless {@code dryRun}) erases what has expired at {@code asOf} of the next {@code limit} persons
     * after {@code cursor}. Persons another transaction holds (ingest writing their record) are skipped, never waited
     * for: the next run takes them.
     */
    Batch next(String cursor, Instant asOf, boolean dryRun, RetentionPolicy policy, int limit) {
        if (rebuildRunning()) {
            return new Batch(cursor, true, Map.of(), List.of());
        }
        // The next persons in resident-code order, so that a batch reads a bounded range whatever has expired in it.
        List<String> range = jdbc.queryForList("SELECT resident_code FROM " + tables.current()
                + " WHERE resident_code > ? ORDER BY resident_code LIMIT ?", String.class, cursor == null ? "" : cursor, limit);
        if (range.isEmpty()) {
            return new Batch(null, false, Map.of(), List.of());
        }
        List<String> candidates = jdbc.queryForList("SELECT c.resident_code FROM " + tables.current() + " c"
                        + " WHERE c.resident_code = ANY (?::bpchar[]) AND ((c.status = 'REMOVED' AND c.received_at <= ?) OR EXISTS ("
                        + "   SELECT 1 FROM " + tables.versions() + " p JOIN " + tables.versions() + " n"
                        + "     ON n.resident_code = p.resident_code AND n.version > p.version"
                        + "   WHERE p.resident_code = c.resident_code AND p.version <> c.version AND n.received_at <= ?))"
                        // A dry run locks nothing: it neither holds ingest back nor leaves out whom ingest holds.
                        + " ORDER BY c.resident_code" + (dryRun ? "" : " FOR UPDATE SKIP LOCKED"),
                String.class, range.toArray(String[]::new),
                Timestamp.from(policy.removedPerson().latestEndedStart(asOf)),
                Timestamp.from(policy.supersededVersion().latestEndedStart(asOf)));
        Map<String, Long> counts = new LinkedHashMap<>();
        Expired expired = new Expired();
        histories(candidates).forEach((code, history) -> {
            Erasure erasure = policy.expired(history.stream().map(StoredVersion::retained).toList(), asOf);
            if (erasure.isEmpty()) {
                return;
            }
            add(counts, tables.kind() + "_VERSIONS", erasure.versions().size());
            if (erasure.wholeEntry()) {
                add(counts, tables.kind() + "_REMOVED_PERSONS", 1);
            }
            expired.add(code, erasure, history);
        });
        if (!dryRun && !expired.erased.isEmpty()) {
            add(counts, tables.kind() + "_EVENTS", erase(expired));
            eraseNaming(expired, counts);
        }
        String next = range.size() < limit ? null : range.get(range.size() - 1);
        return new Batch(next, false, counts, expired.erased);
    }

    /** One version as the batch reads it: what retention decides by, and the individual number it held. */
    private record StoredVersion(RetainedVersion retained, String individualNumber) {
    }

    /** What a batch erases, gathered person by person so that each table is then reached by one statement. */
    private static final class Expired {
        final List<Erased> erased = new ArrayList<>();
        final Set<String> wholeEntries = new LinkedHashSet<>();
        /** The individual numbers only the erased versions held: no version that stays holds them. */
        final Set<String> individualNumbers = new TreeSet<>();
        /** The persons who held them. */
        final Set<String> numberHolders = new TreeSet<>();
        /** The versions erased, as (resident code, version) in two arrays' worth. */
        final List<String> codes = new ArrayList<>();
        final List<Integer> versions = new ArrayList<>();

        void add(String code, Erasure erasure, List<StoredVersion> history) {
            erased.add(new Erased(ResidentCode.of(code), erasure.wholeEntry()));
            if (erasure.wholeEntry()) {
                wholeEntries.add(code);
            }
            Set<String> kept = new TreeSet<>();
            List<String> gone = new ArrayList<>();
            for (StoredVersion version : history) {
                if (version.individualNumber() != null) {
                    (erasure.versions().contains(version.retained().version()) ? gone : kept).add(version.individualNumber());
                }
            }
            gone.stream().filter(number -> !kept.contains(number)).forEach(number -> {
                individualNumbers.add(number);
                numberHolders.add(code);
            });
            for (int version : erasure.versions()) {
                codes.add(code);
                versions.add(version);
            }
        }
    }

    /**
     * Whether a rebuild of a read model is running: then this batch waits, since the rebuild may already have copied
     * what it would erase. The read-model rows are held shared until the batch commits, so a rebuild cannot start
     * meanwhile (it takes its row for update) and starts from an event store without what was erased.
     */
    private boolean rebuildRunning() {
        jdbc.queryForList("SELECT name FROM read_model FOR SHARE", String.class);
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM read_model_rebuild WHERE state = 'RUNNING')", Boolean.class));
    }

    private Map<String, List<StoredVersion>> histories(List<String> codes) {
        Map<String, List<StoredVersion>> histories = new LinkedHashMap<>();
        jdbc.query("SELECT resident_code, version, received_at, " + tables.changedCurrent() + ", status = 'REMOVED', "
                        + (tables.individualNumber() ? "individual_number" : "NULL") + " FROM " + tables.versions()
                        + " WHERE resident_code = ANY (?::bpchar[]) ORDER BY resident_code, version",
                rs -> {
                    histories.computeIfAbsent(rs.getString(1), code -> new ArrayList<>()).add(new StoredVersion(
                            new RetainedVersion(rs.getInt(2), rs.getTimestamp(3).toInstant(), rs.getBoolean(4),
                                    rs.getBoolean(5)), rs.getString(6)));
                }, (Object) codes.toArray(String[]::new));
        return histories;
    }

    /**
     * Erases the batch's expired versions (and whole entries) from the event store and the file's own tables: one
     * statement per table for the whole batch, each finding its rows by key through an array of the batch's keys.
     */
    private long erase(Expired expired) {
        Map<String, String> codesByAggregate = new HashMap<>();
        List<String> aggregates = new ArrayList<>();
        List<Long> sequences = new ArrayList<>();
        for (int i = 0; i < expired.codes.size(); i++) {
            String code = expired.codes.get(i);
            if (!expired.wholeEntries.contains(code)) {
                aggregates.add(aggregate(code, codesByAggregate));
                sequences.add((long) expired.versions.get(i) - 1);
            }
        }
        // A whole entry goes with every event its aggregate has, whatever versions its history still shows.
        for (String code : expired.wholeEntries) {
            aggregates.add(aggregate(code, codesByAggregate));
            sequences.add(null);
        }
        // The notification keys come from the events themselves: a version kept only in the history was notified by a
        // municipality other than the one its row names.
        List<LedgerKey> keys = jdbc.query("DELETE FROM domain_event_entry d USING unnest(?::text[], ?::bigint[]) e (a, s)"
                        + " WHERE d.aggregate_identifier = e.a AND (e.s IS NULL OR d.sequence_number = e.s)"
                        + " RETURNING d.aggregate_identifier, d.payload_type, d.payload",
                (rs, row) -> key(codesByAggregate.get(rs.getString(1)), rs.getString(2), rs.getBytes(3)),
                aggregates.toArray(String[]::new), sequences.toArray(Long[]::new));
        // No snapshots are taken today; one would hold state of the versions erased.
        jdbc.update("DELETE FROM snapshot_event_entry WHERE aggregate_identifier = ANY (?::text[])",
                (Object) codesByAggregate.keySet().toArray(String[]::new));
        jdbc.update("DELETE FROM " + tables.ledger() + " l USING unnest(?::bpchar[], ?::bigint[], ?::bpchar[]) k (m, s, c)"
                        + " WHERE l.municipality_code = k.m AND l.update_sequence = k.s AND l.resident_code = k.c",
                keys.stream().map(LedgerKey::municipalityCode).toArray(String[]::new),
                keys.stream().map(LedgerKey::updateSequence).toArray(Long[]::new),
                keys.stream().map(LedgerKey::residentCode).toArray(String[]::new));
        Object[] versions = {expired.codes.toArray(String[]::new), expired.versions.toArray(Integer[]::new)};
        String erasedVersions = " USING unnest(?::bpchar[], ?::integer[]) e (code, version)"
                + " WHERE t.resident_code = e.code AND t.version = e.version";
        jdbc.update("DELETE FROM " + tables.versions() + " t" + erasedVersions, versions);
        jdbc.update("DELETE FROM " + tables.search() + " t" + erasedVersions, versions);
        jdbc.update("DELETE FROM relay_outbox t USING unnest(?::bpchar[], ?::integer[]) e (code, version)"
                + " WHERE t.destination = ? AND t.person = e.code AND t.version = e.version", versions[0], versions[1],
                tables.destination().name());
        if (!expired.wholeEntries.isEmpty()) {
            Object[] whole = {expired.wholeEntries.toArray(String[]::new)};
            jdbc.update("DELETE FROM " + tables.current() + " WHERE resident_code = ANY (?::bpchar[])", whole);
            if (tables.individualNumber()) {
                jdbc.update("DELETE FROM individual_number_holder WHERE resident_code = ANY (?::bpchar[])", whole);
            }
        }
        return keys.size();
    }

    private String aggregate(String code, Map<String, String> codesByAggregate) {
        String aggregate = tables.aggregateId().apply(ResidentCode.of(code));
        codesByAggregate.put(aggregate, code);
        return aggregate;
    }

    /**
     * Erases what names the persons erased whole, or the individual numbers only erased versions held, outside the
     * file: reconciliation discrepancies, correction requests, held overseas provisions, bulk-query rows and results.
     */
    private void eraseNaming(Expired expired, Map<String, Long> counts) {
        if (expired.wholeEntries.isEmpty() && expired.individualNumbers.isEmpty()) {
            return;
        }
        String[] codes = expired.wholeEntries.toArray(String[]::new);
        add(counts, "RECONCILIATION_DISCREPANCIES", jdbc.update("DELETE FROM reconciliation_discrepancy WHERE"
                + " resident_code = ANY (?::bpchar[]) AND reconciliation_id IN (SELECT id FROM reconciliation WHERE file = ?)",
                codes, tables.name()));
        add(counts, "TEMPORARY_INDIVIDUAL_NUMBERS", jdbc.update("UPDATE temporary_individual_number"
                + " SET answer = NULL, resident_codes = NULL"
                + " WHERE resident_codes IS NOT NULL AND resident_codes && ?::bpchar[]", (Object) codes));
        if (!tables.individualNumber()) {
            return;
        }
        // Disclosures, corrections and bulk queries are the identity file's.
        add(counts, "CORRECTION_REQUESTS", jdbc.update("DELETE FROM correction_request"
                + " WHERE resident_code = ANY (?::bpchar[])", (Object) codes));
        // A number an erased version held may have passed to someone still in the file (a resident-code change gives
        // the old code's number to the new code): what names it is theirs now, and stays.
        String[] numbers = expired.individualNumbers.isEmpty() ? new String[0] : jdbc.queryForList(
                "SELECT n FROM unnest(?::bpchar[]) AS n WHERE NOT EXISTS (SELECT 1 FROM individual_number_holder h"
                        + " WHERE h.individual_number = n)", String.class,
                (Object) expired.individualNumbers.toArray(String[]::new)).toArray(String[]::new);
        // A result line describes one person, whose code is its third field (after the row and the status, neither of
        // which is ever quoted), so the lines naming someone are found through the index on that field; a number's
        // lines are among its holder's, matched by whole fields (a code's digits inside another number are not it).
        add(counts, "BULK_QUERY_ROWS", jdbc.queryForObject("WITH named AS ("
                + "   SELECT bulk_query_id, row_number FROM bulk_query_result WHERE " + RESULT_LINE_CODE + " = ANY (?::text[])"
                + "   UNION SELECT bulk_query_id, row_number FROM bulk_query_result"
                + "   WHERE " + RESULT_LINE_CODE + " = ANY (?::text[]) AND EXISTS (SELECT 1 FROM unnest(?::text[]) AS v (value),"
                + "     unnest(string_to_array(line, ',')) AS f (field) WHERE btrim(f.field, E'\" \\r\\n') = v.value)"
                + "   UNION SELECT bulk_query_id, row_number FROM bulk_query_row"
                + "   WHERE resident_code = ANY (?::text[]) OR individual_number = ANY (?::text[])),"
                // Statements in WITH run to completion whether or not the query reads them.
                + " results AS (DELETE FROM bulk_query_result r USING named n"
                + "   WHERE r.bulk_query_id = n.bulk_query_id AND r.row_number = n.row_number RETURNING 1),"
                + " rows AS (DELETE FROM bulk_query_row r USING named n"
                + "   WHERE r.bulk_query_id = n.bulk_query_id AND r.row_number = n.row_number RETURNING 1)"
                + " SELECT count(*) FROM rows", Long.class,
                codes, expired.numberHolders.toArray(String[]::new), numbers, codes, numbers));
    }

    /** The ledger row of a deleted event's notification. */
    private record LedgerKey(String municipalityCode, Long updateSequence, String residentCode) {
    }

    private LedgerKey key(String code, String payloadType, byte[] payload) {
        try {
            NotificationKey key = tables.notificationKey().apply(EVENTS.readValue(payload, Class.forName(payloadType)));
            return new LedgerKey(key.municipalityCode().value(), key.updateSequence(), code);
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("A stored event could not be read", e);
        }
    }

    static void add(Map<String, Long> counts, String kind, long n) {
        if (n > 0) {
            counts.merge(kind, n, Long::sum);
        }
    }
}
