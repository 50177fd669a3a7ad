package org.residentregistry.api.problem;

import java.util.List;

/**
 * Bad input: answered with 400 and every field error at once (see {@link ProblemHandler}). Throwing it
 * promises that nothing was changed.
 */
public class InvalidInputException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidInputException(List<FieldError> errors) {
        super(errors.size() + " invalid field(s)");
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
