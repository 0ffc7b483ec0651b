package org.liangze.record;

import java.time.Instant;
import java.util.List;

/** What is to be appended to a unit's record manual; the manual adds sequence, time recorded and hashes. */
public record NewEntry(String unitCode, EntryKind kind, Long listItemId, String actor, Instant occurredAt,
    String summary, String lateReason, String processInstanceId, String taskId, List<String> evidence) {

  public NewEntry {
    evidence = evidence == null ? List.of() : evidence.stream().sorted().distinct().toList();
  }
}
