package org.residentregistry.api.problem;

/**
 * A request body over the limit of the endpoint: answered with 413. {@link JsonBodyLimitFilter} throws it
 * for JSON bodies; endpoints reading other media (CSV uploads) throw it at their own limits.
 */
public class RequestTooLargeException extends RuntimeException {

    public RequestTooLargeException(long limitInBytes) {
        super("The request body is larger than " + limitInBytes + " bytes");
    }
}
