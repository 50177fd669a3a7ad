package org.residentregistry.api.provision;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.residentregistry.projections.provision.ProvisionLogEntry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;

/**
 * Decides whether an operator may query for an affair (domain.md §3.1) and writes the provision log —
 * 提供・移転記録 — entry of every query, provided or refused, before the response is sent: each entry is chained
 * and committed by the {@link LogWriter}'s group commit before the method returns, so an answer is never handed
 * out without its record.
 */
@Service
public class ProvisionLog {

    /** The response header carrying the provision-log entry's id (interface.md, Conventions). */
    public static final String HEADER = "X-Provision-Id";

    /** The affair a request names, if the operator's department (the first parameter) is authorised for it. */
    private static final String AUTHORISED_AFFAIR = "affair a JOIN department_affair da ON da.affair_code = a.code"
            + " AND da.department_id = ?";
    /** Its columns, named apart from those of the tables an answer is read from. */
    private static final String SELECT_AFFAIR = "SELECT a.code AS affair_code, a.legal_basis AS affair_legal_basis,"
            + " a.files AS affair_files, a.individual_number_allowed AS affair_individual_number_allowed";

    private final JdbcTemplate jdbc;
    private final LogWriter writer;
    private final ObjectMapper json;
    private final Clock clock;

    public ProvisionLog(JdbcTemplate jdbc, LogWriter writer, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.writer = writer;
        this.json = json;
        this.clock = clock;
    }

    /**
     * The affair the request may be answered for, or a refusal already logged: an unknown affair, one the
     * operator's department is not authorised for, or one that does not cover the file.
     */
    public Affair authorise(ProvisionRequest request) {
        Optional<Affair> affair = request.affairCode() == null ? Optional.empty() : jdbc.query(
                SELECT_AFFAIR + " FROM " + AUTHORISED_AFFAIR + " WHERE a.code = ?",
                (rs, row) -> affair(rs), request.operator().departmentId(), request.affairCode()).stream().findFirst();
        return authorised(request, affair);
    }

    /**
     * {@link #authorise(ProvisionRequest)} and the read of what the request is answered from in one statement, a round
     * trip less on the busiest queries: {@code answerColumns} from the tables of {@code answerJoin} (a {@code LEFT JOIN}
     * taking {@code answerParameters}) on the row of the authorised affair, mapped by {@code answer}, which returns
     * null where the join found nothing. Columns and join are the caller's SQL text, never input: values go in
     * {@code answerParameters}. The answer is read even for a request that is then refused, and dropped. Should the
     * read fail, the affair is checked alone before the failure goes on, so that a request that was not to be
     * answered still leaves its refusal in the log.
     */
    public <T> Authorised<T> authorise(ProvisionRequest request, String answerColumns, String answerJoin,
                                       RowMapper<T> answer, Object... answerParameters) {
        return authorise(request, answerColumns, answerJoin, null, answer, answerParameters);
    }

    /**
     * {@link #authorise(ProvisionRequest, String, String, RowMapper, Object...)} of an answer of many rows, in the
     * order of {@code answerOrder} (an ORDER BY list of the caller's SQL text).
     */
    public <T> Authorised<T> authorise(ProvisionRequest request, String answerColumns, String answerJoin,
                                       String answerOrder, RowMapper<T> answer, Object... answerParameters) {
        if (request.affairCode() == null) {
            return new Authorised<>(authorised(request, Optional.empty()), List.of());
        }
        List<Object> parameters = new ArrayList<>();
        parameters.add(request.operator().departmentId());
        parameters.addAll(List.of(answerParameters));
        parameters.add(request.affairCode());
        // Every row carries the affair: it is read from the first only.
        List<Affair> affairs = new ArrayList<>(1);
        List<T> answers = new ArrayList<>();
        try {
            jdbc.query(SELECT_AFFAIR + ", " + answerColumns + " FROM " + AUTHORISED_AFFAIR + " " + answerJoin
                            + " WHERE a.code = ?" + (answerOrder == null ? "" : " ORDER BY " + answerOrder),
                    (RowCallbackHandler) rs -> {
                        if (affairs.isEmpty()) {
                            affairs.add(affair(rs));
                        }
                        T row = answer.mapRow(rs, rs.getRow() - 1);
                        if (row != null) {
                            answers.add(row);
                        }
                    }, parameters.toArray());
        } catch (RuntimeException e) {
            authorise(request);
            throw e;
        }
        return new Authorised<>(authorised(request, affairs.stream().findFirst()), List.copyOf(answers));
    }

