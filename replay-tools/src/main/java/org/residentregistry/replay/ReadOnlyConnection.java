package org.residentregistry.replay;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The tool's only way to the database: a connection whose every transaction is read-only and sees one snapshot.
 * Read-only is set twice on purpose: the session default, which holds whatever the JDBC URL says about the
 * driver's read-only mode, and the driver's own flag. Repeatable read gives all the queries of a command the same
 * snapshot, so a check running beside a live server never sees the events of a commit without its read-model rows.
 */
final class ReadOnlyConnection {

    private ReadOnlyConnection() {
    }

    static Connection open(String url, String user, String password) throws SQLException {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", "replay-tools");
        // Binary transfer from the first execution: payloads come as bytes, not hex text (half the volume, no
        // decoding); a whole-store read ran twice as fast.
        properties.setProperty("prepareThreshold", "-1");
        Connection connection = DriverManager.getConnection(url, properties);
        try {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
            // Server-side cursors (a fetch size) work only inside a transaction.
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }
}
