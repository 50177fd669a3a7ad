package org.residentregistry.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules for accounts' bearer tokens, shared by account creation, the bootstrap administrator and
 * authentication. Tokens are chosen by whoever creates the account and must be random (for example
 * {@code openssl rand -base64 32}); the registry keeps only their hashes.
 */
public final class AccountTokens {

    public static final int MIN_LENGTH = 32;
    public static final int MAX_LENGTH = 512;

    /** RFC 6750's b64token: all that may follow {@code Bearer } in the header; Spring rejects anything else. */
    private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

    private AccountTokens() {
    }

    /** Why a token cannot be an account's token; the name is the field error's code. */
    public enum Defect {
        TOO_SHORT("must be at least " + MIN_LENGTH + " characters"),
        TOO_LONG("may be at most " + MAX_LENGTH + " characters"),
        FORMAT("may contain only ASCII letters, digits and - . _ ~ + /, then optional = padding");

        private final String message;

        Defect(String message) {
            this.message = message;
        }

        public String message() {
            return message;
        }
    }

    /** Empty if {@code token} may be an account's token. */
    public static Optional<Defect> defect(String token) {
        if (token.length() < MIN_LENGTH) {
            return Optional.of(Defect.TOO_SHORT);
        }
        if (token.length() > MAX_LENGTH) {
            return Optional.of(Defect.TOO_LONG);
        }
        return B64TOKEN.matcher(token).matches() ? Optional.empty() : Optional.of(Defect.FORMAT);
    }

    /**
     * SHA-256 of the token, as stored in {@code account.token_hash}. Unsalted and fast on purpose: a
     * token is a long random secret, not a password, so guessing it from its hash is infeasible with any
     * hash, and a deterministic hash lets authentication find the account through the unique index on
     * {@code token_hash} (a salted, slow password hash would have to be checked against every account).
     */
    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
