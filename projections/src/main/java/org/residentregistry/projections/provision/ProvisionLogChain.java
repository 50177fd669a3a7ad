package org.residentregistry.projections.provision;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The provision log's hash chain and checkpoints: the one implementation of the canonical encoding, shared by the
 * server that writes the chain and the tools that verify it. An entry's hash is SHA-256 over the previous entry's
 * hash and the entry's fields, each length-prefixed (so no two entries encode alike); a checkpoint's MAC is
 * HMAC-SHA256, with a key kept outside the database, over the seq it seals, the chain hash there, its time and the
 * previous checkpoint's seq; a retention purge's record is MAC'd the same way.
 */
public final class ProvisionLogChain {

    /** The "previous hash" of the first entry ever written. */
    public static final byte[] GENESIS = new byte[32];

    private static final byte[] ENTRY_DOMAIN = "provision-log-entry/1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHECKPOINT_DOMAIN = "provision-log-checkpoint/1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PURGE_DOMAIN = "provision-log-purge/1".getBytes(StandardCharsets.US_ASCII);

    private ProvisionLogChain() {
    }

    /** The instant as the database keeps it (microseconds), so that hashing before and after storing agree. */
    public static Instant storedPrecision(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    public static byte[] hash(byte[] previous, ProvisionLogEntry entry) {
        Encoder encoder = new Encoder(ENTRY_DOMAIN);
        encoder.bytes(previous);
        encoder.number(entry.seq());
        encoder.text(entry.id().toString());
        encoder.instant(entry.at());
        encoder.text(entry.operatorId());
        encoder.text(entry.departmentId());
        encoder.text(entry.terminalId());
        encoder.text(entry.affairCode());
        encoder.text(entry.legalBasis());
        encoder.text(entry.queryKind());
        encoder.text(entry.criteria());
        encoder.text(entry.outcome());
        encoder.text(entry.refusalReason());
        encoder.number(entry.residentCodes().size());
        entry.residentCodes().forEach(encoder::text);
        encoder.number(entry.individualNumberIncluded() ? 1 : 0);
        return sha256(encoder.encoded());
    }

    public static byte[] checkpointMac(CheckpointKey key, long seq, byte[] chainHash, Instant at, long previousSeq) {
        Encoder encoder = new Encoder(CHECKPOINT_DOMAIN);
        encoder.number(seq);
        encoder.bytes(chainHash);
        encoder.instant(at);
        encoder.number(previousSeq);
        return hmac(key, encoder.encoded());
    }

    /**
     * The MAC of a retention purge's record: the checkpoint it cuts at (its seq and chain hash), the instant before
     * which the log had expired, and when the purge was recorded. Without the key, a deletion of leading entries
     * cannot be made to look like a purge.
     */
    public static byte[] purgeMac(CheckpointKey key, long cutSeq, byte[] chainHash, Instant expiredBefore, Instant at) {
        Encoder encoder = new Encoder(PURGE_DOMAIN);
        encoder.number(cutSeq);
        encoder.bytes(chainHash);
        encoder.instant(expiredBefore);
        encoder.instant(at);
        return hmac(key, encoder.encoded());
    }

    private static byte[] hmac(CheckpointKey key, byte[] encoded) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.bytes(), "HmacSHA256"));
            return mac.doFinal(encoded);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Length-prefixed fields: a null text is length -1, distinct from the empty text. */
    private static final class Encoder {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
        private final DataOutputStream out = new DataOutputStream(buffer);

        Encoder(byte[] domain) {
            bytes(domain);
        }

        void bytes(byte[] bytes) {
            write(() -> {
                out.writeInt(bytes.length);
                out.write(bytes);
            });
        }

        void text(String text) {
            if (text == null) {
                write(() -> out.writeInt(-1));
            } else {
                bytes(text.getBytes(StandardCharsets.UTF_8));
            }
        }

        void number(long number) {
            write(() -> out.writeLong(number));
        }

        void instant(Instant instant) {
            number(ChronoUnit.MICROS.between(Instant.EPOCH, instant));
        }

        byte[] encoded() {
            return buffer.toByteArray();
        }

        private void write(Write write) {
            try {
                write.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e); // a byte array does not fail
            }
        }

        @FunctionalInterface
        private interface Write {
            void run() throws IOException;
        }
    }
}
