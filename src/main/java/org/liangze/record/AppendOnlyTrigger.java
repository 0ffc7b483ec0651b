package org.liangze.record;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/** H2's counterpart of the PostgreSQL triggers that make record_entries and the checkpoint tables append-only. */
public class AppendOnlyTrigger implements Trigger {

  private String table = "record_entries";

  @Override
  public void init(Connection connection, String schemaName, String triggerName, String tableName, boolean before,
      int type) {
    table = tableName.toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
    throw new SQLException(table + " is append-only: " + (newRow == null ? "DELETE" : "UPDATE") + " refused",
        "42501");
  }
}
