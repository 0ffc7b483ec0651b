package org.liangze.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rows are written as their transaction commits, in one batch per statement, changed or dropped before that by the
 * same transaction, never by a failed one; a transaction of its own inside writes its own rows as it commits.
 */
class InsertsAtCommitTest {

  private static final String INSERT = "insert into notes (id, text) values (?, ?)";

  private final DriverManagerDataSource dataSource =
      new DriverManagerDataSource("jdbc:h2:mem:inserts-at-commit;DB_CLOSE_DELAY=-1");
  private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);
  private final DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
  private final TransactionTemplate transaction = new TransactionTemplate(transactions);
  private final InsertsAtCommit inserts = new InsertsAtCommit(jdbc);

  @BeforeEach
  void table() {
    jdbc.execute("drop table if exists notes");
    jdbc.execute("create table notes (id varchar(10) primary key, text varchar(20))");
  }

  @Test
  void writtenAsTheTransactionCommitsWithWhatItChangedBefore() {
    transaction.executeWithoutResult(status -> {
      inserts.insert(INSERT, "a", "a", "first");
      inserts.insert(INSERT, "b", "b", "second");
      inserts.insert(INSERT, "c", "c", "third");
      assertThat(texts()).as("nothing written before the commit").isEmpty();
      assertThat(inserts.replace(INSERT, "b", "b", "changed")).isTrue();
      assertThat(inserts.discard(INSERT, "c")).isTrue();
      // rows not pending here: the caller changes the stored row itself
      assertThat(inserts.replace(INSERT, "z", "z", "none")).isFalse();
      assertThat(inserts.discard(INSERT, "z")).isFalse();
      assertThat(inserts.pendingRows(INSERT)).hasSize(2);
    });
    assertThat(texts()).containsExactly("first", "changed");
    // the next transaction starts with nothing pending
    transaction.executeWithoutResult(status -> assertThat(inserts.pendingRows(INSERT)).isEmpty());
  }

  @Test
  void aFailedTransactionWritesNothing() {
    assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
      inserts.insert(INSERT, "a", "a", "first");
      throw new IllegalStateException("the work failed");
    })).hasMessage("the work failed");
    assertThat(texts()).isEmpty();
    // a row the database refuses at the commit fails the commit, and the transaction's other rows with it
    jdbc.update(INSERT, "a", "stored");
    assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
      inserts.insert(INSERT, "b", "b", "second");
      inserts.insert(INSERT, "a", "a", "duplicate");
    })).isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
    assertThat(texts()).containsExactly("stored");
  }

  @Test
  void aTransactionOfItsOwnInsideWritesItsOwnRows() {
    TransactionTemplate inner = new TransactionTemplate(transactions);
    inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    transaction.executeWithoutResult(status -> {
      inserts.insert(INSERT, "outer", "outer", "outer");
      inner.executeWithoutResult(innerStatus -> {
        assertThat(inserts.pendingRows(INSERT)).isEmpty();
        inserts.insert(INSERT, "inner", "inner", "inner");
      });
      assertThat(texts()).as("the inner transaction committed its row").containsExactly("inner");
      assertThat(inserts.pendingRows(INSERT)).hasSize(1);
    });
    assertThat(texts()).containsExactly("inner", "outer");
  }

  @Test
  void atOnceOutsideATransaction() {
    inserts.insert(INSERT, "a", "a", "now");
    assertThat(texts()).containsExactly("now");
  }

  private List<String> texts() {
    return jdbc.queryForList("select text from notes order by id", String.class);
  }
}
