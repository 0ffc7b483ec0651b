package org.liangze.record;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.h2.api.Trigger;

/**
 * H2's counterpart of PostgreSQL's {@code record_chain_heads_follow()}: after every insert into record_entries, the
 * unit's chain head moves to the new entry (if it is newer than the head).
 */
public class ChainHeadTrigger implements Trigger {

  private int unitCode;
  private int seq;
  private int entryHash;

  @Override
  public void init(Connection connection, String schemaName, String triggerName, String tableName, boolean before,
      int type) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement("""
        select column_name from information_schema.columns where table_schema = ? and table_name = ?
         order by ordinal_position""")) {
      statement.setString(1, schemaName);
      statement.setString(2, tableName);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          columns.add(rs.getString(1).toLowerCase());
        }
      }
    }
    unitCode = columns.indexOf("unit_code");
    seq = columns.indexOf("seq");
    entryHash = columns.indexOf("entry_hash");
  }

  @Override
  public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
    String unit = (String) newRow[unitCode];
    long entrySeq = ((Number) newRow[seq]).longValue();
    String hash = (String) newRow[entryHash];
    try (PreparedStatement update = connection.prepareStatement(
        "update record_chain_heads set last_seq = ?, last_hash = ? where unit_code = ? and last_seq < ?")) {
      update.setLong(1, entrySeq);
      update.setString(2, hash);
      update.setString(3, unit);
      update.setLong(4, entrySeq);
      if (update.executeUpdate() > 0) {
        return;
      }
    }
    try (PreparedStatement insert = connection.prepareStatement("""
        insert into record_chain_heads (unit_code, last_seq, last_hash)
        select ?, ?, ? where not exists (select 1 from record_chain_heads where unit_code = ?)""")) {
      insert.setString(1, unit);
      insert.setLong(2, entrySeq);
      insert.setString(3, hash);
      insert.setString(4, unit);
      insert.executeUpdate();
    }
  }
}
