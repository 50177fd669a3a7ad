package org.residentregistry.benchmarks.suite.search;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.residentregistry.benchmarks.prefecture.SyntheticPrefecture;
import org.residentregistry.benchmarks.prefecture.SyntheticResident;
import org.residentregistry.benchmarks.suite.environment.Database;

/**
 * The searches each combination is measured with: for every combination, residents drawn at random from the whole
 * synthetic prefecture among those it applies to (a seeded reservoir sample), each turned into the search that
 * must find them. Only residents whose record is still the one the initial load sent (version 1, current) are
 * kept, so that a registry that has taken changes since can still be asked about them.
 */
final class SearchSample {

    private static final String UNCHANGED = "SELECT resident_code FROM identity_current"
            + " WHERE resident_code = ANY (?) AND version = 1 AND status = 'CURRENT'";

    private final Map<SearchCombination, List<SearchCriteria>> searches;
    private final List<SearchCombination> combinations;

    private SearchSample(Map<SearchCombination, List<SearchCriteria>> searches) {
        this.searches = searches;
        this.combinations = List.copyOf(searches.keySet());
    }

    static SearchSample draw(SyntheticPrefecture prefecture, Set<SearchCombination> combinations, int perCombination,
                             Database database) throws SQLException {
        Random random = new Random(prefecture.seed());
        Map<SearchCombination, Reservoir> reservoirs = new EnumMap<>(SearchCombination.class);
        for (SearchCombination c : combinations) {
            reservoirs.put(c, new Reservoir(perCombination));
        }
        prefecture.residents().forEach(resident -> reservoirs.forEach((combination, reservoir) -> {
            if (combination.applies(resident)) {
                reservoir.offer(resident, random);
            }
        }));
        Set<String> unchanged = unchanged(reservoirs.values().stream()
                .flatMap(r -> r.residents.stream()).map(r -> r.residentCode().value()).distinct().toList(), database);
        Map<SearchCombination, List<SearchCriteria>> searches = new EnumMap<>(SearchCombination.class);
        reservoirs.forEach((combination, reservoir) -> {
            List<SearchCriteria> drawn = reservoir.residents.stream()
                    .filter(r -> unchanged.contains(r.residentCode().value()))
                    .map(combination::of).toList();
            if (drawn.isEmpty()) {
                throw new IllegalStateException("no resident to draw a search from for " + combination.label());
            }
            searches.put(combination, drawn);
        });
        return new SearchSample(searches);
    }

    /** One of the combination's searches, at random. */
    SearchCriteria any(SearchCombination combination) {
        List<SearchCriteria> drawn = searches.get(combination);
        return drawn.get(ThreadLocalRandom.current().nextInt(drawn.size()));
    }

    /** The combinations drawn, in their order. */
    List<SearchCombination> combinations() {
        return combinations;
    }

    /** One search of any combination drawn, at random: the warm-up's mix. */
    SearchCriteria any() {
        return any(combinations.get(ThreadLocalRandom.current().nextInt(combinations.size())));
    }

    /** The combination's first searches, as drawn. */
    List<SearchCriteria> first(SearchCombination combination, int most) {
        List<SearchCriteria> drawn = searches.get(combination);
        return drawn.subList(0, Math.min(most, drawn.size()));
    }

    int size(SearchCombination combination) {
        return searches.get(combination).size();
    }

    private static Set<String> unchanged(List<String> codes, Database database) throws SQLException {
        Set<String> unchanged = new HashSet<>();
        try (Connection connection = database.connect();
             PreparedStatement query = connection.prepareStatement(UNCHANGED)) {
            Array array = connection.createArrayOf("bpchar", codes.toArray());
            query.setArray(1, array);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    unchanged.add(rows.getString(1));
                }
            }
        }
        return unchanged;
    }

    /** Algorithm R: every resident offered has the same chance of being kept. */
    private static final class Reservoir {
        private final int capacity;
        private final List<SyntheticResident> residents = new ArrayList<>();
        private long offered;

        private Reservoir(int capacity) {
            this.capacity = capacity;
        }

        void offer(SyntheticResident resident, Random random) {
            offered++;
            if (residents.size() < capacity) {
                residents.add(resident);
            } else {
                long slot = (long) (random.nextDouble() * offered);
                if (slot < capacity) {
                    residents.set((int) slot, resident);
                }
            }
        }
    }
}
