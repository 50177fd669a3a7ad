package org.residentregistry.core.notification;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A digest of everything a notification says, to tell a resend (the same key with the same content: a
 * duplicate) from a different notification reusing a key (a sequence conflict), in either file.
 */
public final class ContentDigest {

    private ContentDigest() {
    }

    /** SHA-256 over the items in order; absent items are marked, so the canonical form is unambiguous. */
    public static String of(Object... items) {
        StringBuilder canonical = new StringBuilder();
        for (Object item : items) {
            // A unit separator between items, and a distinct mark for absent ones, keep the form unambiguous.
            canonical.append(item == null ? "\u0000" : item.toString()).append('\u001f');
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
