package org.residentregistry.core.prefecture;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.residentregistry.core.codes.MunicipalityCode;

/**
 * The prefecture — 都道府県 — whose registry this is: the municipalities that may notify it. A code outside
 * it is bad input (domain.md §4.2).
 */
public final class Prefecture {

    private static final String SAITAMA_RESOURCE = "/prefecture/saitama-municipalities.csv";

    private final String name;
    private final Map<String, Municipality> municipalities;

    private Prefecture(String name, List<Municipality> municipalities) {
        this.name = name;
        Map<String, Municipality> byCode = new LinkedHashMap<>();
        municipalities.forEach(m -> byCode.put(m.code().value(), m));
        this.municipalities = Collections.unmodifiableMap(byCode);
    }

    /** Saitama: the 63 municipalities of the official code list with their 2025 census populations. */
    public static Prefecture saitama() {
        try (InputStream in = Prefecture.class.getResourceAsStream(SAITAMA_RESOURCE)) {
            return fromCsv("埼玉県", Objects.requireNonNull(in, SAITAMA_RESOURCE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a list in the columns {@code code,name,kana,kind,county,population} (the header is skipped).
     */
    public static Prefecture fromCsv(String prefectureName, InputStream csv) throws IOException {
        List<Municipality> list = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8));
        String line = reader.readLine();
        while ((line = reader.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            list.add(new Municipality(MunicipalityCode.of(f[0].trim()), f[1], f[2], f[3], Long.parseLong(f[5].trim())));
        }
        return new Prefecture(prefectureName, list);
    }

    public String name() {
        return name;
    }

    public boolean contains(MunicipalityCode code) {
        return municipalities.containsKey(code.value());
    }

    public Optional<Municipality> municipality(MunicipalityCode code) {
        return Optional.ofNullable(municipalities.get(code.value()));
    }

    public List<Municipality> municipalities() {
        return List.copyOf(municipalities.values());
    }
}
