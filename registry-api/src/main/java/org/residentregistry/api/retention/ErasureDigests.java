package org.residentregistry.api.retention;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.residentregistry.core.codes.ResidentCode;

/**
 * The keyed digest — HMAC-SHA256 — by which a purge run records each resident code it erased something of: an
 * auditor holding a code can confirm it was purged, while the record itself names nobody, and whoever can read
 * the database but not the key file cannot test codes against it.
 */
final class ErasureDigests {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    ErasureDigests(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    byte[] of(ResidentCode code) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(("resident-code:" + code.value()).getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "ErasureDigests[***]";
    }
}
