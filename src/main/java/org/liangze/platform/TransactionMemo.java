package org.liangze.platform;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Values computed at most once per transaction, by key: for a look-up that several steps of one transaction ask for
 * again and that the transaction does not change — a unit's effective list read by the self-check's start, its
 * assessors and each of their shares in the same job. Forgotten when the transaction ends; outside a transaction
 * every call computes.
 */
public final class TransactionMemo<K, V> {

  private final TransactionBound<Map<K, V>> perTransaction = new TransactionBound<>(HashMap::new, null);

  public V get(K key, Function<K, V> compute) {
    Map<K, V> values = values();
    if (values == null) {
      return compute.apply(key);
    }
    V value = values.get(key);
    if (value == null) {
      value = compute.apply(key);
      values.put(key, value);
    }
    return value;
  }

  /** The value kept for the key in this transaction, or null. */
  public V peek(K key) {
    Map<K, V> values = values();
    return values == null ? null : values.get(key);
  }

  /**
   * Keeps a value for the rest of the transaction (nothing outside one): what one read found for several keys at
   * once, such as the look-ups of every unit of a campaign's batch.
   */
  public void put(K key, V value) {
    Map<K, V> values = values();
    if (values != null && value != null) {
      values.put(key, value);
    }
  }

  /** This transaction's map, made on first use; null outside a transaction. */
  private Map<K, V> values() {
    return perTransaction.get(true);
  }
}
