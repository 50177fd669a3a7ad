package org.residentregistry.api.readmodel;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.residentregistry.projections.identity.IdentityFileProjection;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A read model that can be rebuilt while the registry serves: the views the server uses, each backed by one
 * table per generation ({@code <view>_g<N>}), and the projection that fills a generation's tables.
 */
enum RebuildableReadModel {

    /** The identity file's current records and their history (identity_current, identity_version). */
    IDENTITY_FILE("identity-file", List.of(IdentityFileProjection.CURRENT, IdentityFileProjection.VERSIONS)) {
        @Override
        Object projectionInto(JdbcTemplate jdbc, int generation) {
            return new IdentityFileProjection(jdbc, table(IdentityFileProjection.CURRENT, generation),
                    table(IdentityFileProjection.VERSIONS, generation));
        }
    };

    private final String modelName;
    private final List<String> views;

    RebuildableReadModel(String modelName, List<String> views) {
        this.modelName = modelName;
        this.views = views;
    }

    String modelName() {
        return modelName;
    }

    List<String> views() {
        return views;
    }

    /** An event handler writing into the tables of {@code generation}. */
    abstract Object projectionInto(JdbcTemplate jdbc, int generation);

    static String table(String view, int generation) {
        return view + "_g" + generation;
    }

    static Optional<RebuildableReadModel> named(String name) {
        return Arrays.stream(values()).filter(m -> m.modelName.equals(name)).findFirst();
    }
}
