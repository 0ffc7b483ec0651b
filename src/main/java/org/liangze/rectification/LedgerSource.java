package org.liangze.rectification;

/** Where a problem of the rectification ledger (整改台账) was found. */
public enum LedgerSource {
  SELF_CHECK("季度自查"),
  ACCOUNTABILITY("问责"),
  TALK("谈话承诺"),
  INSPECTION("巡察反馈"),
  OTHER("其他");

  private final String label;

  LedgerSource(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The source of a rectification called from another process, by that process's key; OTHER when unknown. */
  static LedgerSource ofCallingProcess(String processDefinitionKey) {
    if (processDefinitionKey == null) {
      return OTHER;
    }
    // the callers' keys, spelled as in their models (unit-self-check.bpmn, accountability.bpmn; LedgerSourceTest checks them)
    return switch (processDefinitionKey) {
      case "unitSelfCheck" -> SELF_CHECK;
      case "accountability" -> ACCOUNTABILITY;
      default -> OTHER;
    };
  }
}
