package org.residentregistry.benchmarks.prefecture;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.residentregistry.benchmarks.prefecture.Dispatch.Delivery;
import org.residentregistry.core.codes.MunicipalityCode;
import org.residentregistry.core.codes.Sex;
import org.residentregistry.core.prefecture.Municipality;
import static java.time.temporal.ChronoUnit.DAYS;

/**
 * Life in a synthetic prefecture after its initial load, day by day, as the notifications its municipalities
 * send: moves within a municipality and between them, moves into and out of the prefecture, births, deaths, name
 * changes, new individual numbers and readdressings (住居表示の実施), plus the resends and late arrivals of real
 * networks.
 *
 * <p>Volumes follow the whole population's size. The people they happen to are drawn from at most
 * {@value #MAX_TRACKED} residents of the initial population (every k-th one), plus those born or moving in later:
 * that keeps memory bounded at any size, while every notification still carries a complete, consistent record.
 *
 * <p>Each municipality numbers what it sends 1, 2, 3… after its initial load, in the order it sends. A move
 * between municipalities is sent by both: the old one's {@code MOVE_OUT} and the new one's {@code MOVE_IN}, one to
 * fourteen days apart, the {@code MOVE_OUT} first seven times in ten. When the {@code MOVE_IN} comes first, the
 * registry takes the {@code MOVE_OUT} into the history only (domain.md §2.2).
 */
final class ChangeSimulation implements Iterator<Dispatch> {

    /**
     * What happens to residents, and how often, per 1,000 residents a year. Orders of magnitude for Saitama
     * around 2023, rounded and not re-checked against the tables: births (≈41,000) and deaths (≈87,000) from
     * 人口動態統計; moves into and out of the prefecture (≈190,000 and ≈165,000) from 住民基本台帳人口移動報告;
     * moves between and within its municipalities, name changes (mostly marriages) and new individual numbers
     * are estimates.
     */
    private enum Change {
        MOVE_WITHIN(40),
        MOVE_BETWEEN(20),
        MOVE_INTO_PREFECTURE(26),
        MOVE_OUT_OF_PREFECTURE(23),
        BIRTH(5.7),
        DEATH(12),
        NAME_CHANGE(5),
        INDIVIDUAL_NUMBER_CHANGE(0.1);

        private final double perThousandAYear;

        Change(double perThousandAYear) {
            this.perThousandAYear = perThousandAYear;
        }
    }

    private static final Weighted<Change> CHANGES = Weighted.of(List.of(Change.values()), c -> c.perThousandAYear);
    private static final double CHANGES_PER_RESIDENT_A_DAY =
            Arrays.stream(Change.values()).mapToDouble(c -> c.perThousandAYear).sum() / 1000 / 365;

    /** A readdressing renumbers a whole district at once; the prefecture sees a few a year. */
    private static final double READDRESSINGS_A_DAY = 6.0 / 365;

    private static final double MOVE_OUT_FIRST_SHARE = 0.7;
    private static final int MAX_DAYS_BETWEEN_MOVE_HALVES = 14;

    /**
     * Share of moves within a municipality followed by a second one reported at the same time, the later one
     * arriving first: the earlier one is then {@link Delivery#LATE}.
     */
    private static final double MOVED_TWICE_SHARE = 0.02;

    /** Share of notifications a CS sends again, having got no answer; it resends one of its last few. */
    private static final double RESEND_SHARE = 0.005;
    private static final int RESENDABLE = 64;

    /** Most residents of the initial population the changes are drawn from. */
    static final int MAX_TRACKED = 200_000;

    /**
     * Most days before its notice a change can have happened: moves and births are reported within 14 days
     * (住民基本台帳法, 戸籍法), deaths within 7.
     */
    private static final int REPORTED_WITHIN_DAYS = 13;
    private static final int DEATH_REPORTED_WITHIN_DAYS = 6;
    /**
     * A move between municipalities happens up to a week before its first half is sent, so that it still lies
     * within 31 days of the second half, sent up to 14 days later.
     */
    private static final int MOVE_OUT_REPORTED_WITHIN_DAYS = 7;

