package org.residentregistry.benchmarks.prefecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.residentregistry.benchmarks.prefecture.Dispatch.Delivery;
import org.residentregistry.core.prefecture.Municipality;

/**
 * A year of changes to 100,000 residents, replayed against a model of the registry's rules (domain.md §2.2–2.3):
 * every first sending must be applicable, every resend a true duplicate, every late one out of order.
 */
class ChangeStreamTest {

    private static final int DAYS = 365;

    private static SyntheticPrefecture prefecture;
    private static List<Dispatch> year;

    @BeforeAll
    static void simulateAYear() {
        prefecture = Populations.hundredThousand();
        year = prefecture.changes(DAYS).toList();
    }

    @Test
    void everyKindOfChangeAndOfSendingOccurs() {
        Set<ChangeReason> reasons = EnumSet.noneOf(ChangeReason.class);
        Map<Delivery, Integer> deliveries = new HashMap<>();
        for (Dispatch d : year) {
            reasons.add(d.notification().changeReason());
            deliveries.merge(d.delivery(), 1, Integer::sum);
        }

        assertThat(reasons).containsExactlyInAnyOrder(ChangeReason.values());
        assertThat(deliveries.get(Delivery.RESEND)).isGreaterThan(10);
        assertThat(deliveries.get(Delivery.LATE)).isGreaterThan(10);
        // ≈ 131 changes per 1,000 residents a year, plus readdressings
        assertThat(deliveries.get(Delivery.FIRST)).isBetween(12_000, 20_000);
    }

    @Test
    void aRegistryFollowingTheRulesAppliesEveryFirstSendingAndNothingElse() {
        Registry registry = new Registry();
        prefecture.initialLoad().forEach(registry::load);

        year.forEach(registry::apply);

        assertThat(registry.outcomes).containsOnlyKeys("applied", "takeover", "history only", "duplicate",
                "out of order");
        assertThat(registry.outcomes.get("takeover")).as("moves whose MOVE_IN arrived first").isGreaterThan(50);
        assertThat(registry.outcomes.get("history only")).isEqualTo(registry.outcomes.get("takeover"));
        assertThat(registry.movedOutThenIn).as("moves whose MOVE_OUT arrived first").isGreaterThan(100);
    }

    @Test
    void eachMunicipalityNumbersWhatItSendsUpwardsFromItsInitialLoad() {
        Map<String, Long> last = new HashMap<>();
        for (Municipality m : prefecture.municipalities()) {
            last.put(m.code().value(), prefecture.residentCount(m));
        }
        for (Dispatch d : year) {
            if (d.delivery() == Delivery.FIRST) {
                Notification n = d.notification();
                assertThat(n.updateSequence()).as("sequence of %s", n)
                        .isGreaterThan(last.get(n.municipalityCode().value()));
                last.put(n.municipalityCode().value(), n.updateSequence());
            }
        }
    }

    @Test
    void changeDatesLieWithinTheMonthBeforeTheNoticeAndNotBeforeBirth() {
        for (Dispatch d : year) {
            Notification n = d.notification();
            LocalDate sent = n.notifiedAt().toLocalDate();
            assertThat(n.changeDate()).as("change date of %s", n).isBeforeOrEqualTo(sent)
                    .isAfterOrEqualTo(sent.minusDays(ChangeDates.MAX_DAYS_BEFORE_NOTICE))
                    .isAfterOrEqualTo(n.birthDate());
            assertThat(n.notifiedAt().getOffset()).isEqualTo(Notification.JAPAN);
        }
    }

