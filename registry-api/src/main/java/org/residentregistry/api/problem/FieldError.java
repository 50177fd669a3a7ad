package org.residentregistry.api.problem;

/** One bad field of a request: its JSON path, a stable code and a message that never repeats the value. */
public record FieldError(String field, String code, String message) {
}
