package org.residentregistry.core.identity;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.residentregistry.core.codes.IndividualNumber;
import org.residentregistry.core.codes.Sex;

/**
 * The items of an identity record — 本人確認情報 — that a notification carries whole (domain.md §1.1), apart
 * from the resident code and the notification's own items.
 */
public record IdentityRecord(
        PersonName name,
        PersonName formerSurname,
        LocalDate birthDate,
        Sex sex,
        Address address,
        IndividualNumber individualNumber,
        boolean gaijiFlag) {

    static final String GAIJI_FLAG = "gaijiFlag";

    /** The paths (as in the interface's JSON) of the items that differ between this record and {@code other}. */
    public List<String> changedFields(IdentityRecord other) {
        List<String> changed = new ArrayList<>();
        compareName("name", name, other.name, changed);
        if (!Objects.equals(formerSurname, other.formerSurname)) {
            changed.add("formerSurname");
        }
        if (!birthDate.equals(other.birthDate)) {
            changed.add("birthDate");
        }
        if (sex != other.sex) {
            changed.add("sex");
        }
        compare("address.text", address.text(), other.address.text(), changed);
        compare("address.oazaCode", address.oazaCode(), other.address.oazaCode(), changed);
        compare("address.gaijiCount", address.gaijiCount(), other.address.gaijiCount(), changed);
        compare("address.gaijiChangeSeq", address.gaijiChangeSeq(), other.address.gaijiChangeSeq(), changed);
        compare("individualNumber", individualNumber, other.individualNumber, changed);
        if (gaijiFlag != other.gaijiFlag) {
            changed.add(GAIJI_FLAG);
        }
        return changed;
    }

    private static void compareName(String path, PersonName a, PersonName b, List<String> changed) {
        compare(path + ".kanji", a.kanji(), b.kanji(), changed);
        compare(path + ".kana", a.kana(), b.kana(), changed);
        compare(path + ".gaijiCount", a.gaijiCount(), b.gaijiCount(), changed);
        compare(path + ".gaijiChangeSeq", a.gaijiChangeSeq(), b.gaijiChangeSeq(), changed);
    }

    private static void compare(String path, Object a, Object b, List<String> changed) {
        if (!Objects.equals(a, b)) {
            changed.add(path);
        }
    }

    /** Masked: the record is personal data and must not reach a log through an exception or a debug line. */
    @Override
    public String toString() {
        return "IdentityRecord[***]";
    }
}
