package org.residentregistry.api.admin;

import java.util.regex.Pattern;

import org.residentregistry.api.problem.FieldErrors;

/**
 * The form of account ids, department ids and affair codes: they appear in URLs, query parameters and
 * logs, so they are plain ASCII without spaces, and fit the tables' {@code VARCHAR(64)}.
 */
final class Identifiers {

    static final int MAX_LENGTH = 64;

    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private Identifiers() {
    }

    static String require(FieldErrors errors, String field, String value) {
        String text = errors.requireText(field, value, MAX_LENGTH);
        if (text != null && !FORM.matcher(text).matches()) {
            errors.add(field, FieldErrors.FORMAT,
                    "may contain only ASCII letters, digits, '.', '_' and '-', and must start with a letter or digit");
            return null;
        }
        return text;
    }
}
