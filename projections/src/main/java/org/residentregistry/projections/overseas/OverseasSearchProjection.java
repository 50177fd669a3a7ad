package org.residentregistry.projections.overseas;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.residentregistry.core.overseas.OverseasEvent;
import org.residentregistry.core.overseas.OverseasRecord;
import org.residentregistry.core.overseas.OverseasStatus;
import org.residentregistry.core.search.AddressSearchKey;
import org.residentregistry.core.search.NameKeys;
import org.residentregistry.projections.PendingWrites;
import org.residentregistry.projections.search.SearchRowWriter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The overseas file's search rows (overseas_search), with the identity file's search keys: each version's name and
 * address, in the appending transaction. The address searched is the address (abroad or not); the municipality is
 * the managing one, as {@code address.municipalityCode} matches the record's holder in the identity search.
 */
@ProcessingGroup(OverseasFileProjection.PROCESSING_GROUP)
public class OverseasSearchProjection {

    public static final String TABLE = "overseas_search";

    private final SearchRowWriter rows;
    private final String pending;

    /** The live projection, writing through the view. */
    public OverseasSearchProjection(JdbcTemplate jdbc, AddressSearchKey addressKey) {
        this(jdbc, addressKey, TABLE);
    }

    /** A projection writing into the given table: a rebuild fills a new generation this way. */
    public OverseasSearchProjection(JdbcTemplate jdbc, AddressSearchKey addressKey, String table) {
        this.rows = new SearchRowWriter(jdbc, addressKey, table);
        this.pending = OverseasSearchProjection.class.getName() + ".pending." + table;
    }

    @EventHandler
    void on(OverseasEvent event) {
        OverseasRecord r = event.notification().record();
        PendingWrites.in(CurrentUnitOfWork.get(), pending, ArrayList<SearchRowWriter.Version>::new, rows::write)
                .add(new SearchRowWriter.Version(event.residentCode().value(), event.version(), true,
                        event.status() == OverseasStatus.REMOVED,
                        List.of(SearchRowWriter.NamedAs.name(NameKeys.of(r.name().kana(), r.name().kanji()))),
                        r.birthDate(), r.sex(), r.address().text(), event.managingMunicipality().value()));
    }
}
