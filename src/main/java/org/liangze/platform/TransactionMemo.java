package org.liangze.platform;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Values computed at most once per transaction, by key: for a look-up that several steps of one transaction ask for
 * again and that the transaction does not change — a unit's effective list read by the self-check's start, its
 * assessors and each of their shares in the same job. Forgotten when the transaction ends; outside a transaction
 * every call computes.
 */
public final class TransactionMemo<K, V> {

  /** The key of this memo's map among the transaction's resources. */
  private final Object resource = new Object();

  public V get(K key, Function<K, V> compute) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return compute.apply(key);
    }
    @SuppressWarnings("unchecked")
    Map<K, V> values = (Map<K, V>) TransactionSynchronizationManager.getResource(resource);
    if (values == null) {
      Map<K, V> created = new HashMap<>();
      TransactionSynchronizationManager.bindResource(resource, created);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          TransactionSynchronizationManager.unbindResourceIfPossible(resource);
        }
      });
      values = created;
    }
    V value = values.get(key);
    if (value == null) {
      value = compute.apply(key);
      values.put(key, value);
    }
    return value;
  }
}
