package org.residentregistry.api.problem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.residentregistry.core.codes.InvalidValueException;

/**
 * Collects the field errors of one request so that a 400 lists every bad field, not just the first.
 * <pre>{@code
 * FieldErrors errors = new FieldErrors();
 * String name = errors.requireText("name", request.name(), 200);
 * Kind kind = errors.requireOneOf("kind", request.kind(), Kind.class);
 * MunicipalityCode code = errors.parse("municipalityCode", request.municipalityCode(), MunicipalityCode::of);
 * errors.throwIfAny();
 * }</pre>
 * Each {@code require…} method returns the checked value, or {@code null} after recording an error.
 * Messages name the rule broken, never the submitted value: values may be personal data.
 */
public final class FieldErrors {

    public static final String REQUIRED = "REQUIRED";
    public static final String TOO_LONG = "TOO_LONG";
    public static final String FORMAT = "FORMAT";
    /** Not one of the values the field accepts. */
    public static final String INVALID_VALUE = "INVALID_VALUE";
    /** A JSON value of the wrong type, such as a string where a list belongs. */
    public static final String WRONG_TYPE = "WRONG_TYPE";
    public static final String DUPLICATE = "DUPLICATE";
    /** A well-formed reference to something the registry does not hold. */
    public static final String UNKNOWN = "UNKNOWN";
    /** A well-formed municipality code of another prefecture (domain.md §4.2). */
    public static final String OUTSIDE_PREFECTURE = "OUTSIDE_PREFECTURE";
    /** A field present where it has no meaning. */
    public static final String NOT_ALLOWED = "NOT_ALLOWED";
    public static final String UNKNOWN_FIELD = "UNKNOWN_FIELD";
    /** Criteria too weak to find a person rather than fish for many (a four-field search); the field is empty. */
    public static final String TOO_BROAD = "TOO_BROAD";

    private final List<FieldError> errors = new ArrayList<>();

    public void add(String field, String code, String message) {
        errors.add(new FieldError(field, code, message));
    }

    /** The path of an item of a list field, such as {@code affairs[1]}. */
    public static String item(String field, int index) {
        return field + "[" + index + "]";
    }

    public <T> T require(String field, T value) {
        if (value == null) {
            add(field, REQUIRED, "is required");
        }
        return value;
    }

    /** Non-blank text of at most {@code maxLength} characters (code points, as Japanese text may hold surrogate pairs). */
    public String requireText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            add(field, REQUIRED, "is required and may not be blank");
            return null;
        }
        if (value.codePointCount(0, value.length()) > maxLength) {
            add(field, TOO_LONG, "may be at most " + maxLength + " characters");
            return null;
        }
        return value;
    }

    /** The constant of {@code type} named by {@code value}. */
    public <E extends Enum<E>> E requireOneOf(String field, String value, Class<E> type) {
        if (require(field, value) == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        add(field, INVALID_VALUE, "must be one of " + names(type));
        return null;
    }

    /**
     * A non-empty list without repeated items, each checked by {@code itemCheck(path, item)}, which records
     * its own errors and returns {@code null} for a bad item. Returns the good items.
     */
    public <T> List<T> requireItems(String field, List<String> values, BiFunction<String, String, T> itemCheck) {
        if (require(field, values) == null) {
            return List.of();
        }
        if (values.isEmpty()) {
            add(field, REQUIRED, "must have at least one item");
        }
        List<T> checked = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value != null && !seen.add(value)) {
                add(item(field, i), DUPLICATE, "repeats an earlier item");
                continue;
            }
            T item = itemCheck.apply(item(field, i), value);
            if (item != null) {
                checked.add(item);
            }
        }
        return checked;
    }

    /**
     * A value of a core type such as {@code MunicipalityCode}, whose constructor enforces the rules of
     * domain.md §4: a broken rule becomes an error with the core's code ({@code FORMAT}, {@code CHECK_DIGIT}).
     */
    public <T> T parse(String field, String value, Function<String, T> parser) {
        if (require(field, value) == null) {
            return null;
        }
        try {
            return parser.apply(value);
        } catch (InvalidValueException e) {
            add(field, e.code(), e.getMessage());
            return null;
        }
    }

    /** A field that must be left out, for the reason given. */
    public void requireAbsent(String field, Object value, String reason) {
        if (value != null) {
            add(field, NOT_ALLOWED, reason);
        }
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Ends the checks: throws {@link InvalidInputException} with every error found. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    static String names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
