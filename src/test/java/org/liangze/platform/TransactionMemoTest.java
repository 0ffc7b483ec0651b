package org.liangze.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** A value is computed once per transaction and key, forgotten when the transaction ends, and always outside one. */
class TransactionMemoTest {

  private final TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(
      new DriverManagerDataSource("jdbc:h2:mem:transaction-memo;DB_CLOSE_DELAY=-1")));
  private final TransactionMemo<String, Integer> memo = new TransactionMemo<>();
  private final AtomicInteger computed = new AtomicInteger();

  @Test
  void oncePerTransactionAndKey() {
    transaction.executeWithoutResult(status -> {
      assertThat(memo.get("T01", key -> computed.incrementAndGet())).isEqualTo(1);
      assertThat(memo.get("T01", key -> computed.incrementAndGet())).isEqualTo(1);
      assertThat(memo.get("T02", key -> computed.incrementAndGet())).isEqualTo(2);
    });
    // the next transaction computes again
    transaction.executeWithoutResult(status ->
        assertThat(memo.get("T01", key -> computed.incrementAndGet())).isEqualTo(3));
    assertThat(computed).hasValue(3);
  }

  @Test
  void aTransactionOfItsOwnInsideKeepsItsOwnValues() {
    TransactionTemplate inner = new TransactionTemplate(transaction.getTransactionManager());
    inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    transaction.executeWithoutResult(status -> {
      memo.put("T01", 10);
      inner.executeWithoutResult(innerStatus -> {
        assertThat(memo.peek("T01")).isNull();
        assertThat(memo.get("T01", key -> computed.incrementAndGet())).isEqualTo(1);
      });
      assertThat(memo.peek("T01")).isEqualTo(10);
    });
    assertThat(memo.peek("T01")).as("nothing kept outside a transaction").isNull();
  }

  @Test
  void everyCallOutsideATransaction() {
    memo.get("T01", key -> computed.incrementAndGet());
    memo.get("T01", key -> computed.incrementAndGet());
    assertThat(computed).hasValue(2);
  }
}
