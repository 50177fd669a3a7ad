package org.residentregistry.api.bulkprovision;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.residentregistry.api.bulkprovision.BulkQueryRepository.ResultLine;
import org.residentregistry.api.search.FourFieldSearchReader;
import org.residentregistry.api.search.FourFieldSearchReader.SearchRequest;
import org.residentregistry.api.problem.FieldError;
import org.residentregistry.api.problem.InvalidInputException;
import org.residentregistry.api.provision.Affair;
import org.residentregistry.core.codes.IndividualNumber;
import org.residentregistry.core.codes.InvalidValueException;
import org.residentregistry.core.codes.ResidentCode;
import org.residentregistry.projections.identity.IdentityFileQueries;
import org.residentregistry.projections.identity.ResidentRecordView;
import org.residentregistry.projections.search.FourFieldSearch;
import org.residentregistry.projections.search.IdentitySearchQueries;
import org.springframework.stereotype.Component;

/**
 * Answers one row of a bulk query as the single queries would (domain.md §3.2): by resident code if given, else by
 * individual number, else by the four fields through the four-field search's own reader and queries. A row that
 * is not a valid query is answered with its error; the job goes on.
 */
@Component
class BulkRowQuery {

    /** The result file's header: the provided items of domain.md §3.2, after the row and its status. */
    static final String[] RESULT_HEADER = {"row", "status", "residentCode", "recordStatus", "kanjiName", "kanaName",
            "birthDate", "sex", "address", "individualNumber", "changeReason", "changeDate", "errorField", "errorCode"};

    /** The four-field search's JSON paths as the upload's columns name them. */
    private static final Map<String, String> COLUMNS = Map.of("name.kana", "kanaName", "name.kanji", "kanjiName",
            "name", "kanjiName", "birthDate", "birthDate", "sex", "sex", "address.text", "address", "address", "address");

    private final IdentityFileQueries identityFile;
    private final FourFieldSearchReader searchReader;
    private final IdentitySearchQueries search;
    private final ObjectMapper json;
    private final CsvMapper csv = new CsvMapper();
    private final CsvSchema line = CsvSchema.emptySchema().withLineSeparator("");

    BulkRowQuery(IdentityFileQueries identityFile, FourFieldSearchReader searchReader, IdentitySearchQueries search,
                 ObjectMapper json) {
        this.identityFile = identityFile;
        this.searchReader = searchReader;
        this.search = search;
        this.json = json;
    }

    /** What a row handed out: its query kind for the provision log, the records, and its lines of the result. */
    record Answer(String queryKind, List<String> residentCodes, boolean individualNumberIncluded,
                  List<ResultLine> lines) {

        @Override
        public String toString() {
            return "Answer[" + queryKind + ", " + residentCodes.size() + " record(s)]";
        }
    }

    Answer answer(BulkQueryRow row, Affair affair) {
        if (!row.consistent()) {
            return invalid(row, "BULK_INVALID", "", "COLUMNS");
        }
        if (row.residentCode() != null) {
            return lookup(row, "BULK_RESIDENT_CODE", "residentCode", row.residentCode(), ResidentCode::of,
                    identityFile::current, affair);
        }
        if (row.individualNumber() != null) {
            return lookup(row, "BULK_INDIVIDUAL_NUMBER", "individualNumber", row.individualNumber(),
                    IndividualNumber::of, identityFile::byIndividualNumber, affair);
        }
        return fourFields(row, affair);
    }

    private <T> Answer lookup(BulkQueryRow row, String kind, String column, String raw, Function<String, T> parser,
                              Function<T, Optional<ResidentRecordView>> query, Affair affair) {
        T key;
        try {
            key = parser.apply(raw);
        } catch (InvalidValueException e) {
            return invalid(row, kind, column, e.code());
        }
        return found(row, kind, query.apply(key).map(affair::handOut).stream().toList(), false);
    }

    private Answer fourFields(BulkQueryRow row, Affair affair) {
        ObjectNode body = json.createObjectNode();
        if (row.kanaName() != null || row.kanjiName() != null) {
            ObjectNode name = body.putObject("name");
            putIfGiven(name, "kana", row.kanaName());
            putIfGiven(name, "kanji", row.kanjiName());
        }
        putIfGiven(body, "birthDate", row.birthDate());
        putIfGiven(body, "sex", row.sex());
        if (row.address() != null) {
            body.putObject("address").put("text", row.address());
        }
        SearchRequest request;
        try {
            request = searchReader.read(body, affair.code());
        } catch (InvalidInputException e) {
            FieldError first = e.errors().get(0);
            return invalid(row, "BULK_FOUR_FIELDS", COLUMNS.getOrDefault(first.field(), ""), first.code());
        }
        FourFieldSearch.Result<ResidentRecordView> result = search.search(request.criteria(), request.limit());
        List<ResidentRecordView> records = result.found().stream().map(found -> affair.handOut(found.record())).toList();
        return found(row, "BULK_FOUR_FIELDS", records, result.total() > records.size());
    }

    private Answer found(BulkQueryRow row, String kind, List<ResidentRecordView> records, boolean truncated) {
        List<ResultLine> lines = new ArrayList<>();
        for (ResidentRecordView record : records) {
            lines.add(line(row, lines.size(), "FOUND", record, "", ""));
        }
        if (records.isEmpty()) {
            lines.add(line(row, 0, "NOT_FOUND", null, "", ""));
        }
        if (truncated) {
            lines.add(line(row, lines.size(), "TRUNCATED", null, "", ""));
        }
        return new Answer(kind, records.stream().map(record -> record.residentCode().value()).toList(),
                records.stream().anyMatch(record -> record.individualNumber() != null), lines);
    }

    private Answer invalid(BulkQueryRow row, String kind, String field, String code) {
        return new Answer(kind, List.of(), false, List.of(line(row, 0, "INVALID", null, field, code)));
    }

    private ResultLine line(BulkQueryRow row, int number, String status, ResidentRecordView record, String field,
                            String code) {
        String[] cells = record == null
                ? new String[] {String.valueOf(row.number()), status, "", "", "", "", "", "", "", "", "", "", field, code}
                : new String[] {String.valueOf(row.number()), status, record.residentCode().value(),
                        record.status().name(), record.name().kanji(), record.name().kana(),
                        record.birthDate().toString(), record.sex().code(), record.address().text(),
                        record.individualNumber() == null ? "" : record.individualNumber().value(),
                        record.changeReason().name(), record.changeDate().toString(), field, code};
        return new ResultLine(row.number(), number, csvLine(cells));
    }

    String csvLine(String[] cells) {
        try {
            return csv.writer(line).writeValueAsString(cells);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A result line that cannot be written as CSV", e);
        }
    }

    private static void putIfGiven(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
