package org.liangze.platform;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A value of its own for each transaction ({@link TransactionMemo}'s values, {@link InsertsAtCommit}'s rows): made on
 * first use, kept apart from a transaction of its own inside (it starts without it and the outer one gets it back),
 * given to {@code beforeCommit} as the transaction commits, forgotten when it ends. None outside a transaction.
 */
final class TransactionBound<T> {

  /** The key of this value among the transaction's resources. */
  private final Object resource = new Object();
  private final Supplier<T> create;
  private final Consumer<T> beforeCommit;

  TransactionBound(Supplier<T> create, Consumer<T> beforeCommit) {
    this.create = create;
    this.beforeCommit = beforeCommit;
  }

  /** This transaction's value, made if {@code make} and there is none yet; null outside a transaction. */
  T get(boolean make) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return null;
    }
    @SuppressWarnings("unchecked")
    T value = (T) TransactionSynchronizationManager.getResource(resource);
    if (value == null && make) {
      T created = create.get();
      TransactionSynchronizationManager.bindResource(resource, created);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void beforeCommit(boolean readOnly) {
          if (beforeCommit != null) {
            beforeCommit.accept(created);
          }
        }

        @Override
        public void suspend() {
          TransactionSynchronizationManager.unbindResourceIfPossible(resource);
        }

        @Override
        public void resume() {
          TransactionSynchronizationManager.bindResource(resource, created);
        }

        @Override
        public void afterCompletion(int status) {
          TransactionSynchronizationManager.unbindResourceIfPossible(resource);
        }
      });
      value = created;
    }
    return value;
  }
}
