package org.residentregistry.api.provision;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.residentregistry.api.problem.FieldError;
import org.residentregistry.api.problem.InvalidInputException;
import org.residentregistry.core.codes.InvalidValueException;
import org.residentregistry.core.codes.ResidentCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** What every query of either file reads from its parameters, and how it answers "nothing matches". */
public final class QueryParameters {

    /** An optional header naming the operator's terminal, recorded in the provision log (an interface addition). */
    public static final String TERMINAL_HEADER = "X-Terminal-Id";
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private QueryParameters() {
    }

    /**
     * A query by resident code, now or as of {@code asOf} (null for now), with its query kind and its criteria as
     * the provision log records them (a map the caller may add to).
     */
    public record ResidentCodeQuery(ResidentCode code, Instant asOf, String queryKind, Map<String, Object> criteria) {
    }

    /** Reads a query by resident code; a bad code, instant or missing affair is a 400. */
    public static ResidentCodeQuery byResidentCode(String residentCode, String asOf, String affair) {
        ResidentCode code = parse(residentCode, "residentCode", ResidentCode::of);
        Instant instant = asOf == null ? null : asOfInstant(asOf);
        requireAffair(affair);
        Map<String, Object> criteria = new LinkedHashMap<>();
        criteria.put("residentCode", code.value());
        if (instant != null) {
            criteria.put("asOf", instant.toString());
        }
        return new ResidentCodeQuery(code, instant, instant == null ? "RESIDENT_CODE" : "RESIDENT_CODE_AS_OF", criteria);
    }

    public static void requireAffair(String affair) {
        if (affair == null || affair.isBlank()) {
            throw new InvalidInputException(List.of(new FieldError("affair", "REQUIRED", "every query names its affair")));
        }
    }

    /** An instant with an offset, or a date meaning the end of that day in Japan (interface.md). */
    public static Instant asOfInstant(String asOf) {
        try {
            return asOf.length() == 10
                    ? LocalDate.parse(asOf).plusDays(1).atStartOfDay(JAPAN).toInstant().minusNanos(1_000)
                    : OffsetDateTime.parse(asOf).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(List.of(new FieldError("asOf", "FORMAT",
                    "must be an ISO-8601 instant with an offset, or a date YYYY-MM-DD")));
        }
    }

    /** {@code raw} parsed as the value of {@code field}; a bad value is a 400 naming the field. */
    public static <T> T parse(String raw, String field, Function<String, T> parser) {
        try {
            return parser.apply(raw);
        } catch (InvalidValueException e) {
            throw new InvalidInputException(List.of(new FieldError(field, e.code(), e.getMessage())));
        }
    }

    /** A 404 for a query that found nothing, carrying its provision-log entry's id. */
    public static ErrorResponseException notFound(UUID provisionId) {
        ErrorResponseException notFound = new ErrorResponseException(HttpStatus.NOT_FOUND,
                ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No record matches."), null);
        notFound.getHeaders().add(ProvisionLog.HEADER, provisionId.toString());
        return notFound;
    }
}
