package org.residentregistry.api.reconciliation;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.residentregistry.api.problem.FieldError;
import org.residentregistry.api.problem.FieldErrors;
import org.residentregistry.api.problem.InvalidInputException;
import org.residentregistry.core.reconciliation.ComparableText;
import org.residentregistry.core.reconciliation.ReconciledFile;
import org.residentregistry.core.reconciliation.RowProblem;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Receives an extract: reads the request body as a stream of CSV rows (gunzipped when it says so), checks
 * each row and COPYs it into the reconciliation's staging table, all in one transaction with the
 * reconciliation's row. Nothing is held but the row being read, whatever the size. A body that is not the
 * CSV it claims to be rolls everything back: the 400 leaves nothing behind, and a 202 means the whole extract
 * is committed, so a crash afterwards loses nothing (the job resumes from the staged rows).
 */
@Component
class ExtractUpload {

    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final long maxRows;

    ExtractUpload(DataSource dataSource, JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock,
                  @Value("${registry.reconciliation.max-rows:2000000}") long maxRows) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.maxRows = maxRows;
    }

    /** Stages the extract and answers the new reconciliation's id; throws {@link InvalidInputException} for a malformed body. */
    UUID receive(ReconciledFile file, String municipality, String requestedBy, InputStream body, boolean gzip) {
        UUID id = UUID.randomUUID();
        StagingTable staging = StagingTable.of(id, file.columns().size());
        transactions.executeWithoutResult(status -> {
            jdbc.update("INSERT INTO reconciliation (id, file, municipality_code, requested_by, state, received_at, records, bad_rows)"
                    + " VALUES (?, ?, ?, ?, 'RECEIVED', ?, 0, 0)", id, file.name(), municipality, requestedBy,
                    Timestamp.from(clock.instant()));
            jdbc.execute(staging.create());
            Counts counts = stage(file, staging, id, body, gzip);
            jdbc.update("UPDATE reconciliation SET records = ?, bad_rows = ? WHERE id = ?", counts.records(), counts.badRows(), id);
        });
        return id;
    }

    private record Counts(long records, long badRows) {
    }

    private Counts stage(ReconciledFile file, StagingTable staging, UUID id, InputStream body, boolean gzip) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (MappingIterator<String[]> rows = CSV.readerFor(String[].class).readValues(read(body, gzip));
             Writer copy = new BufferedWriter(new OutputStreamWriter(
                     new PGCopyOutputStream(connection.unwrap(PGConnection.class), staging.copy(), 1 << 16),
                     StandardCharsets.UTF_8), 1 << 16)) {
            checkHeader(file, next(rows));
            long records = 0;
            long bad = 0;
            String[] row;
            while ((row = next(rows)) != null) {
                records++;
                if (records > maxRows) {
                    throw invalid("body", FieldErrors.TOO_LONG, "may hold at most " + maxRows + " rows");
                }
                long line = records + 1;
                List<String> values = Arrays.stream(row).map(ComparableText::of).toList();
                List<RowProblem> problems = problems(file, values);
                if (!problems.isEmpty()) {
                    bad++;
                }
                writeRow(copy, file.columns().size(), line, values, problems);
            }
            copy.close();
            // The copy is over: the connection takes statements again.
            jdbc.update("INSERT INTO reconciliation_bad_row (reconciliation_id, line_number, field, reason)"
                    + " SELECT ?, line_number, split_part(p, ':', 1), split_part(p, ':', 2) FROM " + staging.name()
                    + ", unnest(string_to_array(problems, ';')) AS p WHERE problems IS NOT NULL", id);
            return new Counts(records, bad);
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Staging an extract failed", e);
        }
    }

    private static InputStream read(InputStream body, boolean gzip) {
        try {
            return gzip ? new GZIPInputStream(body, 1 << 16) : body;
        } catch (IOException e) {
            throw invalid("body", FieldErrors.FORMAT, "is not gzip, as Content-Encoding says");
        }
    }

    /** The next row, or {@code null} at the end; a body that is not CSV (or not gzip) is bad input. */
    private static String[] next(MappingIterator<String[]> rows) {
        try {
            return rows.hasNextValue() ? rows.nextValue() : null;
        } catch (IOException e) {
            throw invalid("body", FieldErrors.FORMAT, "is not a readable CSV extract (UTF-8, comma-separated, gzip when Content-Encoding says so)");
        }
    }

    private static void checkHeader(ReconciledFile file, String[] header) {
        if (header == null || !Arrays.stream(header).map(h -> ComparableText.of(h.replace("\uFEFF", ""))).toList()
                .equals(file.columns())) {
            throw invalid("header", FieldErrors.INVALID_VALUE, "must be exactly " + String.join(",", file.columns()));
        }
    }

    /** The file's checks, and control characters anywhere (which no field may hold and COPY would refuse). */
    private static List<RowProblem> problems(ReconciledFile file, List<String> values) {
        List<RowProblem> problems = new ArrayList<>(file.check(values));
        for (int i = 0; i < values.size() && i < file.columns().size(); i++) {
            String field = file.columns().get(i);
            if (hasControlCharacter(values.get(i)) && problems.stream().noneMatch(p -> p.field().equals(field))) {
                problems.add(new RowProblem(field, RowProblem.FORMAT));
            }
        }
        return problems;
    }

    /** A plain loop: a stream per value was a tenth of the upload's time. */
    private static boolean hasControlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A good row with its values; a bad one with its problems and its resident code only when that is
     * readable, so that its record is not reported as missing from the extract.
     */
    private static void writeRow(Writer copy, int columns, long line, List<String> values, List<RowProblem> problems)
            throws IOException {
        boolean bad = !problems.isEmpty();
        String code = values.isEmpty() ? "" : values.get(0);
        // The extract's checks parsed the code unless they name it or the row's shape.
        boolean codeReadable = problems.stream().noneMatch(p -> p.field().equals("residentCode") || p.field().isEmpty());
        copy.write(Long.toString(line));
        copy.write(',');
        if (!bad || codeReadable) {
            copy.write(code);
        }
        copy.write(bad ? ",t," : ",f,");
        if (bad) {
            copy.write(problems.stream().map(p -> p.field() + ":" + p.reason()).collect(Collectors.joining(";")));
        }
        for (int i = 0; i < columns; i++) {
            copy.write(',');
            if (!bad) {
                quoted(copy, values.get(i));
            }
        }
        copy.write('\n');
    }

    private static void quoted(Writer out, String value) throws IOException {
        out.write('"');
        out.write(value.indexOf('"') < 0 ? value : value.replace("\"", "\"\""));
        out.write('"');
    }

    private static InvalidInputException invalid(String field, String code, String message) {
        return new InvalidInputException(List.of(new FieldError(field, code, message)));
    }
}
