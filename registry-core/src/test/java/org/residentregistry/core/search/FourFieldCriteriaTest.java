package org.residentregistry.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.residentregistry.core.codes.InvalidValueException;
import org.residentregistry.core.codes.MunicipalityCode;
import org.residentregistry.core.codes.Sex;

class FourFieldCriteriaTest {

    private static final NameCriterion NAME = new NameCriterion("ヤマダ タロウ", null, false);
    private static final BirthDateRange BORN = BirthDateRange.parse("1980");
    private static final AddressCriterion ADDRESS = new AddressCriterion(null, MunicipalityCode.of("112038"));

    @Test
    void aSearchNeedsTwoFieldsOneOfThemTheNameOrTheBirthDate() {
        assertThat(new FourFieldCriteria(NAME, BORN, null, null, false).strongEnough()).isTrue();
        assertThat(new FourFieldCriteria(NAME, null, Sex.MALE, null, false).strongEnough()).isTrue();
        assertThat(new FourFieldCriteria(null, BORN, null, ADDRESS, false).strongEnough()).isTrue();
        assertThat(new FourFieldCriteria(NAME, null, null, null, false).strongEnough()).isFalse();
        assertThat(new FourFieldCriteria(null, BORN, null, null, true).strongEnough()).isFalse();
        assertThat(new FourFieldCriteria(null, null, Sex.FEMALE, ADDRESS, false).strongEnough()).isFalse();
    }

    @Test
    void aBirthDateIsADayAMonthOrAYear() {
        assertThat(BirthDateRange.parse("1980-05-06"))
                .isEqualTo(new BirthDateRange(LocalDate.of(1980, 5, 6), LocalDate.of(1980, 5, 6)));
        assertThat(BirthDateRange.parse("1980-02"))
                .isEqualTo(new BirthDateRange(LocalDate.of(1980, 2, 1), LocalDate.of(1980, 2, 29)));
        assertThat(BirthDateRange.parse("1980"))
                .isEqualTo(new BirthDateRange(LocalDate.of(1980, 1, 1), LocalDate.of(1980, 12, 31)));
        for (String bad : new String[] {"1980-13", "1980-02-30", "80", "1980/05/06", "-980", "1980-5"}) {
            assertThatThrownBy(() -> BirthDateRange.parse(bad)).isInstanceOf(InvalidValueException.class)
                    .hasMessageNotContaining(bad).extracting("code").isEqualTo("FORMAT");
        }
    }
}
