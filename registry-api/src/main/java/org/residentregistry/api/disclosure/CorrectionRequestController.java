package org.residentregistry.api.disclosure;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.residentregistry.api.input.JsonInput;
import org.residentregistry.api.problem.FieldErrors;
import org.residentregistry.api.security.RegistryAccount;
import org.residentregistry.core.codes.ResidentCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Correction requests — 訂正等申出 (domain.md §3.3): after a disclosure, a resident may say which items they hold
 * wrong. The request is recorded for investigation and never touches the file, which only a municipality's
 * notification changes.
 */
@RestController
@RequestMapping("/api/v1/disclosures/corrections")
class CorrectionRequestController {

    /** The record's items a request may name (domain.md §1.1, as the record's JSON names them). */
    static final Set<String> ITEMS = Set.of("residentCode", "name.kanji", "name.kana", "name.gaijiCount",
            "formerSurname.kanji", "formerSurname.kana", "birthDate", "sex", "address.text", "address.oazaCode",
            "address.gaijiCount", "individualNumber", "changeReason", "changeDate", "municipalityCode");
    private static final Set<String> FIELDS = Set.of("residentCode", "requestedBy", "fields", "statement");
    private static final int MAX_STATEMENT = 4_000;
    private static final int MAX_LISTED = 1_000;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    CorrectionRequestController(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    record CorrectionRequest(UUID id, String residentCode, String requestedBy, List<String> fields, String statement,
                             String recordedBy, Instant recordedAt) {

        @Override
        public String toString() {
            return "CorrectionRequest[" + id + "]";
        }
    }

    record Recorded(UUID id) {
    }

    record Listed(List<CorrectionRequest> corrections) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Recorded> record(@RequestBody JsonNode body, @AuthenticationPrincipal RegistryAccount officer) {
        JsonInput in = new JsonInput();
        if (body == null || !body.isObject()) {
            in.reject("", FieldErrors.WRONG_TYPE, "the body must be a JSON object");
            in.throwIfInvalid();
        }
        in.rejectUnknownFields(body, "", FIELDS);
        ResidentCode code = in.value(body, "residentCode", "residentCode", true, ResidentCode::of);
        String requestedBy = in.text(body, "requestedBy", "requestedBy", false, 200);
        List<String> fields = items(in, body.get("fields"));
        String statement = in.text(body, "statement", "statement", true, MAX_STATEMENT);
        in.throwIfInvalid();
        UUID id = UUID.randomUUID();
        jdbc.update("INSERT INTO correction_request (id, resident_code, requested_by, fields, statement, recorded_by,"
                        + " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                ps -> {
                    ps.setObject(1, id);
                    ps.setString(2, code.value());
                    ps.setString(3, requestedBy);
                    ps.setArray(4, ps.getConnection().createArrayOf("text", fields.toArray()));
                    ps.setString(5, statement);
                    ps.setString(6, officer.id());
                    ps.setTimestamp(7, Timestamp.from(clock.instant()));
                });
        return ResponseEntity.created(URI.create("/api/v1/disclosures/corrections/" + id)).body(new Recorded(id));
    }

    /** The requests recorded, newest first, optionally for one resident code. */
    @GetMapping
    Listed list(@RequestParam(required = false) String residentCode) {
        ResidentCode code = residentCode == null ? null : DisclosureController.residentCode(residentCode);
        return new Listed(jdbc.query("SELECT id, resident_code, requested_by, fields, statement, recorded_by,"
                        + " recorded_at FROM correction_request WHERE (?::char(11) IS NULL OR resident_code = ?)"
                        + " ORDER BY recorded_at DESC LIMIT " + MAX_LISTED,
                (rs, row) -> new CorrectionRequest(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        Arrays.asList((String[]) rs.getArray(4).getArray()), rs.getString(5), rs.getString(6),
                        rs.getTimestamp(7).toInstant()),
                code == null ? null : code.value(), code == null ? null : code.value()));
    }

    /** A non-empty list of the record's items, each named once. */
    private static List<String> items(JsonInput in, JsonNode node) {
        if (node == null || node.isNull()) {
            in.reject("fields", FieldErrors.REQUIRED, "names the items held wrong");
            return List.of();
        }
        if (!node.isArray() || node.isEmpty()) {
            in.reject("fields", FieldErrors.WRONG_TYPE, "must be a non-empty list of the record's items");
            return List.of();
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String path = FieldErrors.item("fields", i);
            if (!item.isTextual() || !ITEMS.contains(item.textValue())) {
                in.reject(path, FieldErrors.INVALID_VALUE, "must be one of the record's items");
            } else if (items.contains(item.textValue())) {
                in.reject(path, FieldErrors.DUPLICATE, "names an item already named");
            } else {
                items.add(item.textValue());
            }
        }
        return items;
    }
}
