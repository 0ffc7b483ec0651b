package org.liangze.platform;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The two database roles on PostgreSQL (README "Database roles"). Flyway migrates as the owner role
 * ({@code POSTGRES_OWNER_USER}), which owns every table; the application connects as the runtime role
 * ({@code POSTGRES_USER}), which owns nothing. After every migration (Flyway's afterMigrate, whether or not there was
 * anything to migrate) this callback grants the runtime role what it needs on every table and sequence of the schema
 * — Camunda's, the sessions', the platform's, and any a later migration adds — and then takes the rights to change
 * them back on the append-only tables, which are listed in one place, the table {@code append_only_tables} (Flyway
 * V20; a migration adding an append-only table inserts its name there):
 *
 * <ul>
 *   <li>every table: SELECT, INSERT, UPDATE, DELETE; never TRUNCATE, TRIGGER or REFERENCES;</li>
 *   <li>append-only tables: SELECT and INSERT only;</li>
 *   <li>sequences: USAGE and SELECT.</li>
 * </ul>
 *
 * <p>When the runtime role is the migrating role (no owner role configured: the H2 demo, some tests) there is
 * nothing to grant, and with the {@code postgres} profile {@link RuntimeRoleCheck} refuses to start. On H2 the
 * callback does nothing.
 */
@Component
class DatabaseRoles implements Callback {

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseRoles.class);

  static final String RUNTIME_TABLE_PRIVILEGES = "select, insert, update, delete";
  static final String APPEND_ONLY_PRIVILEGES = "select, insert";
  static final String NEVER = "truncate, trigger, references";
  static final String TAKEN_FROM_APPEND_ONLY = "update, delete, truncate, trigger, references";

  /** The advisory lock the grants are made under (any number no other lock of the platform's uses). */
  static final long GRANT_LOCK = 0x4c5a_5f52_4f4c_4553L;

  private final DataSource dataSource;

  DatabaseRoles(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public boolean supports(Event event, Context context) {
    return event == Event.AFTER_MIGRATE;
  }

  @Override
  public boolean canHandleInTransaction(Event event, Context context) {
    return true;
  }

  @Override
  public String getCallbackName() {
    return "runtime role grants";
  }

  @Override
  public void handle(Event event, Context context) {
    Connection migrating = context.getConnection();
    try {
      if (!RuntimeRoleCheck.isPostgres(migrating)) {
        return;
      }
      String owner = RuntimeRoleCheck.currentUser(migrating);
      String runtime;
      try (Connection connection = dataSource.getConnection()) {
        runtime = RuntimeRoleCheck.currentUser(connection);
      }
      if (runtime.equals(owner)) {
        LOG.info("The application's database role '{}' migrated the schema itself: no owner role is configured "
            + "(POSTGRES_OWNER_USER), so it owns the tables", runtime);
        return;
      }
      grant(migrating, runtime);
    } catch (SQLException e) {
      throw new FlywayException("Could not grant the runtime database role its rights: " + e.getMessage(), e);
    }
  }

  /** Grants the runtime role its rights on every table and sequence of the current schema. */
  static void grant(Connection owner, String runtime) throws SQLException {
    String role = quote(runtime);
    try (Statement statement = owner.createStatement()) {
      // nodes starting together would grant at once, and PostgreSQL refuses concurrent GRANTs on one table ("tuple
      // concurrently updated"): one at a time, until this transaction ends
      statement.execute("select pg_advisory_xact_lock(" + GRANT_LOCK + ")");
      String schema = quote(single(statement, "select current_schema()"));
      statement.execute("grant usage on schema " + schema + " to " + role);
      statement.execute("grant " + RUNTIME_TABLE_PRIVILEGES + " on all tables in schema " + schema + " to " + role);
      statement.execute("revoke " + NEVER + " on all tables in schema " + schema + " from " + role);
      statement.execute("grant usage, select on all sequences in schema " + schema + " to " + role);
      List<String> appendOnly = appendOnlyTables(statement);
      for (String table : appendOnly) {
        statement.execute("revoke " + TAKEN_FROM_APPEND_ONLY + " on " + schema + "." + quote(table) + " from "
            + role + ", public");
      }
      LOG.info("Database role '{}' may read and write the schema {}, and only read and append to {}", runtime,
          schema, appendOnly);
    }
  }

  /** The append-only tables that exist in the current schema. */
  static List<String> appendOnlyTables(Statement statement) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery("""
        select table_name from append_only_tables
         where to_regclass(quote_ident(current_schema()) || '.' || quote_ident(table_name)) is not null
         order by table_name""")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    return tables;
  }

  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  private static String single(Statement statement, String sql) throws SQLException {
    try (ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
