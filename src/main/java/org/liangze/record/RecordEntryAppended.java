package org.liangze.record;

import java.time.Instant;

/**
 * Published by {@link RecordManual#append} inside the appending transaction, once the entry is stored: whatever
 * counts a unit's records (the unit scores) can note that the unit's figures changed. Listeners must stay cheap and
 * must not fail: they run in the transaction of whoever appended (a completed task, a manual entry).
 *
 * @param unitCode the unit whose manual grew
 * @param kind what the entry records
 * @param occurredAt when the recorded thing happened (the period it counts in)
 */
public record RecordEntryAppended(String unitCode, EntryKind kind, Instant occurredAt) {
}
