package org.residentregistry.replay;

import java.time.Instant;

import org.residentregistry.core.notification.NotificationKey;

/** How the tables print values. Instants show in Japan's time, the registry's zone; JSON output keeps them in UTC. */
final class Text {

    /** The width of an instant as printed, to the nanosecond as the registry's clock gives it. */
    static final int INSTANT_WIDTH = "2026-04-01T23:59:59.999999999+09:00".length();

    private Text() {
    }

    static String of(Object value) {
        if (value == null) {
            return "(none)";
        }
        if (value instanceof Instant instant) {
            return instant.atZone(Instants.JAPAN).toOffsetDateTime().toString();
        }
        if (value instanceof NotificationKey key) {
            return key.municipalityCode().value() + " #" + key.updateSequence();
        }
        return value.toString();
    }

    /**
     * The columns a terminal gives a string: two for the wide characters of Japanese text (kanji, kana,
     * full-width forms), one for the rest, so that tables of names and addresses stay aligned.
     */
    static int width(String text) {
        return text.codePoints().map(c -> isWide(c) ? 2 : 1).sum();
    }

    private static boolean isWide(int c) {
        return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3)
                || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60)
                || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
    }
}
