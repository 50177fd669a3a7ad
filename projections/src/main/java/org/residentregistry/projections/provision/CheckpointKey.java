package org.residentregistry.projections.provision;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * The key that authenticates the provision log's checkpoints, kept outside the database (a file holding it in
 * Base64 on one line): whoever can write the database but not read this file cannot forge a checkpoint.
 */
public final class CheckpointKey {

    /** 256 bits, HMAC-SHA256's block-size-safe key length. */
    public static final int LENGTH = 32;

    private final byte[] bytes;

    private CheckpointKey(byte[] bytes) {
        if (bytes.length < LENGTH) {
            throw new IllegalArgumentException("A checkpoint key has at least " + LENGTH + " bytes");
        }
        this.bytes = bytes.clone();
    }

    public static CheckpointKey of(byte[] bytes) {
        return new CheckpointKey(bytes);
    }

    public static CheckpointKey read(Path file) throws IOException {
        try {
            return new CheckpointKey(Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip()));
        } catch (IllegalArgumentException e) {
            throw new IOException("The checkpoint key file " + file + " does not hold a Base64 key of at least "
                    + LENGTH + " bytes", e);
        }
    }

    /** The file's text for this key. */
    public String encoded() {
        return Base64.getEncoder().encodeToString(bytes) + "\n";
    }

    byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public String toString() {
        return "CheckpointKey[***]";
    }
}
