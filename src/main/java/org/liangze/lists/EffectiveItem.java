package org.liangze.lists;

/**
 * An item a unit is held to in a year, with its row id: one of the common list's items or of the unit's published
 * tailored list. {@code position} counts within its own list. {@code responsiblePerson}: the login of the item's
 * 责任人, null on common-list items and on items from before responsibles were kept.
 */
public record EffectiveItem(long itemId, ListKind origin, int position, Responsibility responsibility,
    String category, String content, String responsiblePerson) {

  /** "共性清单第3项·廉政教育：…", how the item is named on forms. */
  public String label() {
    return origin.label() + "第" + position + "项·" + responsibility.label() + "·" + category + "：" + content;
  }
}
