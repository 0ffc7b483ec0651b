package org.liangze.support;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real PostgreSQL 15 server in-process (zonky), shared by the integration tests of one JVM; each Spring context
 * gets a database of its own on it, set up as in production (README "Database roles"): the database and every table
 * belong to the owner role {@link #OWNER}, which runs the migrations; the application connects as the runtime role
 * {@link #RUNTIME}, no superuser, which owns nothing and may only read and append to the record. The role check
 * ({@code liangze.database.role-check}) is on, as with the {@code postgres} profile.
 */
public final class EmbeddedPostgresDatabase {

  /** The server's superuser (zonky's). */
  public static final String SUPERUSER = "postgres";
  /** The role that owns the database and its tables and runs the migrations (POSTGRES_OWNER_USER). */
  public static final String OWNER = "liangze_owner";
  /** The application's role (POSTGRES_USER). */
  public static final String RUNTIME = "liangze_app";
  /** Every role's password (zonky's server trusts local connections; the passwords are for show). */
  public static final String PASSWORD = "test-db-password";

  private static final AtomicInteger DATABASES = new AtomicInteger();
  /**
   * The collation the servers are initialised with, as {@code docker/compose.yaml} initialises production's
   * ({@code POSTGRES_INITDB_ARGS}): "C" compares text byte by byte, and Camunda's ids, keys and group names are
   * compared in every query (README "Database").
   */
  public static final String COLLATION_OPTION = "lc-collate";
  public static final String COLLATION = "C";

  private static EmbeddedPostgres server;

  private EmbeddedPostgresDatabase() {
  }

  public static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        // zonky would stop the server in a JVM shutdown hook of its own, beside Spring's: see below
        server = EmbeddedPostgres.builder().setRegisterShutdownHook(false)
            .setLocaleConfig(COLLATION_OPTION, COLLATION).start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      createRoles(server);
      // stopped after the Spring contexts on it are closed, not beside them: a JVM runs its shutdown hooks at once,
      // and a context closing on a stopped server waited for a connection (Camunda's last metrics report) until
      // Surefire killed the JVM 30 s after the tests
      org.springframework.boot.SpringApplication.getShutdownHandlers().add(() -> {
        try {
          server.close();
        } catch (IOException ignored) {
          // the JVM is going away
        }
      });
    }
    return server;
  }

  /**
   * Creates the owner and the runtime role on a server, as docker/initdb does (README "Database roles"), unless they
   * exist. Neither is a superuser or may create roles or databases.
   */
  public static void createRoles(EmbeddedPostgres server) {
    try (Connection connection = server.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      for (String role : new String[] {OWNER, RUNTIME}) {
        statement.execute("""
            do $$ begin
              if not exists (select 1 from pg_roles where rolname = '%1$s') then
                create role %1$s login password '%2$s' nosuperuser nocreaterole nocreatedb;
              end if;
            end $$""".formatted(role, PASSWORD));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Creates a fresh database and points the Spring context at it the production way: Flyway migrates as the owner
   * role, the application connects as the runtime role, and the role check is on.
   */
  public static void register(DynamicPropertyRegistry registry) {
    register(registry, createDatabase());
  }

  /** Points the Spring context at a database of the shared server, the production way (see {@link #register}). */
  public static void register(DynamicPropertyRegistry registry, String url) {
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> RUNTIME);
    registry.add("spring.datasource.password", () -> PASSWORD);
    registry.add("spring.flyway.user", () -> OWNER);
    registry.add("spring.flyway.password", () -> PASSWORD);
    registry.add("liangze.database.role-check", () -> "true");
  }

  /** Creates a fresh database owned by the owner role; returns its JDBC URL (no user in it). */
  public static String createDatabase() {
    return createDatabase(server(), "liangze_" + DATABASES.incrementAndGet());
  }

  /** Creates a database owned by the owner role on a server; returns its JDBC URL (no user in it). */
  public static String createDatabase(EmbeddedPostgres server, String name) {
    try (Connection connection = server.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("create database " + name + " owner " + OWNER);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return url(server, name);
  }

  /** The JDBC URL of a database of a server, without a user (the user is given with the connection). */
  public static String url(EmbeddedPostgres server, String database) {
    return "jdbc:postgresql://localhost:" + server.getPort() + "/" + database;
  }

  /** The database name of a JDBC URL of this kind. */
  public static String databaseName(String url) {
    return url.substring(url.lastIndexOf('/') + 1).split("\\?")[0];
  }

  /** The JDBC URL of the application's data source. */
  public static String urlOf(DataSource dataSource) {
    try {
      return dataSource.unwrap(HikariDataSource.class).getJdbcUrl();
    } catch (SQLException e) {
      throw new IllegalStateException("not a Hikari data source: " + dataSource, e);
    }
  }

  /** A connection to the database as the runtime role: what the application can do. */
  public static Connection asRuntime(String url) throws SQLException {
    return DriverManager.getConnection(url, RUNTIME, PASSWORD);
  }

  /** A connection to the database as the owner role: what whoever holds the migrations' password can do. */
  public static Connection asOwner(String url) throws SQLException {
    return DriverManager.getConnection(url, OWNER, PASSWORD);
  }

  /** A connection to the database as the superuser. */
  public static Connection asSuperuser(String url) throws SQLException {
    return DriverManager.getConnection(url, SUPERUSER, PASSWORD);
  }

  /** A data source connecting as the owner role (for JdbcClient and friends). */
  public static DataSource ownerDataSource(String url) {
    return new DriverManagerDataSource(url, OWNER, PASSWORD);
  }

  /** A data source connecting as the superuser. */
  public static DataSource superuserDataSource(String url) {
    return new DriverManagerDataSource(url, SUPERUSER, PASSWORD);
  }
}
