package org.liangze.lists;

/**
 * An item a unit is held to in a year, with its row id: one of the common list's items or of the unit's published
 * tailored list. {@code position} counts within its own list.
 */
public record EffectiveItem(long itemId, ListKind origin, int position, Responsibility responsibility,
    String category, String content) {

  /** "共性清单第3项·廉政教育：…", how the item is named on forms. */
  public String label() {
    return origin.label() + "第" + position + "项·" + responsibility.label() + "·" + category + "：" + content;
  }
}
