package org.residentregistry.api.bulkprovision;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import org.residentregistry.api.problem.FieldError;
import org.residentregistry.api.problem.FieldErrors;
import org.residentregistry.api.problem.InvalidInputException;
import org.residentregistry.api.provision.ProvisionLog;
import org.residentregistry.api.provision.ProvisionRequest;
import org.residentregistry.api.provision.RegistryFile;
import org.residentregistry.api.security.RegistryAccount;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Bulk provision — 一括提供 (interface.md, Bulk): a department operator uploads a CSV file of queries and later reads
 * a CSV file of results. The upload is stored whole, in one transaction, before it is acknowledged; the affair is
 * authorised at submission (a refusal is logged); {@link BulkQueryWorker} answers the rows. A job and its result
 * are for the submitting operator's department only.
 */
@RestController
@RequestMapping("/api/v1/identity/bulk-queries")
class BulkQueryController {

    static final int MAX_ROWS = 100_000;
    private static final int BATCH = 1_000;
    private static final String TERMINAL_HEADER = "X-Terminal-Id";
    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final BulkQueryRepository jobs;
    private final BulkRowQuery rowQuery;
    private final ProvisionLog provisionLog;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final CsvMapper csv = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();

    BulkQueryController(BulkQueryRepository jobs, BulkRowQuery rowQuery, ProvisionLog provisionLog,
                        TransactionTemplate transactions, Clock clock) {
        this.jobs = jobs;
        this.rowQuery = rowQuery;
        this.provisionLog = provisionLog;
        this.transactions = transactions;
        this.clock = clock;
    }

    record Submitted(UUID id) {
    }

    record Progress(UUID id, BulkQuery.Status status, int rows, int processed) {
    }

    @PostMapping(consumes = "text/csv")
    ResponseEntity<Submitted> submit(InputStream body, @RequestParam(required = false) String affair,
                                     @RequestHeader(name = TERMINAL_HEADER, required = false) String terminal,
                                     @AuthenticationPrincipal RegistryAccount operator) {
        if (affair == null || affair.isBlank()) {
            throw new InvalidInputException(List.of(new FieldError("affair", FieldErrors.REQUIRED,
                    "every query names its affair")));
        }
        provisionLog.authorise(new ProvisionRequest(operator, terminal, affair, RegistryFile.IDENTITY, "BULK",
                Map.of()));
        UUID id = UUID.randomUUID();
        transactions.executeWithoutResult(status -> store(new BulkQuery(id, operator.id(), operator.departmentId(),
                terminal, affair, BulkQuery.Status.QUEUED, 0, 0), body));
        return ResponseEntity.accepted().body(new Submitted(id));
    }

    /** Streams the upload into its rows; any error rolls the whole upload back, so nothing half-stored is queued. */
    private void store(BulkQuery job, InputStream body) {
        try (Reader reader = new InputStreamReader(body, StandardCharsets.UTF_8);
             MappingIterator<String[]> lines = csv.readerFor(String[].class).readValues(reader)) {
            if (!lines.hasNextValue() || !isHeader(lines.nextValue())) {
                throw new InvalidInputException(List.of(new FieldError("header", FieldErrors.INVALID_VALUE,
                        "the first line must be " + String.join(",", BulkQueryRow.HEADER))));
            }
            jobs.create(job, clock.instant());
            List<BulkQueryRow> batch = new ArrayList<>(BATCH);
            int count = 0;
            while (lines.hasNextValue()) {
                String[] cells = lines.nextValue();
                if (cells.length == 1 && cells[0].isEmpty()) {
                    continue;
                }
                if (++count > MAX_ROWS) {
                    throw new InvalidInputException(List.of(new FieldError("rows", FieldErrors.TOO_LONG,
                            "a bulk query holds at most " + MAX_ROWS + " rows")));
                }
                batch.add(BulkQueryRow.of(count, cells));
                if (batch.size() == BATCH) {
                    jobs.addRows(job.id(), batch);
                    batch.clear();
                }
            }
            if (count == 0) {
                throw new InvalidInputException(List.of(new FieldError("rows", FieldErrors.REQUIRED,
                        "a bulk query holds at least one row")));
            }
            jobs.addRows(job.id(), batch);
            jobs.setRows(job.id(), count);
        } catch (IOException | RuntimeJsonMappingException e) {
            throw new InvalidInputException(List.of(new FieldError("body", FieldErrors.FORMAT,
                    "is not a CSV file in UTF-8 (a quote left open, say)")));
        }
    }

    private static boolean isHeader(String[] cells) {
        if (cells.length > 0) {
            cells[0] = cells[0].replace("\uFEFF", "");
        }
        return Arrays.equals(cells, BulkQueryRow.HEADER);
    }

    @GetMapping("/{id}")
    Progress progress(@PathVariable UUID id, @AuthenticationPrincipal RegistryAccount operator) {
        BulkQuery job = ownJob(id, operator);
        return new Progress(job.id(), job.status(), job.rows(), job.processed());
    }

    @GetMapping("/{id}/result")
    ResponseEntity<StreamingResponseBody> result(@PathVariable UUID id, @AuthenticationPrincipal RegistryAccount operator) {
        BulkQuery job = ownJob(id, operator);
        if (job.status() != BulkQuery.Status.DONE) {
            throw new ErrorResponseException(HttpStatus.CONFLICT, ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                    "The bulk query is " + job.status() + "; its result is there once it is DONE."), null);
        }
        StreamingResponseBody stream = out -> writeResult(job.id(), out);
        return ResponseEntity.ok().contentType(CSV).body(stream);
    }

    private void writeResult(UUID job, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write(rowQuery.csvLine(BulkRowQuery.RESULT_HEADER) + "\n");
        try {
            transactions.executeWithoutResult(status -> jobs.resultLines(job, line -> {
                try {
                    writer.write(line);
                    writer.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        writer.flush();
    }

    private BulkQuery ownJob(UUID id, RegistryAccount operator) {
        BulkQuery job = jobs.find(id).orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND,
                ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No bulk query has this id."), null));
        if (!job.departmentId().equals(operator.departmentId())) {
            throw new ErrorResponseException(HttpStatus.FORBIDDEN, ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                    "Only the submitting operator's department may read this bulk query."), null);
        }
        return job;
    }
}
