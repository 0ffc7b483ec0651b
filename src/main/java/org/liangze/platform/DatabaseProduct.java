package org.liangze.platform;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Which database the platform runs on, for the few queries PostgreSQL can answer in one statement where the embedded
 * default (H2) cannot (H2 has no {@code LATERAL}): they take the portable way there. Asked once.
 */
@Component
public class DatabaseProduct {

  private final DataSource dataSource;
  private volatile Boolean postgres;

  public DatabaseProduct(DataSource dataSource) {
    this.dataSource = dataSource;
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