    @Test
    void theSameSeedGivesTheSameChangesAndAnotherSeedOthers() {
        NotificationJson json = new NotificationJson();
        List<String> first = SyntheticPrefecture.saitama(3, 20_000).changes(60)
                .map(d -> d.delivery() + new String(json.bytes(d.notification()))).toList();
        List<String> again = SyntheticPrefecture.saitama(3, 20_000).changes(60)
                .map(d -> d.delivery() + new String(json.bytes(d.notification()))).toList();
        List<String> otherSeed = SyntheticPrefecture.saitama(4, 20_000).changes(60)
                .map(d -> d.delivery() + new String(json.bytes(d.notification()))).toList();

        assertThat(again).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    /** The registry's rules for identity notifications, reduced to what these checks need. */
    private static final class Registry {

        private final Map<String, Notification> current = new HashMap<>();
        private final Set<String> known = new HashSet<>();
        private final Set<String> movedOut = new HashSet<>();
        private final Set<String> individualNumbers = new HashSet<>();
        private final Map<List<Object>, Long> lastSequence = new HashMap<>();
        private final Map<List<Object>, Notification> sent = new HashMap<>();
        private final Map<String, Integer> outcomes = new HashMap<>();
        private int movedOutThenIn;

        /** The initial load, taken as the state the year starts from. */
        void load(Notification n) {
            becomesCurrent(n);
            lastSequence.put(List.of(n.municipalityCode(), n.residentCode().value()), n.updateSequence());
        }

        void apply(Dispatch dispatch) {
            Notification n = dispatch.notification();
            List<Object> key = List.of(n.municipalityCode(), n.updateSequence());
            List<Object> residentAtMunicipality = List.of(n.municipalityCode(), n.residentCode().value());
            Long last = lastSequence.get(residentAtMunicipality);
            switch (dispatch.delivery()) {
                case RESEND -> {
                    assertThat(sent.get(key)).as("resent %s", n).isSameAs(n);
                    count("duplicate");
                }
                case LATE -> {
                    assertThat(sent.containsKey(key)).as("late %s sent before", n).isFalse();
                    assertThat(last).as("late %s", n).isGreaterThan(n.updateSequence());
                    sent.put(key, n);
                    count("out of order");
                }
                case FIRST -> {
                    assertThat(sent.containsKey(key)).as("first %s sent before", n).isFalse();
                    assertThat(last == null || last < n.updateSequence()).as("in order: %s", n).isTrue();
                    applyChange(n);
                    sent.put(key, n);
                    lastSequence.put(residentAtMunicipality, n.updateSequence());
                }
            }
        }

        private void applyChange(Notification n) {
            String code = n.residentCode().value();
            Notification holder = current.get(code);
            boolean heldHere = holder != null && holder.municipalityCode().equals(n.municipalityCode());
            switch (n.changeReason()) {
                case MOVE_IN -> {
                    assertThat(heldHere).as("MOVE_IN of a resident already current there").isFalse();
                    if (holder != null) {
                        assertThat(fields(n)).isNotEqualTo(fields(holder));
                        count("takeover");
                    } else {
                        count("applied");
                    }
                    if (movedOut.remove(code)) {
                        movedOutThenIn++;
                    }
                    becomesCurrent(n);
                }
                case BIRTH -> {
                    assertThat(known.contains(code)).as("BIRTH of a known resident").isFalse();
                    assertThat(n.changeDate()).isEqualTo(n.birthDate());
                    becomesCurrent(n);
                    count("applied");
                }
                case MOVE_OUT -> {
                    assertThat(holder).as("MOVE_OUT of a resident current nowhere").isNotNull();
                    if (heldHere) {
                        assertThat(fields(n)).isEqualTo(fields(holder));
                        current.remove(code);
                        movedOut.add(code);
                        count("applied");
                    } else {
                        count("history only");
                    }
                }
                case DEATH -> {
                    assertThat(heldHere).as("DEATH sent by the holder").isTrue();
                    assertThat(fields(n)).isEqualTo(fields(holder));
                    current.remove(code);
                    count("applied");
                }
                case MOVE_WITHIN, ADDRESS_REDESIGNATION -> modify(n, holder, heldHere, "address");
                case NAME_CHANGE -> modify(n, holder, heldHere, "name", "formerSurname");
                case INDIVIDUAL_NUMBER_CHANGE -> {
                    assertThat(individualNumbers.add(n.individualNumber().value())).as("new number unique").isTrue();
                    modify(n, holder, heldHere, "individualNumber");
                }
            }
        }

        /** A modify reason may change its own fields only, of a record its municipality holds. */
        private void modify(Notification n, Notification holder, boolean heldHere, String... fields) {
            assertThat(heldHere).as("%s sent by the holder", n).isTrue();
            Map<String, Object> before = fields(holder);
            Map<String, Object> after = fields(n);
            Set<String> changed = new HashSet<>();
            after.forEach((field, value) -> {
                if (!Objects.equals(value, before.get(field))) {
                    changed.add(field);
                }
            });
            assertThat(changed).as("fields %s changes", n.changeReason())
                    .isNotEmpty().isSubsetOf(Arrays.asList(fields));
            current.put(n.residentCode().value(), n);
            count("applied");
        }

        private void becomesCurrent(Notification n) {
            current.put(n.residentCode().value(), n);
            known.add(n.residentCode().value());
            individualNumbers.add(n.individualNumber().value());
        }

        private void count(String outcome) {
            outcomes.merge(outcome, 1, Integer::sum);
        }

        private static Map<String, Object> fields(Notification n) {
            Map<String, Object> fields = new HashMap<>();
            fields.put("municipalityCode", n.municipalityCode());
            fields.put("name", n.name());
            fields.put("formerSurname", n.formerSurname());
            fields.put("birthDate", n.birthDate());
            fields.put("sex", n.sex());
            fields.put("address", n.address());
            fields.put("individualNumber", n.individualNumber());
            return fields;
        }
    }
}
