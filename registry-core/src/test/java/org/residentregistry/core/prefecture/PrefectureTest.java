package org.residentregistry.core.prefecture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.residentregistry.core.codes.MunicipalityCode;

class PrefectureTest {

    private final Prefecture saitama = Prefecture.saitama();

    @Test
    void saitamaHasItsSixtyThreeMunicipalitiesAndTheirCensusTotal() {
        assertThat(saitama.municipalities()).hasSize(63);
        assertThat(saitama.municipalities().stream().mapToLong(Municipality::population).sum()).isEqualTo(7_287_169L);
        assertThat(saitama.municipalities().stream().filter(m -> m.kind().equals("village"))).hasSize(1);
    }

    @Test
    void aValidCodeOutsideThePrefectureIsNotOneOfItsMunicipalities() {
        assertThat(saitama.contains(MunicipalityCode.of("112038"))).isTrue();
        assertThat(saitama.municipality(MunicipalityCode.of("111007")).orElseThrow().name()).isEqualTo("さいたま市");
        // 131016 is Chiyoda, Tokyo: a valid local government code, but not Saitama's
        assertThat(saitama.contains(MunicipalityCode.of("131016"))).isFalse();
        // a ward of Saitama City is not a notifying municipality
        assertThat(saitama.contains(MunicipalityCode.of("111015"))).isFalse();
    }
}
