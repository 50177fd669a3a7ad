package org.residentregistry.api.input;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import org.residentregistry.api.problem.FieldError;
import org.residentregistry.api.problem.InvalidInputException;
import org.residentregistry.core.codes.InvalidValueException;

/**
 * Reads a JSON document field by field, collecting every error with its JSON path instead of stopping at the
 * first, so that a caller learns everything wrong with a request at once (all-or-nothing validation).
 * Messages say what rule was broken, never the value, which may be personal data.
 */
public class JsonInput {

    private final List<FieldError> errors = new ArrayList<>();

    /** Fails with every error collected so far, if there is any. */
    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(List.copyOf(errors));
        }
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public void reject(String path, String code, String message) {
        errors.add(new FieldError(path, code, message));
    }

    /** An object at {@code path}, or null (with an error when required). Reports fields not in {@code allowed}. */
    public JsonNode object(JsonNode parent, String name, String path, boolean required, Set<String> allowed) {
        JsonNode node = present(parent, name, path, required);
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            reject(path, "TYPE", "must be an object");
            return null;
        }
        rejectUnknownFields(node, path, allowed);
        return node;
    }

    public void rejectUnknownFields(JsonNode node, String path, Set<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!allowed.contains(field)) {
                reject(path.isEmpty() ? field : path + "." + field, "UNKNOWN_FIELD", "is not a field of this request");
            }
        }
    }

    /** A string of 1 to {@code maxLength} characters without control characters, or null. */
    public String text(JsonNode parent, String name, String path, boolean required, int maxLength) {
        JsonNode node = present(parent, name, path, required);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            reject(path, "TYPE", "must be a string");
            return null;
        }
        String value = node.textValue();
        if (value.isBlank()) {
            reject(path, "REQUIRED", "must not be blank");
            return null;
        }
        if (value.codePointCount(0, value.length()) > maxLength) {
            reject(path, "TOO_LONG", "must be at most " + maxLength + " characters");
            return null;
        }
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            reject(path, "FORMAT", "must not contain control characters");
            return null;
        }
        return value;
    }

    /** A string turned into a value by {@code parser}, whose {@link InvalidValueException} becomes a field error. */
    public <T> T value(JsonNode parent, String name, String path, boolean required, Function<String, T> parser) {
        String raw = text(parent, name, path, required, 64);
        if (raw == null) {
            return null;
        }
        try {
            return parser.apply(raw);
        } catch (InvalidValueException e) {
            reject(path, e.code(), e.getMessage());
            return null;
        }
    }

    public <E extends Enum<E>> E enumValue(JsonNode parent, String name, String path, Class<E> type) {
        String raw = text(parent, name, path, true, 64);
        if (raw == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw);
        } catch (IllegalArgumentException e) {
            reject(path, "UNKNOWN_VALUE", "is not one of the allowed values");
            return null;
        }
    }

    public LocalDate date(JsonNode parent, String name, String path, boolean required) {
        String raw = text(parent, name, path, required, 10);
        if (raw == null) {
            return null;
        }
        try {
            return LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            reject(path, "FORMAT", "must be a date YYYY-MM-DD");
            return null;
        }
    }

    public OffsetDateTime instant(JsonNode parent, String name, String path) {
        String raw = text(parent, name, path, true, 40);
        if (raw == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw);
        } catch (DateTimeParseException e) {
            reject(path, "FORMAT", "must be an ISO-8601 instant with an offset");
            return null;
        }
    }

    /** A whole number in {@code [min, max]}; null (with an error) otherwise. */
    public Long integer(JsonNode parent, String name, String path, long min, long max) {
        JsonNode node = present(parent, name, path, true);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            reject(path, "TYPE", "must be a whole number");
            return null;
        }
        long value = node.longValue();
        if (value < min || value > max) {
            reject(path, "OUT_OF_RANGE", "must be between " + min + " and " + max);
            return null;
        }
        return value;
    }

    public Boolean bool(JsonNode parent, String name, String path) {
        JsonNode node = present(parent, name, path, true);
        if (node == null) {
            return null;
        }
        if (!node.isBoolean()) {
            reject(path, "TYPE", "must be true or false");
            return null;
        }
        return node.booleanValue();
    }

    /** Whether the field is present with a non-null value. */
    public static boolean isPresent(JsonNode parent, String name) {
        JsonNode node = parent.get(name);
        return node != null && !node.isNull();
    }

    private JsonNode present(JsonNode parent, String name, String path, boolean required) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            if (required) {
                reject(path, "REQUIRED", "is required");
            }
            return null;
        }
        return node;
    }
}
