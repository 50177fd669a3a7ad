package org.residentregistry.projections.overseas;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class OverseasRowTest {

    /** The projection binds the components in the columns' order; the replay tools print them under these names. */
    @Test
    void hasOneComponentPerColumnInTheTablesOrderAndNoIndividualNumber() {
        assertThat(Arrays.stream(OverseasRow.class.getRecordComponents()).map(RecordComponent::getName)
                .map(name -> name.replaceAll("([A-Z])", "_$1").toLowerCase()))
                .containsExactly(OverseasFileProjection.COLUMNS.split(",\\s*"))
                .doesNotContain("individual_number");
    }
}
