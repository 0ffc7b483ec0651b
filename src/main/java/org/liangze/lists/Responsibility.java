package org.liangze.lists;

/** 主体责任 (the Party organisation's) and 监督责任 (discipline inspection's). */
public enum Responsibility {
  MAIN("主体责任"),
  SUPERVISORY("监督责任");

  private final String label;

  Responsibility(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
