package org.liangze.platform;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Which database the platform runs on (asked once), and what differs there: on PostgreSQL the statements of a
 * transaction can be planned for their parameters' values ({@link #planForValuesInThisTransaction}); the embedded
 * default (H2) has no such choice to make.
 */
@Component
public class DatabaseProduct {

  private final DataSource dataSource;
  private final JdbcTemplate jdbc;
  private volatile Boolean postgres;

  public DatabaseProduct(DataSource dataSource) {
    this.dataSource = dataSource;
    this.jdbc = new JdbcTemplate(dataSource);
  }

  /**
   * Plans the rest of the current transaction's statements for the values they are given, never once for any values:
   * on PostgreSQL {@code SET LOCAL plan_cache_mode = force_custom_plan}, which ends with the transaction (the pooled
   * connection goes back as it was); nothing on H2. pgjdbc prepares a statement on the server after five executions,
   * and PostgreSQL then keeps one generic plan when its estimate is cheaper than the plans made for the values. For a
   * period's rows of a page of units that estimate assumes the period holds 0.5 % of the table: the score job's read
   * of a page's record entries walked every entry of the quarter through the time index, 4.4–5.2 s a page at district
   * size; planned for the values, the whole sweep took 5 s (docs/performance.md, "The score job's generic plans"). For
   * reads over many rows whose parameters decide the plan, in a transaction that runs rarely enough for planning every
   * statement to cost nothing worth counting (a background job's page).
   *
   * @throws IllegalStateException outside a transaction, where the setting would have no effect
   */
  public void planForValuesInThisTransaction() {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException("Plans are chosen per transaction: call this inside one");
    }
    if (isPostgres()) {
      jdbc.execute("set local plan_cache_mode = force_custom_plan");
    }
  }

  public boolean isPostgres() {
    Boolean known = postgres;
    if (known == null) {
      try (Connection connection = dataSource.getConnection()) {
        known = RuntimeRoleCheck.isPostgres(connection);
      } catch (SQLException e) {
        throw new IllegalStateException("The database could not be asked what it is", e);
      }
      postgres = known;
    }
    return known;
  }
}
