package org.residentregistry.api.problem;

/**
 * One bad field of a request, as listed in a 400 problem document's {@code errors}.
 *
 * @param field   JSON path of the field, such as {@code notifications[3].name.kana}
 * @param code    stable, machine-readable code such as {@code REQUIRED} or {@code CHECK_DIGIT}
 * @param message the rule broken, in words; never the submitted value, which may be personal data
 */
public record FieldError(String field, String code, String message) {
}
