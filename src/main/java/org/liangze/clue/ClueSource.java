package org.liangze.clue;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where a clue came from; the names are the accountability case sources it becomes
 * ({@code accountability.CaseSource}).
 */
public enum ClueSource {
  COMPLAINT("信访举报"),
  INSPECTION("巡察检查发现");

  private final String label;

  ClueSource(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  static Optional<ClueSource> of(Object value) {
    return Arrays.stream(values()).filter(source -> source.name().equals(value)).findFirst();
  }
}
