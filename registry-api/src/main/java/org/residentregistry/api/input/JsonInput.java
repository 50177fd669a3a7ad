package org.residentregistry.api.input;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import org.residentregistry.api.problem.FieldErrors;

/**
 * Reads a JSON document field by field, with {@link FieldErrors} collecting every error with its JSON path, so
 * that a caller learns everything wrong with a request at once (all-or-nothing validation). For requests read
 * as trees: the notification batches, where one bad item must not hide the errors of the others.
 */
public class JsonInput {

    private final FieldErrors errors = new FieldErrors();

    /** Fails with every error collected so far, if there is any. */
    public void throwIfInvalid() {
        errors.throwIfAny();
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public void reject(String path, String code, String message) {
        errors.add(path, code, message);
    }

    /** An object at {@code path}, or null (with an error when required). Reports fields not in {@code allowed}. */
    public JsonNode object(JsonNode parent, String name, String path, boolean required, Set<String> allowed) {
        JsonNode node = present(parent, name, path, required);
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            reject(path, FieldErrors.WRONG_TYPE, "must be an object");
            return null;
        }
        rejectUnknownFields(node, path, allowed);
        return node;
    }

    public void rejectUnknownFields(JsonNode node, String path, Set<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!allowed.contains(field)) {
                reject(path.isEmpty() ? field : path + "." + field, FieldErrors.UNKNOWN_FIELD, "is not a field of this request");
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
            reject(path, FieldErrors.WRONG_TYPE, "must be a string");
            return null;
        }
        String value = errors.requireText(path, node.textValue(), maxLength);
        if (value != null && value.codePoints().anyMatch(Character::isISOControl)) {
            reject(path, FieldErrors.FORMAT, "must not contain control characters");
            return null;
        }
        return value;
    }

    /** A reading — ふりがな — of 1 to {@code maxLength} characters in katakana or hiragana ({@link Kana}), or null. */
    public String kana(JsonNode parent, String name, String path, boolean required, int maxLength) {
        String value = text(parent, name, path, required, maxLength);
        if (value != null && !Kana.isKanaText(value)) {
            reject(path, FieldErrors.FORMAT, "must be katakana or hiragana");
            return null;
        }
        return value;
    }

    /** A string turned into a value by {@code parser}, whose {@link InvalidValueException} becomes a field error. */
    public <T> T value(JsonNode parent, String name, String path, boolean required, Function<String, T> parser) {
        String raw = text(parent, name, path, required, 64);
        return raw == null ? null : errors.parse(path, raw, parser);
    }

    public <E extends Enum<E>> E enumValue(JsonNode parent, String name, String path, Class<E> type) {
        String raw = text(parent, name, path, true, 64);
        return raw == null ? null : errors.requireOneOf(path, raw, type);
    }

    public LocalDate date(JsonNode parent, String name, String path, boolean required) {
        String raw = text(parent, name, path, required, 10);
        if (raw == null) {
            return null;
        }
        try {
            return LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            reject(path, FieldErrors.FORMAT, "must be a date YYYY-MM-DD");
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
            reject(path, FieldErrors.FORMAT, "must be an ISO-8601 instant with an offset");
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
            reject(path, FieldErrors.WRONG_TYPE, "must be a whole number");
            return null;
        }
        long value = node.longValue();
        if (value < min || value > max) {
            reject(path, FieldErrors.INVALID_VALUE, "must be between " + min + " and " + max);
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
            reject(path, FieldErrors.WRONG_TYPE, "must be true or false");
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
                reject(path, FieldErrors.REQUIRED, "is required");
            }
            return null;
        }
        return node;
    }
}
