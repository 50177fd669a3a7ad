package org.residentregistry.core.codes;

/** The check-digit rules of domain.md §4.1. */
final class CheckDigits {

    private CheckDigits() {
    }

    /**
     * Check digit of the individual number and of the resident code: with Pn the n-th digit from the
     * right of the body, Qn = n+1 for n ≤ 6 and n−5 for n ≥ 7; r = Σ Pn·Qn mod 11; 0 when r ≤ 1,
     * else 11 − r.
     */
    static int weightedMod11(String body) {
        int sum = 0;
        int length = body.length();
        for (int n = 1; n <= length; n++) {
            int digit = body.charAt(length - n) - '0';
            int weight = n <= 6 ? n + 1 : n - 5;
            sum += digit * weight;
        }
        int r = sum % 11;
        return r <= 1 ? 0 : 11 - r;
    }

    /** Check digit of a local government code: weights 6,5,4,3,2 from the left; (11 − r) mod 10. */
    static int localGovernment(String body) {
        int sum = 0;
        for (int i = 0; i < 5; i++) {
            sum += (body.charAt(i) - '0') * (6 - i);
        }
        return (11 - sum % 11) % 10;
    }

    static void requireDigits(String raw, int length, String what) {
        if (raw == null || raw.length() != length || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidValueException("FORMAT", what + " must be exactly " + length + " ASCII digits");
        }
    }

    static void requireCheckDigit(String raw, int expected, String what) {
        if (raw.charAt(raw.length() - 1) - '0' != expected) {
            throw new InvalidValueException("CHECK_DIGIT", what + " has a wrong check digit");
        }
    }
}
