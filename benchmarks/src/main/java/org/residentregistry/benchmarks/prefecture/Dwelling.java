package org.residentregistry.benchmarks.prefecture;

/**
 * Where a household lives, in the 住居表示 form: district, 丁目, 番 (街区符号, the block) and 号 (住居番号, the
 * house). Kept structured so that a readdressing can renumber a district's blocks and houses.
 */
public record Dwelling(District district, int chome, int block, int house) {

    private static final String CHOME_NUMERALS = "〇一二三四五六七八九";

    /** As a record writes it: "埼玉県川口市本町一丁目１番１号" (kanji numeral 丁目, full-width 番 and 号). */
    public Address address() {
        String text = district.addressPrefix() + CHOME_NUMERALS.charAt(chome) + "丁目"
                + fullWidth(block) + "番" + fullWidth(house) + "号";
        return new Address(text, district.oazaCode(), district.gaijiCount(), 0);
    }

    private static String fullWidth(int number) {
        StringBuilder digits = new StringBuilder();
        for (char c : Integer.toString(number).toCharArray()) {
            digits.append((char) ('０' + (c - '0')));
        }
        return digits.toString();
    }

    /** Never the personal data itself (synthetic or not), so that logs and test reports carry none. */
    @Override
    public String toString() {
        return "Dwelling[***]";
    }
}
