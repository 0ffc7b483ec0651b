package org.liangze.rectification;

/** A ledger row is open until its owner reports it done, then closed (销号) once the commission verifies it. */
public enum LedgerRowStatus {
  OPEN("整改中"),
  REPORTED("待验收"),
  CLOSED("已销号");

  private final String label;

  LedgerRowStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
