package org.residentregistry.api.bulkprovision;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of an uploaded bulk query as sent, blank cells as null; {@code consistent} is false when it had another
 * number of cells than the header.
 */
record BulkQueryRow(int number, boolean consistent, String residentCode, String individualNumber, String kanjiName,
                    String kanaName, String birthDate, String sex, String address) {

    /** The upload's header, in this order (interface.md, Bulk). */
    static final String[] HEADER = {"residentCode", "individualNumber", "kanjiName", "kanaName", "birthDate", "sex",
            "address"};

    static BulkQueryRow of(int number, String[] cells) {
        return new BulkQueryRow(number, cells.length == HEADER.length, cell(cells, 0), cell(cells, 1), cell(cells, 2),
                cell(cells, 3), cell(cells, 4), cell(cells, 5), cell(cells, 6));
    }

    /** The cells given, by header name, as the provision log records the row's criteria. */
    Map<String, Object> given() {
        String[] values = {residentCode, individualNumber, kanjiName, kanaName, birthDate, sex, address};
        Map<String, Object> given = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                given.put(HEADER[i], values[i]);
            }
        }
        return given;
    }

    private static String cell(String[] cells, int index) {
        return index < cells.length && !cells[index].isBlank() ? cells[index].strip() : null;
    }

    @Override
    public String toString() {
        return "BulkQueryRow[" + number + "]";
    }
}