    /** An authorised affair and what the request is answered from: the rows found, none if nothing was. */
    public record Authorised<T>(Affair affair, List<T> answers) {

        /** The first row found, for a request answered from one. */
        public Optional<T> answer() {
            return answers.stream().findFirst();
        }
    }

    private Affair authorised(ProvisionRequest request, Optional<Affair> affair) {
        if (affair.isEmpty()) {
            throw refuse(request, "AFFAIR_NOT_AUTHORISED",
                    "The operator's department is not authorised for this affair, or the affair is unknown.");
        }
        if (!affair.get().files().contains(request.file())) {
            throw refuse(request, "FILE_NOT_COVERED", "The affair does not cover the " + request.file() + " file.");
        }
        return affair.get();
    }

    private static Affair affair(ResultSet rs) throws SQLException {
        return new Affair(rs.getString("affair_code"), rs.getString("affair_legal_basis"),
                files(rs.getArray("affair_files")), rs.getBoolean("affair_individual_number_allowed"));
    }

    /** Logs a refusal and answers the exception that tells the caller, with the entry's id. */
    public ProvisionRefusedException refuse(ProvisionRequest request, String reason, String detail) {
        UUID id = append(UUID.randomUUID(), request, null, "REFUSED", reason, List.of(), false);
        return new ProvisionRefusedException(id, reason, detail);
    }

    /** Logs what is handed out: the resident codes (none when nothing matched) and whether individual numbers were. */
    public UUID provided(ProvisionRequest request, Affair affair, Collection<String> residentCodes,
                         boolean individualNumberIncluded) {
        return append(UUID.randomUUID(), request, affair, "PROVIDED", null, residentCodes, individualNumberIncluded);
    }

    /**
     * Appends many entries at once (a bulk job's rows, say), next to each other in the chain and in one group
     * commit; answers their seqs, in order, once committed. Each entry's id is the caller's (an id derived from
     * the job and the row makes a resumed job's logging exactly-once: the id is unique); its seq is assigned here.
     */
    public List<Long> appendAll(List<ProvisionLogEntry> entries) {
        return writer.append(entries);
    }

    /**
     * The entry {@link #provided(ProvisionRequest, Affair, Collection, boolean)} would write, under an id the caller
     * chose, for {@link #appendAll}: a job that may be resumed after a crash names each entry so that it can tell
     * which it has already written.
     */
    public ProvisionLogEntry providedEntry(UUID id, ProvisionRequest request, Affair affair,
                                           Collection<String> residentCodes, boolean individualNumberIncluded) {
        return entry(id, request, affair, "PROVIDED", null, residentCodes, individualNumberIncluded);
    }

    /**
     * Logs what a disclosure officer hands a resident about their own record (domain.md §3.3): no affair and no
     * department, since the resident, not a department, receives it.
     */
    public UUID disclosed(ProvisionRequest request, Collection<String> residentCodes, boolean individualNumberIncluded) {
        return append(UUID.randomUUID(), request, null, "PROVIDED", null, residentCodes, individualNumberIncluded);
    }

    private UUID append(UUID id, ProvisionRequest request, Affair affair, String outcome, String refusalReason,
                        Collection<String> residentCodes, boolean individualNumberIncluded) {
        appendAll(List.of(entry(id, request, affair, outcome, refusalReason, residentCodes, individualNumberIncluded)));
        return id;
    }

    private ProvisionLogEntry entry(UUID id, ProvisionRequest request, Affair affair, String outcome,
                                    String refusalReason, Collection<String> residentCodes,
                                    boolean individualNumberIncluded) {
        return new ProvisionLogEntry(0, id, clock.instant(), request.operator().id(), request.operator().departmentId(),
                request.terminalId(), request.affairCode(), affair == null ? null : affair.legalBasis(),
                request.queryKind(), criteria(request), outcome, refusalReason, List.copyOf(residentCodes),
                individualNumberIncluded);
    }

    private String criteria(ProvisionRequest request) {
        try {
            return json.writeValueAsString(request.criteria());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Criteria that cannot be written as JSON", e);
        }
    }

    private static Set<RegistryFile> files(Array array) throws SQLException {
        // Read on every query: an EnumSet, not a stream collected into a hash set.
        Set<RegistryFile> files = EnumSet.noneOf(RegistryFile.class);
        for (String file : (String[]) array.getArray()) {
            files.add(RegistryFile.valueOf(file));
        }
        return Collections.unmodifiableSet(files);
    }
}
