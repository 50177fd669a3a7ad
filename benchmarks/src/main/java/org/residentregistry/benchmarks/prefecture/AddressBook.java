package org.residentregistry.benchmarks.prefecture;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.residentregistry.core.codes.MunicipalityCode;
import org.residentregistry.core.prefecture.Municipality;
import org.residentregistry.core.prefecture.Prefecture;

/**
 * The districts of every municipality, and dwellings in them. Names come from a list of common town names
 * ({@code /synthetic/town-names.txt}); a municipality gets one district for about every 10,000 inhabitants, so
 * that residents of a big city share a district name with tens of thousands of others, as in 川口市本町. Saitama
 * City's districts sit in its wards ("埼玉県さいたま市浦和区仲町").
 */
final class AddressBook {

    private static final int INHABITANTS_PER_DISTRICT = 10_000;
    private static final int MIN_DISTRICTS = 6;
    private static final int MAX_CHOME = 5;
    private static final int MAX_BLOCK = 30;
    private static final int MAX_HOUSE = 30;

    /** Municipalities divided into wards (区), and the resource listing them. */
    private static final Map<String, String> WARD_LISTS = Map.of("111007", "saitama-city-wards.csv");

    private final Map<String, List<District>> districtsByMunicipality = new HashMap<>();

    AddressBook(Prefecture prefecture, long seed) {
        List<String> townNames = Resources.lines("town-names.txt");
        for (Municipality m : prefecture.municipalities()) {
            Rng rng = Rng.of(seed, "districts/" + m.code().value());
            String root = prefecture.name() + m.name();
            List<District> districts = new ArrayList<>();
            String wardList = WARD_LISTS.get(m.code().value());
            if (wardList == null) {
                addDistricts(districts, root, m.population(), townNames, rng);
            } else {
                for (String[] ward : Resources.csvRows(wardList)) {
                    addDistricts(districts, root + ward[1], Long.parseLong(ward[3]), townNames, rng);
                }
            }
            districtsByMunicipality.put(m.code().value(), List.copyOf(districts));
        }
    }

    /** Districts for a place of the given population, named from a shuffle of the town names. */
    private static void addDistricts(List<District> districts, String root, long population, List<String> townNames,
                                     Rng rng) {
        List<String> names = new ArrayList<>(townNames);
        for (int i = names.size() - 1; i > 0; i--) {
            Collections.swap(names, i, rng.nextInt(i + 1));
        }
        long wanted = Math.round((double) population / INHABITANTS_PER_DISTRICT);
        long count = Math.max(MIN_DISTRICTS, Math.min(names.size(), wanted));
        for (int i = 0; i < count; i++) {
            String oazaCode = String.format("%04d", (districts.size() + 1) * 10);
            districts.add(District.of(root + names.get(i), oazaCode, rng.between(1, MAX_CHOME)));
        }
    }

    /** A dwelling anywhere in the municipality, districts equally likely. */
    Dwelling dwelling(MunicipalityCode municipality, Rng rng) {
        List<District> districts = districtsByMunicipality.get(municipality.value());
        District district = districts.get(rng.nextInt(districts.size()));
        return new Dwelling(district, rng.between(1, district.chomeCount()), rng.between(1, MAX_BLOCK),
                rng.between(1, MAX_HOUSE));
    }

    /** The same place after a 住居表示 renumbering: same district and 丁目, another 番 and 号. */
    Dwelling renumbered(Dwelling dwelling, Rng rng) {
        Dwelling renumbered;
        do {
            renumbered = new Dwelling(dwelling.district(), dwelling.chome(), rng.between(1, MAX_BLOCK),
                    rng.between(1, MAX_HOUSE));
        } while (renumbered.equals(dwelling));
        return renumbered;
    }
}
