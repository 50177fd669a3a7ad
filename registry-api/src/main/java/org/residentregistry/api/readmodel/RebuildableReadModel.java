package org.residentregistry.api.readmodel;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.residentregistry.core.search.AddressSearchKey;
import org.residentregistry.projections.identity.IdentityFileProjection;
import org.residentregistry.projections.overseas.OverseasFileProjection;
import org.residentregistry.projections.overseas.OverseasSearchProjection;
import org.residentregistry.projections.search.IdentitySearchProjection;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A read model that can be rebuilt while the registry serves: the views the server uses, each backed by one
 * table per generation ({@code <view>_g<N>}), and the projections that fill a generation's tables. Each is written
 * by a subscribing processor in the appending transaction, so the switch's locks on its views hold its writers.
 */
enum RebuildableReadModel {

    /** The identity file's current records and their history (identity_current, identity_version). */
    IDENTITY_FILE("identity-file", List.of(IdentityFileProjection.CURRENT, IdentityFileProjection.VERSIONS)) {
        @Override
        List<Object> projectionsInto(Generation g) {
            return List.of(identityFile(g));
        }

        @Override
        void completeBulkLoad(Generation g) {
            identityFile(g).completeBulkLoad();
        }

        private static IdentityFileProjection identityFile(Generation g) {
            return new IdentityFileProjection(g.jdbc(), g.table(IdentityFileProjection.CURRENT),
                    g.table(IdentityFileProjection.VERSIONS), g.bulk());
        }
    },

    /** The four-field search's keys (identity_search): rebuilt after a change of the key functions or variant table. */
    IDENTITY_SEARCH("identity-search", List.of(IdentitySearchProjection.TABLE)) {
        @Override
        List<Object> projectionsInto(Generation g) {
            return List.of(new IdentitySearchProjection(g.jdbc(), g.addressKey(), g.table(IdentitySearchProjection.TABLE)));
        }
    },

    /** The overseas file's latest records, history and search keys (overseas_current, overseas_version, overseas_search). */
    OVERSEAS_FILE("overseas-file", List.of(OverseasFileProjection.CURRENT, OverseasFileProjection.VERSIONS,
            OverseasSearchProjection.TABLE)) {
        @Override
        List<Object> projectionsInto(Generation g) {
            return List.of(new OverseasFileProjection(g.jdbc(), g.table(OverseasFileProjection.CURRENT),
                            g.table(OverseasFileProjection.VERSIONS)),
                    new OverseasSearchProjection(g.jdbc(), g.addressKey(), g.table(OverseasSearchProjection.TABLE)));
        }
    };

    /**
     * What a generation's projections are made with: its number, whether it is still being bulk-loaded, the database
     * and the search keys' settings.
     */
    record Generation(int number, boolean bulk, JdbcTemplate jdbc, AddressSearchKey addressKey) {
        String table(String view) {
            return RebuildableReadModel.table(view, number);
        }
    }

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

    /** The event handlers writing into the tables of generation {@code g}. */
    abstract List<Object> projectionsInto(Generation g);

    /** Writes what the projections of a bulk load left out, once the bulk of the events is in. */
    void completeBulkLoad(Generation g) {
    }

    static String table(String view, int generation) {
        return view + "_g" + generation;
    }

    static Optional<RebuildableReadModel> named(String name) {
        return Arrays.stream(values()).filter(m -> m.modelName.equals(name)).findFirst();
    }
}
