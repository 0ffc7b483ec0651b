package org.liangze.platform;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.EncodedResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.stereotype.Component;

/**
 * Flyway V22: Camunda's own schema, created by the migrations (as the owner role) rather than by the engine at start
 * ({@code camunda.bpm.database.schema-update: false}), so that the application's runtime role needs no DDL. Runs the
 * create scripts Camunda ships in its engine jar ({@code org/camunda/bpm/engine/db/create/activiti.<db>.create.
 * <component>.sql}), in the order the engine itself runs them, for PostgreSQL and H2.
 *
 * <p>A database whose Camunda tables the engine created before this migration existed keeps them: a component whose
 * tables are there is skipped (and logged), so the migration records the schema as it is. Upgrading Camunda later is
 * a further Java migration that runs the jar's upgrade scripts ({@code org/camunda/bpm/engine/db/upgrade/
 * <db>_engine_<from>_to_<to>.sql}) with {@link #runScript}.
 */
@Component
class CamundaSchemaMigration implements JavaMigration {

  private static final Logger LOG = LoggerFactory.getLogger(CamundaSchemaMigration.class);

  /** Camunda's components in the engine's order of creation, each with a table that shows it exists. */
  static final Map<String, String> COMPONENTS = new LinkedHashMap<>();

  static {
    COMPONENTS.put("engine", "ACT_RU_EXECUTION");
    COMPONENTS.put("history", "ACT_HI_PROCINST");
    COMPONENTS.put("identity", "ACT_ID_USER");
    COMPONENTS.put("case.engine", "ACT_RE_CASE_DEF");
    COMPONENTS.put("case.history", "ACT_HI_CASEINST");
    COMPONENTS.put("decision.engine", "ACT_RE_DECISION_DEF");
    COMPONENTS.put("decision.history", "ACT_HI_DECINST");
  }

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("22");
  }

  @Override
  public String getDescription() {
    return "camunda schema";
  }

  @Override
  public Integer getChecksum() {
    return null;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws Exception {
    Connection connection = context.getConnection();
    String database = camundaDatabaseType(connection);
    for (Map.Entry<String, String> component : COMPONENTS.entrySet()) {
      if (tableExists(connection, component.getValue())) {
        LOG.info("Camunda's {} tables exist already ({}): created by the engine before its schema came to the "
            + "migrations; kept as they are", component.getKey(), component.getValue());
        continue;
      }
      runScript(connection, "create/activiti." + database + ".create." + component.getKey() + ".sql");
    }
  }

  /** Runs one of the SQL scripts of Camunda's engine jar, e.g. {@code create/activiti.postgres.create.engine.sql}. */
  static void runScript(Connection connection, String script) {
    ClassPathResource resource = new ClassPathResource("org/camunda/bpm/engine/db/" + script);
    if (!resource.exists()) {
      throw new IllegalStateException("Camunda's engine jar has no script " + resource.getPath());
    }
    LOG.info("Running Camunda's {}", resource.getPath());
    ScriptUtils.executeSqlScript(connection, new EncodedResource(resource, StandardCharsets.UTF_8));
  }

  /** Camunda's name of the database: its scripts are named by it. */
  static String camundaDatabaseType(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName();
    return switch (product) {
      case "PostgreSQL" -> "postgres";
      case "H2" -> "h2";
      default -> throw new IllegalStateException("The platform runs on PostgreSQL or H2, not " + product);
    };
  }

  static boolean tableExists(Connection connection, String table) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("select count(*) from information_schema.tables "
        + "where upper(table_name) = ? and table_schema = current_schema")) {
      statement.setString(1, table.toUpperCase());
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() && rs.getLong(1) > 0;
      }
    }
  }
}
