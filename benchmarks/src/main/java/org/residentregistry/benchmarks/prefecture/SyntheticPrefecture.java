package org.residentregistry.benchmarks.prefecture;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.residentregistry.core.codes.MunicipalityCode;
import org.residentregistry.core.prefecture.Municipality;
import org.residentregistry.core.prefecture.Prefecture;

/**
 * A synthetic prefecture: a deterministic population of any size shaped like the real one, and the notifications
 * its municipalities send about it. The same seed and size give the same residents and the same notifications,
 * byte for byte, on any machine; residents are made as they are read, so ten million stream in bounded memory.
 *
 * <p>Residents are spread over the municipalities in proportion to their census populations and listed
 * municipality by municipality, in the prefecture's order. Each municipality's residents come from a stream of
 * their own, so {@link #residents(Municipality)} of one municipality costs nothing for the others.
 */
public final class SyntheticPrefecture {

    /** The day the initial population is as of; its notifications are sent that day. */
    public static final LocalDate DEFAULT_REFERENCE_DATE = LocalDate.of(2026, 4, 1);

    private final long seed;
    private final long size;
    private final LocalDate referenceDate;
    private final List<Municipality> municipalities;
    private final Map<String, Integer> indexByCode = new HashMap<>();
    private final long[] residentCounts;
    private final long[] firstPersons;
    private final People people;

    public SyntheticPrefecture(Prefecture prefecture, long seed, long size, LocalDate referenceDate) {
        if (size < 0) {
            throw new IllegalArgumentException("a population cannot be negative");
        }
        this.seed = seed;
        this.size = size;
        this.referenceDate = referenceDate;
        this.municipalities = prefecture.municipalities();
        for (int i = 0; i < municipalities.size(); i++) {
            indexByCode.put(municipalities.get(i).code().value(), i);
        }
        this.residentCounts = apportion(size, municipalities.stream().mapToLong(Municipality::population).toArray());
        this.firstPersons = new long[residentCounts.length];
        for (int i = 1; i < residentCounts.length; i++) {
            firstPersons[i] = firstPersons[i - 1] + residentCounts[i - 1];
        }
        this.people = new People(prefecture, seed);
    }

    /** Saitama at the given size, as of {@link #DEFAULT_REFERENCE_DATE}. */
    public static SyntheticPrefecture saitama(long seed, long size) {
        return new SyntheticPrefecture(Prefecture.saitama(), seed, size, DEFAULT_REFERENCE_DATE);
    }

    public long seed() {
        return seed;
    }

    public long size() {
        return size;
    }

    public LocalDate referenceDate() {
        return referenceDate;
    }

    public List<Municipality> municipalities() {
        return municipalities;
    }

    /** How many of the residents live in the municipality. */
    public long residentCount(Municipality municipality) {
        return residentCounts[index(municipality.code())];
    }

    /** Every resident, municipality by municipality. */
    public Stream<SyntheticResident> residents() {
        return concatenated(this::residentIterator, size);
    }

    public Stream<SyntheticResident> residents(Municipality municipality) {
        return stream(residentIterator(municipality), residentCount(municipality));
    }

    /**
     * The initial load: every resident as a record notification from their municipality, municipality by
     * municipality, each municipality's update sequence running 1, 2, 3… (see {@link InitialLoad}).
     */
    public Stream<Notification> initialLoad() {
        return concatenated(this::initialLoadIterator, size);
    }

    public Stream<Notification> initialLoad(Municipality municipality) {
        return stream(initialLoadIterator(municipality), residentCount(municipality));
    }

    /**
     * One municipality's residents, each as the notifications the registry holds for them: the initial load's
     * {@code MOVE_IN} and, for {@code movedShare} of them (drawn at random, deterministically), a later 転居 sent on
     * {@code movedOn} (see {@link MovesAfterLoad}). For a registry seeded with superseded versions.
     */
    public Stream<List<Notification>> initialLoadWithMoves(Municipality municipality, double movedShare,
                                                           LocalDate movedOn) {
        return stream(new MovesAfterLoad(residentIterator(municipality), initialLoadIterator(municipality),
                residentCount(municipality), people, movedShare, movedOn,
                Rng.of(seed, "moves-after-load/" + municipality.code().value())), residentCount(municipality));
    }

    /**
     * What the municipalities send over the given number of days after the initial load, in the order they send
     * it (see {@link ChangeSimulation}). Moves begun on the last days are completed after them.
     */
    public Stream<Dispatch> changes(int days) {
        Iterator<Dispatch> simulation = new ChangeSimulation(this, days);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(simulation,
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    People people() {
        return people;
    }

    int index(MunicipalityCode code) {
        Integer index = indexByCode.get(code.value());
        if (index == null) {
            throw new IllegalArgumentException("not a municipality of the prefecture: " + code);
        }
        return index;
    }

    private Iterator<SyntheticResident> residentIterator(Municipality municipality) {
        int i = index(municipality.code());
        return new MunicipalityPopulation(people, municipality.code(), firstPersons[i], residentCounts[i],
                referenceDate, Rng.of(seed, "residents/" + municipality.code().value()));
    }

    private Iterator<Notification> initialLoadIterator(Municipality municipality) {
        return new InitialLoad(residentIterator(municipality), referenceDate,
                Rng.of(seed, "initial-load/" + municipality.code().value()));
    }

    /**
     * Splits {@code total} in proportion to the weights by the largest-remainder method, so that the parts add
     * up to the total exactly and each is within one of its exact share.
     */
    static long[] apportion(long total, long[] weights) {
        long weightSum = Arrays.stream(weights).sum();
        long[] parts = new long[weights.length];
        double[] remainders = new double[weights.length];
        long given = 0;
        for (int i = 0; i < weights.length; i++) {
            double exact = (double) total * weights[i] / weightSum;
            parts[i] = (long) Math.floor(exact);
            remainders[i] = exact - parts[i];
            given += parts[i];
        }
        List<Integer> byRemainder = IntStream.range(0, weights.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> remainders[i]).reversed())
                .toList();
        for (int k = 0; given < total; k++, given++) {
            parts[byRemainder.get(k)]++;
        }
        return parts;
    }

    /** The municipalities' iterators one after the other, each made only when the one before it is used up. */
    private <T> Stream<T> concatenated(Function<Municipality, Iterator<T>> perMunicipality, long total) {
        Iterator<T> chained = new Iterator<>() {
            private final Iterator<Municipality> remaining = municipalities.iterator();
            private Iterator<T> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && remaining.hasNext()) {
                    current = perMunicipality.apply(remaining.next());
                }
                return current.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
        return stream(chained, total);
    }

    private static <T> Stream<T> stream(Iterator<T> iterator, long size) {
        return StreamSupport.stream(Spliterators.spliterator(iterator, size, Spliterator.ORDERED | Spliterator.NONNULL),
                false);
    }
}