    private static final double MARRIED_WOMAN_SHARE = 0.95;
    private static final double RECORDS_FORMER_SURNAME_SHARE = 0.1;

    /** Attempts to find a resident who fits a change before giving that change up. */
    private static final int PICK_ATTEMPTS = 1000;

    /** Municipal offices are open 08:30–17:15; notifications leave while they are. */
    private static final LocalTime OPENS = LocalTime.of(8, 30);
    private static final int SECONDS_OPEN = (int) Duration.ofHours(8).plusMinutes(45).toSeconds();

    /** A resident the changes are drawn from, as the registry will hold them once everything sent is applied. */
    private static final class Tracked {
        private SyntheticResident record;
        /** Between the two halves of a move between municipalities: nothing else happens to them meanwhile. */
        private boolean inTransit;

        private Tracked(SyntheticResident record) {
            this.record = record;
        }
    }

    /** The second half of a move between municipalities, sent later by the other municipality. */
    private record PendingHalf(OffsetDateTime at, long order, Tracked who, SyntheticResident record,
                               ChangeReason reason, LocalDate changeDate) {
    }

    private record Action(OffsetDateTime at, long order, Consumer<OffsetDateTime> run) {
    }

    private final SyntheticPrefecture prefecture;
    private final People people;
    private final Weighted<Municipality> municipalitiesByPopulation;
    private final Rng rng;
    private final LocalDate lastDay;
    private LocalDate day;
    private long order;

    private final List<Tracked> tracked = new ArrayList<>();
    private final long[] nextSequence;
    private final List<ArrayDeque<Notification>> recentlySent = new ArrayList<>();
    private final PriorityQueue<PendingHalf> pendingHalves = new PriorityQueue<>(
            Comparator.comparing(PendingHalf::at).thenComparingLong(PendingHalf::order));
    private final ArrayDeque<Dispatch> out = new ArrayDeque<>();
    private long nextPerson;
    private long replacedNumbers;

    ChangeSimulation(SyntheticPrefecture prefecture, int days) {
        this.prefecture = prefecture;
        this.people = prefecture.people();
        this.municipalitiesByPopulation = Weighted.of(prefecture.municipalities(), Municipality::population);
        this.rng = Rng.of(prefecture.seed(), "changes");
        this.day = prefecture.referenceDate();
        this.lastDay = day.plusDays(days);
        this.nextPerson = prefecture.size();
        List<Municipality> municipalities = prefecture.municipalities();
        this.nextSequence = new long[municipalities.size()];
        for (int i = 0; i < municipalities.size(); i++) {
            nextSequence[i] = prefecture.residentCount(municipalities.get(i)) + 1;
            recentlySent.add(new ArrayDeque<>());
        }
        long stride = Math.max(1, -Math.floorDiv(-prefecture.size(), MAX_TRACKED));
        long[] seen = {0};
        prefecture.residents().forEach(resident -> {
            if (seen[0]++ % stride == 0) {
                tracked.add(new Tracked(resident));
            }
        });
    }

    @Override
    public boolean hasNext() {
        while (out.isEmpty() && (day.isBefore(lastDay) || !pendingHalves.isEmpty())) {
            simulateNextDay();
        }
        return !out.isEmpty();
    }

