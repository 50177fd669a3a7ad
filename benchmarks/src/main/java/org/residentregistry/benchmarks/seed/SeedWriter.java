package org.residentregistry.benchmarks.seed;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.residentregistry.core.identity.IdentityEvent;
import org.residentregistry.core.identity.IdentityNotification;
import org.residentregistry.core.prefecture.Prefecture;
import org.residentregistry.core.search.AddressSearchKey;
import org.residentregistry.projections.CopyRows;
import org.residentregistry.projections.RowValues;
import org.residentregistry.projections.identity.IdentityFileProjection;
import org.residentregistry.projections.search.IdentitySearchProjection;
import org.residentregistry.projections.statistics.UpdateStatisticsProjection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Writes residents' histories on one connection, a transaction per batch, as the server's appending transaction
 * writes them: the events in the event store, then the events handed to the very projections the server subscribes
 * to the identity file (current record and history, search keys, update statistics) inside an Axon unit of work,
 * then the notification ledger and the individual-number holders. The relay's outbox is left empty, as a registry
 * whose changes the national server has received leaves it (delivered changes are deleted).
 */
final class SeedWriter implements AutoCloseable {

    /** Axon's aggregate type of the identity file's entries ({@code @AggregateRoot} of ResidentIdentity). */
    static final String AGGREGATE_TYPE = "ResidentIdentity";

    private static final String EVENT_COLUMNS = "event_identifier, aggregate_identifier, sequence_number, type,"
            + " time_stamp, payload_type, payload_revision, payload, meta_data";
    private static final String LEDGER_COLUMNS = "municipality_code, update_sequence, content_digest, resident_code,"
            + " effect, version, received_at";
    private static final HexFormat HEX = HexFormat.of();

    private final Connection connection;
    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final List<EventMessageHandler> projections;

    SeedWriter(Connection connection, Serializer serializer) throws SQLException {
        this.connection = connection;
        this.serializer = serializer;
        connection.setAutoCommit(false);
        try (Statement session = connection.createStatement()) {
            // A bulk load acknowledges nothing to anyone: a crash means seeding an empty database again, so no WAL
            // flush per transaction (the seeder's own; the server's commits stay synchronous).
            session.execute("SET synchronous_commit = off");
        }
        this.jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
        AddressSearchKey addressKey = new AddressSearchKey(Prefecture.saitama().name());
        this.projections = List.of(
                new AnnotationEventHandlerAdapter(new IdentityFileProjection(jdbc)),
                new AnnotationEventHandlerAdapter(new IdentitySearchProjection(jdbc, addressKey)),
                new AnnotationEventHandlerAdapter(new UpdateStatisticsProjection(jdbc)));
    }

    /** Writes the histories in one transaction and commits it. */
    void write(List<SeededHistory> histories) throws SQLException {
        List<DomainEventMessage<IdentityEvent>> messages = new ArrayList<>();
        List<IdentityEvent> current = new ArrayList<>(histories.size());
        for (SeededHistory history : histories) {
            history.events().forEach(e -> messages.add(message(e)));
            current.add(history.events().get(history.events().size() - 1));
        }
        CopyRows.copy(jdbc, "domain_event_entry", EVENT_COLUMNS, messages, this::eventRow);
        DefaultUnitOfWork.startAndGet(null).execute(() -> messages.forEach(this::project));
        CopyRows.copy(jdbc, "identity_notification", LEDGER_COLUMNS,
                messages.stream().map(DomainEventMessage::getPayload).toList(), SeedWriter::ledgerRow);
        CopyRows.copy(jdbc, "individual_number_holder", "individual_number, resident_code",
                current.stream().filter(e -> e.notification().record().individualNumber() != null).toList(),
                (e, row) -> {
                    row.text(e.notification().record().individualNumber().value());
                    row.text(e.residentCode().value());
                });
        connection.commit();
    }

    /**
     * The event as the server's notification handling publishes it: the aggregate's type, identifier and sequence
     * (from 0), stamped when received, with no metadata (the handlers are called directly, not through a command bus
     * that would copy correlation data).
     */
    private static DomainEventMessage<IdentityEvent> message(IdentityEvent e) {
        return new GenericDomainEventMessage<>(AGGREGATE_TYPE, e.residentCode().value(), e.version() - 1L, e,
                MetaData.emptyInstance(), UUID.randomUUID().toString(), e.receivedAt());
    }

    private void project(DomainEventMessage<IdentityEvent> message) {
        for (EventMessageHandler projection : projections) {
            try {
                projection.handle(message);
            } catch (Exception e) {
                throw new IllegalStateException("a projection failed on a seeded event", e);
            }
        }
    }

    /** A domain_event_entry row as Axon's JDBC storage engine appends it (global index and tx id by the trigger). */
    private void eventRow(DomainEventMessage<IdentityEvent> m, RowValues row) throws SQLException {
        SerializedObject<byte[]> payload = m.serializePayload(serializer, byte[].class);
        SerializedObject<byte[]> metaData = m.serializeMetaData(serializer, byte[].class);
        row.text(m.getIdentifier());
        row.text(m.getAggregateIdentifier());
        row.bigint(m.getSequenceNumber());
        row.text(m.getType());
        row.text(DateTimeUtils.formatInstant(m.getTimestamp()));
        row.text(payload.getType().getName());
        row.text(payload.getType().getRevision());
        row.text(bytea(payload.getData()));
        row.text(bytea(metaData.getData()));
    }

    /** The ledger's entry of an applied notification (JdbcNotificationLedger's columns). */
    private static void ledgerRow(IdentityEvent e, RowValues row) throws SQLException {
        IdentityNotification n = e.notification();
        row.text(n.key().municipalityCode().value());
        row.bigint(n.key().updateSequence());
        row.text(n.contentDigest());
        row.text(e.residentCode().value());
        row.text(e.effect().name());
        row.integer(e.version());
        row.timestamp(e.receivedAt());
    }

    /** bytea in COPY's text format: the hex form, whose backslash the text escaping doubles. */
    private static String bytea(byte[] data) {
        return "\\x" + HEX.formatHex(data);
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
