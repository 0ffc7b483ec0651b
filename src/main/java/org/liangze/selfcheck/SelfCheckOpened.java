package org.liangze.selfcheck;

/**
 * Published by {@link SelfCheckService} inside the transaction that opened a unit's self-check of a quarter: the
 * unit now has a self-check due (the unit scores count it). Listeners must stay cheap and must not fail.
 *
 * @param unitCode the unit
 * @param quarter the quarter, e.g. "2026Q1"
 */
public record SelfCheckOpened(String unitCode, String quarter) {
}
