package org.liangze.talk;

/** What kind of talk. */
public enum TalkKind {
  INTEGRITY_TALK("廉政谈话"),
  PROBLEM_SUMMONS("问题约谈"),
  DUTY_REPORT("述责述廉");

  private final String label;

  TalkKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The kind a form or API client named, or null. */
  static TalkKind of(Object value) {
    for (TalkKind kind : values()) {
      if (kind.name().equals(value)) {
        return kind;
      }
    }
    return null;
  }
}
