package org.residentregistry.benchmarks.prefecture;

import java.math.BigDecimal;

import picocli.CommandLine;

/** A count of residents such as {@code 100000}, {@code 10k}, {@code 1M} or {@code 7.3M}, read and written. */
public final class Scale implements CommandLine.ITypeConverter<Long> {

    @Override
    public Long convert(String value) {
        String v = value.trim();
        double factor = 1;
        if (v.endsWith("k") || v.endsWith("K")) {
            factor = 1e3;
        } else if (v.endsWith("M") || v.endsWith("m")) {
            factor = 1e6;
        }
        String number = factor == 1 ? v : v.substring(0, v.length() - 1);
        return Math.round(Double.parseDouble(number) * factor);
    }

    /** The count as people write it, one decimal at most: {@code 7.3M}, {@code 100k}, {@code 2.5k}, {@code 123456}. */
    public static String format(long count) {
        if (count >= 1_000_000 && count % 100_000 == 0) {
            return scaled(count, 1_000_000) + "M";
        }
        if (count >= 1_000 && count % 100 == 0) {
            return scaled(count, 1_000) + "k";
        }
        return Long.toString(count);
    }

    private static String scaled(long count, long unit) {
        return BigDecimal.valueOf(count).divide(BigDecimal.valueOf(unit)).stripTrailingZeros().toPlainString();
    }
}
