package org.residentregistry.core.search;

import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import org.residentregistry.core.codes.InvalidValueException;

/** The birth dates a four-field search asks for: one day, a month or a year, from {@code first} to {@code last}. */
public record BirthDateRange(LocalDate first, LocalDate last) {

    private static final Pattern FORM = Pattern.compile("\\d{4}(-\\d{2}(-\\d{2})?)?");

    /** {@code 1980-05-06}, {@code 1980-05} or {@code 1980}. */
    public static BirthDateRange parse(String text) {
        if (!FORM.matcher(text).matches()) {
            throw invalid();
        }
        try {
            return switch (text.length()) {
                case 4 -> month(Year.parse(text).atMonth(1), 12);
                case 7 -> month(YearMonth.parse(text), 1);
                default -> new BirthDateRange(LocalDate.parse(text), LocalDate.parse(text));
            };
        } catch (DateTimeParseException e) {
            throw invalid();
        }
    }

    private static BirthDateRange month(YearMonth first, int months) {
        return new BirthDateRange(first.atDay(1), first.plusMonths(months - 1L).atEndOfMonth());
    }

    private static InvalidValueException invalid() {
        return new InvalidValueException("FORMAT", "must be a date YYYY-MM-DD, a month YYYY-MM or a year YYYY");
    }

    /** Masked: a birth date is personal data. */
    @Override
    public String toString() {
        return "BirthDateRange[***]";
    }
}
