package org.residentregistry.projections.search;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.residentregistry.core.identity.IdentityEvent;
import org.residentregistry.core.identity.IdentityRecord;
import org.residentregistry.core.identity.ResidentStatus;
import org.residentregistry.core.notification.NotificationOutcome;
import org.residentregistry.core.search.AddressSearchKey;
import org.residentregistry.core.search.NameKeys;
import org.residentregistry.projections.PendingWrites;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The four-field search's read model (identity_search): for every version of every record, the search keys of the
 * name, of the name with the former surname (旧氏) in place of the surname, and of the address, written by
 * {@link SearchRowWriter} once per event batch.
 */
@ProcessingGroup(IdentitySearchProjection.PROCESSING_GROUP)
public class IdentitySearchProjection {

    public static final String PROCESSING_GROUP = "identity-search";

    static final String NAME = SearchRowWriter.NAME;
    static final String FORMER_SURNAME = SearchRowWriter.FORMER_SURNAME;

    /** The view through which the server reads and writes the active generation of the table. */
    public static final String TABLE = "identity_search";

    private final SearchRowWriter rows;
    private final String pending;

    /** The live projection, writing through the view. */
    public IdentitySearchProjection(JdbcTemplate jdbc, AddressSearchKey addressKey) {
        this(jdbc, addressKey, TABLE);
    }

    /** A projection writing into the given table: a rebuild fills a new generation this way. */
    public IdentitySearchProjection(JdbcTemplate jdbc, AddressSearchKey addressKey, String table) {
        this.rows = new SearchRowWriter(jdbc, addressKey, table);
        this.pending = IdentitySearchProjection.class.getName() + ".pending." + table;
    }

    @EventHandler
    void on(IdentityEvent event) {
        PendingWrites.in(CurrentUnitOfWork.get(), pending, ArrayList<SearchRowWriter.Version>::new, rows::write)
                .add(version(event));
    }

    private static SearchRowWriter.Version version(IdentityEvent e) {
        IdentityRecord record = e.notification().record();
        List<SearchRowWriter.NamedAs> names = new ArrayList<>(2);
        names.add(SearchRowWriter.NamedAs.name(NameKeys.of(record.name())));
        if (record.formerSurname() != null) {
            names.add(SearchRowWriter.NamedAs.formerSurname(NameKeys.withFormerSurname(record.name(), record.formerSurname())));
        }
        return new SearchRowWriter.Version(e.residentCode().value(), e.version(),
                e.effect() == NotificationOutcome.Effect.CURRENT_CHANGED, e.status() == ResidentStatus.REMOVED, names,
                record.birthDate(), record.sex(), record.address().text(), e.holder().value());
    }
}
