package org.residentregistry.api.admin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
class DepartmentRepository {

    private final JdbcClient jdbc;

    DepartmentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the department with its affairs, which must be registered; {@code false} if one with its id exists. */
    @Transactional
    public boolean add(Department department) {
        boolean added = jdbc.sql("""
                        INSERT INTO department (id, name, kind, created_at) VALUES (:id, :name, :kind, :createdAt)
                        ON CONFLICT (id) DO NOTHING""")
                .param("id", department.id())
                .param("name", department.name())
                .param("kind", department.kind().name())
                .param("createdAt", Timestamps.parameter(department.createdAt()))
                .update() == 1;
        if (added) {
            jdbc.sql("""
                            INSERT INTO department_affair (department_id, affair_code)
                            SELECT :id, code FROM unnest(:codes) AS code""")
                    .param("id", department.id())
                    .param("codes", department.affairs().toArray(String[]::new))
                    .update();
        }
        return added;
    }

    boolean exists(String id) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM department WHERE id = ?)").param(id).query(Boolean.class).single();
    }

    List<Department> findAll() {
        return jdbc.sql("""
                        SELECT d.id, d.name, d.kind, d.created_at,
                               array_remove(array_agg(da.affair_code ORDER BY da.affair_code), NULL) AS affairs
                        FROM department d LEFT JOIN department_affair da ON da.department_id = d.id
                        GROUP BY d.id ORDER BY d.id""")
                .query(DepartmentRepository::department)
                .list();
    }

    private static Department department(ResultSet row, int rowNumber) throws SQLException {
        return new Department(row.getString("id"), row.getString("name"), Department.Kind.valueOf(row.getString("kind")),
                List.of((String[]) row.getArray("affairs").getArray()), Timestamps.read(row, "created_at"));
    }
}
