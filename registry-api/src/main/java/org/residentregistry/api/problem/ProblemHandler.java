package org.residentregistry.api.problem;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.common.lock.DeadlockException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.residentregistry.core.codes.InvalidValueException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Renders errors as RFC 9457 problem documents (interface.md, Conventions). Bad input is a 400 whose
 * {@code errors} lists {@code {field, code, message}} for every bad field; controllers report it by
 * throwing {@link InvalidInputException} (built with {@link FieldErrors}), and malformed JSON, unknown
 * fields, wrong types and {@code @Valid} failures are mapped here. 404 and 409 are thrown as Spring's
 * {@code ResponseStatusException}, whose reason becomes the detail. Details and messages never repeat
 * submitted values: they may be personal data. Errors that escape Spring MVC are rendered by
 * {@link ProblemErrorController}.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<Object> invalidInput(InvalidInputException e) {
        return badRequest(e.errors());
    }

    /** A core value type rejected a value outside any request field (its message never holds the value). */
    @ExceptionHandler(InvalidValueException.class)
    ResponseEntity<Object> invalidValue(InvalidValueException e) {
        return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage()));
    }

    @ExceptionHandler(RequestTooLargeException.class)
    ResponseEntity<Object> tooLarge(RequestTooLargeException e) {
        HttpStatus status = HttpStatus.PAYLOAD_TOO_LARGE;
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, e.getMessage() + "."));
    }

    /**
     * A conflict that outlasted every retry, or a database that does not answer: nothing was applied, and the
     * caller may send the same request again. Only the type is logged: a database message can quote values.
     */
    @ExceptionHandler({ConcurrencyException.class, DeadlockException.class, DataAccessException.class,
            TransactionException.class, JdbcException.class})
    ResponseEntity<Object> unavailable(Exception e) {
        log.warn("Request not applied, answered 503: {}", e.getClass().getName());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                        "The registry could not complete the request; nothing was applied. Send it again."));
    }

    /** Anything else is a defect: logged by type and place under a reference the caller can quote, never by message. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        String reference = UUID.randomUUID().toString();
        StackTraceElement origin = e.getStackTrace().length == 0 ? null : e.getStackTrace()[0];
        log.error("Unexpected {} at {}, reference {}", e.getClass().getName(), origin, reference);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The registry failed to handle the request; nothing was applied. Reference " + reference + ".");
        return ResponseEntity.internalServerError().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestTooLargeException tooLarge) {
                return tooLarge(tooLarge);
            }
        }
        if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return badRequest(List.of(fieldError(mapping)));
        }
        String detail = e.getCause() instanceof JsonProcessingException && !(e.getCause() instanceof JsonMappingException)
                ? "The request body is not well-formed JSON."
                : "The request body is missing or does not have the form this endpoint expects.";
        return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        // An error of the whole object (a class-level constraint) has no field.
        return badRequest(e.getBindingResult().getAllErrors().stream()
                .map(error -> new FieldError(error instanceof org.springframework.validation.FieldError field ? field.getField() : null,
                        constraintCode(error.getCode()), error.getDefaultMessage()))
                .toList());
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        // Spring's own detail repeats the value; this one does not.
        return badRequest(List.of(new FieldError(e.getPropertyName(), FieldErrors.INVALID_VALUE, "has a value of the wrong form")));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return badRequest(List.of(new FieldError(e.getParameterName(), FieldErrors.REQUIRED, "is required")));
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException e, HttpHeaders headers,
                                                                    HttpStatusCode status, WebRequest request) {
        // Spring's own detail speaks of a missing static resource, which means nothing to an API client.
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "There is no resource at this address."));
    }

    private static ResponseEntity<Object> badRequest(List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request was not applied: its input has " + errors.size() + (errors.size() == 1 ? " error." : " errors."));
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    /** Jackson stops at the first field it cannot read; Jackson's own message repeats the value, so it is not used. */
    private static FieldError fieldError(JsonMappingException e) {
        String field = jsonPath(e.getPath());
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidValueException invalid) {
                return new FieldError(field, invalid.code(), invalid.getMessage());
            }
        }
        if (e instanceof PropertyBindingException) {
            return new FieldError(field, FieldErrors.UNKNOWN_FIELD, "is not a field of this request");
        }
        // A string of the wrong form; other values Jackson would not coerce are of the wrong type.
        if (e instanceof InvalidFormatException format && format.getValue() instanceof String) {
            if (format.getTargetType() != null && format.getTargetType().isEnum()) {
                @SuppressWarnings("unchecked")
                Class<? extends Enum<?>> type = (Class<? extends Enum<?>>) format.getTargetType();
                return new FieldError(field, FieldErrors.INVALID_VALUE, "must be one of " + FieldErrors.names(type));
            }
            return new FieldError(field, FieldErrors.INVALID_VALUE, "has a value of the wrong form");
        }
        if (e instanceof MismatchedInputException) {
            return new FieldError(field, FieldErrors.WRONG_TYPE, "has a JSON value of the wrong type");
        }
        return new FieldError(field, FieldErrors.INVALID_VALUE, "could not be read");
    }

    /** {@code notifications[3].name.kana} from Jackson's path references. */
    private static String jsonPath(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            } else {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(reference.getFieldName());
            }
        }
        return field.toString();
    }

    /** Bean Validation's {@code NotBlank} as {@code NOT_BLANK}, in the style of the other codes. */
    private static String constraintCode(String constraint) {
        return constraint == null ? FieldErrors.INVALID_VALUE
                : constraint.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }
}