    @Override
    public Dispatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return out.poll();
    }

    private void simulateNextDay() {
        day = day.plusDays(1);
        List<Action> actions = new ArrayList<>();
        while (!pendingHalves.isEmpty() && !pendingHalves.peek().at().toLocalDate().isAfter(day)) {
            PendingHalf half = pendingHalves.poll();
            actions.add(new Action(half.at(), half.order(), at -> completeMove(half, at)));
        }
        if (!day.isAfter(lastDay)) {
            double expected = prefecture.size() * CHANGES_PER_RESIDENT_A_DAY;
            long count = (long) expected + (rng.chance(expected - Math.floor(expected)) ? 1 : 0);
            for (long k = 0; k < count; k++) {
                Change change = CHANGES.pick(rng);
                actions.add(new Action(officeHours(day), order++, at -> happen(change, at)));
            }
            if (rng.chance(READDRESSINGS_A_DAY)) {
                actions.add(new Action(officeHours(day), order++, this::readdress));
            }
        }
        actions.sort(Comparator.comparing(Action::at).thenComparingLong(Action::order));
        actions.forEach(action -> action.run().accept(action.at()));
    }

    private void happen(Change change, OffsetDateTime at) {
        switch (change) {
            case MOVE_WITHIN -> moveWithin(at);
            case MOVE_BETWEEN -> moveBetween(at);
            case MOVE_INTO_PREFECTURE -> moveIntoPrefecture(at);
            case MOVE_OUT_OF_PREFECTURE -> moveOutOfPrefecture(at);
            case BIRTH -> birth(at);
            case DEATH -> death(at);
            case NAME_CHANGE -> nameChange(at);
            case INDIVIDUAL_NUMBER_CHANGE -> individualNumberChange(at);
        }
    }

    /** 転居: a new dwelling in the same municipality; now and then twice, the second notice overtaking the first. */
    private void moveWithin(OffsetDateTime at) {
        int i = pick(resident -> true);
        if (i < 0) {
            return;
        }
        Tracked who = tracked.get(i);
        SyntheticResident moved = movedWithin(who.record);
        LocalDate changeDate = ChangeDates.before(at, REPORTED_WITHIN_DAYS, who.record.birthDate(), rng);
        if (rng.chance(MOVED_TWICE_SHARE)) {
            SyntheticResident movedAgain = movedWithin(moved);
            int daysSinceFirst = (int) DAYS.between(changeDate, at.toLocalDate());
            LocalDate secondDate = ChangeDates.before(at, daysSinceFirst, changeDate, rng);
            Notification first = notice(moved, ChangeReason.MOVE_WITHIN, changeDate, at);
            send(notice(movedAgain, ChangeReason.MOVE_WITHIN, secondDate, at));
            out.add(new Dispatch(first, Delivery.LATE));
            who.record = movedAgain;
        } else {
            send(notice(moved, ChangeReason.MOVE_WITHIN, changeDate, at));
            who.record = moved;
        }
    }

    private SyntheticResident movedWithin(SyntheticResident resident) {
        MunicipalityCode municipality = resident.municipalityCode();
        return resident.livingAt(municipality, people.addresses().dwelling(municipality, rng));
    }

    /** 転出 from one municipality and 転入 into another, sent by each, in either order, days apart. */
    private void moveBetween(OffsetDateTime at) {
        int i = pick(resident -> true);
        if (i < 0) {
            return;
        }
        Tracked who = tracked.get(i);
        SyntheticResident before = who.record;
        Municipality destination;
        do {
            destination = municipalitiesByPopulation.pick(rng);
        } while (destination.code().equals(before.municipalityCode()));
        SyntheticResident after = before.livingAt(destination.code(),
                people.addresses().dwelling(destination.code(), rng));
        LocalDate changeDate = ChangeDates.before(at, MOVE_OUT_REPORTED_WITHIN_DAYS, before.birthDate(), rng);
        boolean moveOutFirst = rng.chance(MOVE_OUT_FIRST_SHARE);
        send(moveOutFirst
                ? notice(before, ChangeReason.MOVE_OUT, changeDate, at)
                : notice(after, ChangeReason.MOVE_IN, changeDate, at));
        OffsetDateTime later = officeHours(at.toLocalDate().plusDays(rng.between(1, MAX_DAYS_BETWEEN_MOVE_HALVES)));
        pendingHalves.add(moveOutFirst
                ? new PendingHalf(later, order++, who, after, ChangeReason.MOVE_IN, changeDate)
                : new PendingHalf(later, order++, who, before, ChangeReason.MOVE_OUT, changeDate));
        who.record = after;
        who.inTransit = true;
    }

    private void completeMove(PendingHalf half, OffsetDateTime at) {
        send(notice(half.record(), half.reason(), half.changeDate(), at));
        half.who().inTransit = false;
    }

    /** 転入 from outside the prefecture: a person the registry has never seen. */
    private void moveIntoPrefecture(OffsetDateTime at) {
        Municipality municipality = municipalitiesByPopulation.pick(rng);
        LocalDate birthDate = AgePyramid.birthDate(rng, at.toLocalDate());
        SyntheticResident newcomer = people.person(nextPerson++, municipality.code(), people.familySurname(rng),
                people.addresses().dwelling(municipality.code(), rng), birthDate, at.toLocalDate(), rng);
        LocalDate changeDate = ChangeDates.before(at, REPORTED_WITHIN_DAYS, birthDate, rng);
        send(notice(newcomer, ChangeReason.MOVE_IN, changeDate, at));
        tracked.add(new Tracked(newcomer));
    }

    /** 転出 to another prefecture: the registry hears only the removal. */
    private void moveOutOfPrefecture(OffsetDateTime at) {
        int i = pick(resident -> true);
        if (i >= 0) {
            remove(i, ChangeReason.MOVE_OUT, REPORTED_WITHIN_DAYS, at);
        }
    }

    /** 出生: a baby in a woman's household, reported within the fourteen days the law allows. */
    private void birth(OffsetDateTime at) {
        int i = pick(resident -> resident.sex() == Sex.FEMALE && ageBetween(resident, at, 20, 44));
        if (i < 0) {
            return;
        }
        SyntheticResident mother = tracked.get(i).record;
        LocalDate birthDate = ChangeDates.before(at, REPORTED_WITHIN_DAYS, mother.birthDate(), rng);
        SyntheticResident baby = people.person(nextPerson++, mother.municipalityCode(), mother.surname(),
                mother.dwelling(), birthDate, at.toLocalDate(), rng);
        send(notice(baby, ChangeReason.BIRTH, birthDate, at));
        tracked.add(new Tracked(baby));
    }

    /**
     * 死亡, mostly of the old: a resident is taken with a chance that grows tenfold every 23 years of age
     * ({@code StrictMath}, whose results are the same on every platform, keeps the stream deterministic).
     */
    private void death(OffsetDateTime at) {
        int i = pick(resident -> rng.chance(Math.min(1, StrictMath.exp((age(resident, at) - 90) / 10.0))));
        if (i >= 0) {
            remove(i, ChangeReason.DEATH, DEATH_REPORTED_WITHIN_DAYS, at);
        }
    }

    /** The municipality removes the resident, who leaves the residents changes are drawn from. */
    private void remove(int i, ChangeReason reason, int reportedWithinDays, OffsetDateTime at) {
        SyntheticResident removed = tracked.get(i).record;
        send(notice(removed, reason, ChangeDates.before(at, reportedWithinDays, removed.birthDate(), rng), at));
        Tracked last = tracked.remove(tracked.size() - 1);
        if (i < tracked.size()) {
            tracked.set(i, last);
        }
    }

    /** 氏名の変更, mostly a woman taking her husband's surname; some ask to keep the old one as 旧氏. */
    private void nameChange(OffsetDateTime at) {
        Sex sex = rng.chance(MARRIED_WOMAN_SHARE) ? Sex.FEMALE : Sex.MALE;
        int i = pick(resident -> resident.sex() == sex && ageBetween(resident, at, 18, 59));
        if (i < 0) {
            return;
        }
        Tracked who = tracked.get(i);
        SyntheticResident resident = who.record;
        NamePart formerSurname = resident.formerSurname() == null && rng.chance(RECORDS_FORMER_SURNAME_SHARE)
                ? resident.surname() : resident.formerSurname();
        who.record = resident.named(people.otherSurname(resident.surname(), rng), formerSurname);
        LocalDate changeDate = ChangeDates.before(at, REPORTED_WITHIN_DAYS, resident.birthDate(), rng);
        send(notice(who.record, ChangeReason.NAME_CHANGE, changeDate, at));
    }

    /** 個人番号の変更: a new number, as after a leak. */
    private void individualNumberChange(OffsetDateTime at) {
        int i = pick(resident -> true);
        if (i < 0) {
            return;
        }
        Tracked who = tracked.get(i);
        who.record = who.record.numbered(people.codes().replacementIndividualNumber(replacedNumbers++));
        send(notice(who.record, ChangeReason.INDIVIDUAL_NUMBER_CHANGE,
                ChangeDates.before(at, REPORTED_WITHIN_DAYS, who.record.birthDate(), rng), at));
    }

    /**
     * 住居表示の実施: every dwelling of one district renumbered the same day, households keeping one address
     * between them, one notification per resident.
     */
    private void readdress(OffsetDateTime at) {
        int i = pick(resident -> true);
        if (i < 0) {
            return;
        }
        District district = tracked.get(i).record.dwelling().district();
        Map<Dwelling, Dwelling> renumbering = new HashMap<>();
        for (Tracked who : tracked) {
            if (!who.inTransit && who.record.dwelling().district().equals(district)) {
                Dwelling renumbered = renumbering.computeIfAbsent(who.record.dwelling(),
                        dwelling -> people.addresses().renumbered(dwelling, rng));
                who.record = who.record.livingAt(who.record.municipalityCode(), renumbered);
                send(notice(who.record, ChangeReason.ADDRESS_REDESIGNATION, at.toLocalDate(), at));
            }
        }
    }

    /** The notification the resident's municipality sends now, numbered next in its sequence. */
    private Notification notice(SyntheticResident resident, ChangeReason reason, LocalDate changeDate,
                                OffsetDateTime at) {
        int municipality = prefecture.index(resident.municipalityCode());
        return Notification.of(resident, reason, nextSequence[municipality]++, changeDate, at, Clerk.any(rng));
    }

    private void send(Notification notification) {
        out.add(new Dispatch(notification, Delivery.FIRST));
        ArrayDeque<Notification> recent = recentlySent.get(prefecture.index(notification.municipalityCode()));
        if (recent.size() == RESENDABLE) {
            recent.removeFirst();
        }
        recent.addLast(notification);
        if (rng.chance(RESEND_SHARE)) {
            Notification again = recent.stream().skip(rng.nextInt(recent.size())).findFirst().orElseThrow();
            out.add(new Dispatch(again, Delivery.RESEND));
        }
    }

    /**
     * A random tracked resident who passes the test and is not between the halves of a move, as an index into
     * {@link #tracked}, or -1 when none was found.
     */
    private int pick(Predicate<SyntheticResident> fits) {
        for (int attempt = 0; attempt < PICK_ATTEMPTS && !tracked.isEmpty(); attempt++) {
            int i = rng.nextInt(tracked.size());
            Tracked candidate = tracked.get(i);
            if (!candidate.inTransit && fits.test(candidate.record)) {
                return i;
            }
        }
        return -1;
    }

    private OffsetDateTime officeHours(LocalDate date) {
        return date.atTime(OPENS).plusSeconds(rng.nextInt(SECONDS_OPEN)).atOffset(Notification.JAPAN);
    }

    private static int age(SyntheticResident resident, OffsetDateTime at) {
        return AgePyramid.age(resident.birthDate(), at.toLocalDate());
    }

    private static boolean ageBetween(SyntheticResident resident, OffsetDateTime at, int youngest, int oldest) {
        int age = age(resident, at);
        return youngest <= age && age <= oldest;
    }
}
