package org.residentregistry.projections.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class IdentityRowTest {

    /** The projection binds the components in this order, and the replay tools read the columns by these names. */
    @Test
    void hasOneComponentPerColumnInTheTablesOrder() {
        String[] columns = IdentityFileProjection.COLUMNS.split(",\\s*");
        String[] components = Arrays.stream(IdentityRow.class.getRecordComponents())
                .map(RecordComponent::getName)
                .map(name -> name.replaceAll("([A-Z])", "_$1").toLowerCase())
                .toArray(String[]::new);
        assertThat(components).containsExactly(columns);
    }
}
