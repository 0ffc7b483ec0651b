package org.liangze.platform;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.stereotype.Component;

/**
 * Refuses to start when the application's database role could rewrite the record manual. Runs right after the
 * migrations (and {@link DatabaseRoles}' grants), before the process engine or anything else uses the database,
 * when {@code liangze.database.role-check} is on: the {@code postgres} profile turns it on, and so do the
 * PostgreSQL integration tests. Asks PostgreSQL, as the runtime role, whether it
 *
 * <ul>
 *   <li>is a superuser ({@code pg_roles.rolsuper}: it can do anything), or may create roles
 *       ({@code rolcreaterole}: it can make itself a member of the owner role);</li>
 *   <li>owns, itself or through a role it is a member of, the schema or any table or sequence in it: an owner can
 *       {@code ALTER TABLE … DISABLE TRIGGER}, grant itself every right, or drop and re-create a table;</li>
 *   <li>holds UPDATE, DELETE, TRUNCATE or TRIGGER on an append-only table ({@code append_only_tables}).</li>
 * </ul>
 *
 * <p>Each problem is named in the refusal. A role that may create objects in the schema only gets a warning: that
 * alone rewrites nothing.
 */
@Component
class RuntimeRoleCheck implements FlywayMigrationStrategy {

  private static final Logger LOG = LoggerFactory.getLogger(RuntimeRoleCheck.class);

  static final List<String> FORBIDDEN_ON_APPEND_ONLY = List.of("UPDATE", "DELETE", "TRUNCATE", "TRIGGER");
  private static final int NAMES_SHOWN = 5;

  private final DataSource dataSource;
  private final boolean enabled;

  RuntimeRoleCheck(DataSource dataSource, @Value("${liangze.database.role-check:false}") boolean enabled) {
    this.dataSource = dataSource;
    this.enabled = enabled;
  }

  @Override
  public void migrate(Flyway flyway) {
    flyway.migrate();
    if (enabled) {
      check();
    }
  }

  void check() {
    try (Connection connection = dataSource.getConnection()) {
      if (!isPostgres(connection)) {
        LOG.warn("The database role check applies to PostgreSQL only; this database is {}",
            connection.getMetaData().getDatabaseProductName());
        return;
      }
      String role = currentUser(connection);
      List<String> problems = problems(connection);
      if (!problems.isEmpty()) {
        String message = refusal(role, problems);
        LOG.error(message);
        throw new IllegalStateException(message);
      }
      if (canCreateInSchema(connection)) {
        LOG.warn("Database role '{}' may create objects in the schema: revoke CREATE on the schema from it (README "
            + "\"Database roles\")", role);
      }
      LOG.info("Database role '{}' can read and append to the record manual, not change or delete it", role);
    } catch (SQLException e) {
      throw new IllegalStateException("Refusing to start: could not check the database role's rights: "
          + e.getMessage(), e);
    }
  }

  static String refusal(String role, List<String> problems) {
    return "Refusing to start: the database role '" + role + "' could rewrite the record manual: "
        + String.join("; ", problems) + ". The application must connect as a role that can only read and append "
        + "to the record (POSTGRES_USER / POSTGRES_PASSWORD), and the migrations run as the role that owns the "
        + "tables (POSTGRES_OWNER_USER / POSTGRES_OWNER_PASSWORD); see the README, \"Database roles\"";
  }

  /** What lets the connection's role rewrite the record; empty if nothing does. */
  static List<String> problems(Connection connection) throws SQLException {
    List<String> problems = new ArrayList<>();
    try (Statement statement = connection.createStatement()) {
      try (ResultSet rs = statement.executeQuery(
          "select rolsuper, rolcreaterole from pg_roles where rolname = current_user")) {
        if (rs.next()) {
          if (rs.getBoolean("rolsuper")) {
            problems.add("it is a superuser (it can disable the record's triggers and change anything)");
          }
          if (rs.getBoolean("rolcreaterole")) {
            problems.add("it may create roles (CREATEROLE: it can make itself a member of the owner role)");
          }
        }
      }
      try (ResultSet rs = statement.executeQuery("""
          select nspname, pg_get_userbyid(nspowner) from pg_namespace
           where nspname = current_schema() and pg_has_role(current_user, nspowner, 'MEMBER')""")) {
        if (rs.next()) {
          problems.add("it owns the schema " + rs.getString(1) + " (as " + rs.getString(2)
              + "), so it can drop and re-create the record's tables");
        }
      }
      List<String> owned = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery("""
          select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
           where n.nspname = current_schema() and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
             and pg_has_role(current_user, c.relowner, 'MEMBER')
           order by c.relname <> 'record_entries', c.relname not in (select table_name from append_only_tables),
                    c.relname""")) {
        while (rs.next()) {
          owned.add(rs.getString(1));
        }
      } catch (SQLException e) {
        throw new SQLException("the list of append-only tables (append_only_tables, Flyway V20) cannot be read: "
            + e.getMessage(), e.getSQLState(), e);
      }
      if (!owned.isEmpty()) {
        problems.add("it owns " + owned.size() + " tables and sequences (" + names(owned)
            + "), so it can ALTER TABLE … DISABLE TRIGGER and grant itself every right on them");
      }
      List<String> rights = new ArrayList<>();
      List<String> appendOnly = DatabaseRoles.appendOnlyTables(statement);
      // the record itself first
      appendOnly.sort(Comparator.comparing((String table) -> !table.equals("record_entries")));
      for (String table : appendOnly) {
        List<String> held = new ArrayList<>();
        for (String privilege : FORBIDDEN_ON_APPEND_ONLY) {
          try (ResultSet rs = statement.executeQuery("select has_table_privilege(current_user, "
              + "quote_ident(current_schema()) || '.' || quote_ident('" + table.replace("'", "''") + "'), '"
              + privilege + "')")) {
            rs.next();
            if (rs.getBoolean(1)) {
              held.add(privilege);
            }
          }
        }
        if (!held.isEmpty()) {
          rights.add(String.join(", ", held) + " " + table);
        }
      }
      if (!rights.isEmpty()) {
        problems.add("it may " + String.join("; ", rights));
      }
    }
    return problems;
  }

  static boolean canCreateInSchema(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(
            "select has_schema_privilege(current_user, current_schema(), 'CREATE')")) {
      return rs.next() && rs.getBoolean(1);
    }
  }

  static boolean isPostgres(Connection connection) throws SQLException {
    return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
  }

  static String currentUser(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("select current_user")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static String names(List<String> names) {
    return names.size() <= NAMES_SHOWN ? String.join(", ", names)
        : String.join(", ", names.subList(0, NAMES_SHOWN)) + ", …";
  }
}
