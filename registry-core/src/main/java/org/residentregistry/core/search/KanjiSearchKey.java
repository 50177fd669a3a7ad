package org.residentregistry.core.search;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The kanji search key of a name or an address (domain.md §3.2): spaces and variation selectors dropped, NFKC
 * applied (compatibility ideographs to their unified forms, widths unified) and variant forms — 異体字 — folded
 * with the table {@code /search/kanji-variants.tsv}, so that 髙橋 finds 高橋 and 渡邉 finds 渡辺. The stored name
 * is never changed: the key is derived beside it.
 */
public final class KanjiSearchKey {

    static final String VARIANTS_RESOURCE = "/search/kanji-variants.tsv";

    /** Variant code point to the code point it folds to. */
    private static final Map<Integer, Integer> VARIANTS = variants();

    private KanjiSearchKey() {
    }

    public static String of(String text) {
        StringBuilder withoutSelectors = new StringBuilder(text.length());
        text.codePoints().filter(c -> !isVariationSelector(c)).forEach(withoutSelectors::appendCodePoint);
        String nfkc = Normalizer.normalize(withoutSelectors, Normalizer.Form.NFKC);
        StringBuilder key = new StringBuilder(nfkc.length());
        nfkc.codePoints().filter(c -> !Names.isSpace(c)).map(c -> VARIANTS.getOrDefault(c, c))
                .forEach(key::appendCodePoint);
        return key.toString();
    }

    /** The name as written, for telling an exact match from one found only through the key: spaces dropped. */
    public static String written(String text) {
        StringBuilder written = new StringBuilder(text.length());
        text.codePoints().filter(c -> !Names.isSpace(c)).forEach(written::appendCodePoint);
        return written.toString();
    }

    private static boolean isVariationSelector(int c) {
        return c >= 0xFE00 && c <= 0xFE0F || c >= 0xE0100 && c <= 0xE01EF;
    }

    private static Map<Integer, Integer> variants() {
        try (InputStream in = Objects.requireNonNull(KanjiSearchKey.class.getResourceAsStream(VARIANTS_RESOURCE),
                VARIANTS_RESOURCE)) {
            Map<Integer, Integer> variants = new HashMap<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] pair = line.split("\t");
                if (pair.length != 2 || pair[0].codePointCount(0, pair[0].length()) != 1
                        || pair[1].codePointCount(0, pair[1].length()) != 1) {
                    throw new IllegalStateException(VARIANTS_RESOURCE + ": not a pair of single characters: " + line);
                }
                variants.put(pair[0].codePointAt(0), pair[1].codePointAt(0));
            }
            return Collections.unmodifiableMap(variants);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
