package org.residentregistry.api.admin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AffairRepository {

    private final JdbcClient jdbc;

    AffairRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the affair; {@code false} if one with its code exists. */
    boolean add(Affair affair) {
        return jdbc.sql("""
                        INSERT INTO affair (code, name, legal_basis, kind, files, individual_number_allowed, created_at)
                        VALUES (:code, :name, :legalBasis, :kind, :files, :individualNumberAllowed, :createdAt)
                        ON CONFLICT (code) DO NOTHING""")
                .param("code", affair.code())
                .param("name", affair.name())
                .param("legalBasis", affair.legalBasis())
                .param("kind", affair.kind().name())
                .param("files", affair.files().stream().map(Enum::name).toArray(String[]::new))
                .param("individualNumberAllowed", affair.individualNumberAllowed())
                .param("createdAt", Timestamps.parameter(affair.createdAt()))
                .update() == 1;
    }

    List<Affair> findAll() {
        return jdbc.sql("SELECT * FROM affair ORDER BY code").query(AffairRepository::affair).list();
    }

    /** Those of {@code codes} that are codes of affairs. */
    Set<String> registeredCodes(Collection<String> codes) {
        String[] candidates = codes.stream().filter(Objects::nonNull).toArray(String[]::new);
        return new HashSet<>(jdbc.sql("SELECT code FROM affair WHERE code = ANY(:codes)")
                .param("codes", candidates)
                .query(String.class)
                .list());
    }

    private static Affair affair(ResultSet row, int rowNumber) throws SQLException {
        return new Affair(row.getString("code"), row.getString("name"), row.getString("legal_basis"),
                Affair.Kind.valueOf(row.getString("kind")),
                Arrays.stream((String[]) row.getArray("files").getArray()).map(Affair.RegistryFile::valueOf).toList(),
                row.getBoolean("individual_number_allowed"), Timestamps.read(row, "created_at"));
    }
}
