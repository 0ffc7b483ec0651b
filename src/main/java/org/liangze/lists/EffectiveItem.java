package org.liangze.lists;

/**
 * An item a unit is held to in a year, with its row id: one of the common list's items or of the unit's published
 * tailored list. {@code position} counts within its own list. {@code responsiblePerson} and
 * {@code responsibleLeader}: the logins of the item's 责任人 and 责任领导 for this unit — a tailored item's own, a
 * common item's as the unit chose them or by default ({@code CommonItemResponsibles}); null where the unit has
 * nobody to hold them and on tailored items from before responsibles were kept.
 */
public record EffectiveItem(long itemId, ListKind origin, int position, Responsibility responsibility,
    String category, String content, String responsiblePerson, String responsibleLeader) {

  EffectiveItem withResponsibles(String person, String leader) {
    return new EffectiveItem(itemId, origin, position, responsibility, category, content, person, leader);
  }

  /** "共性清单第3项·廉政教育：…", how the item is named on forms. */
  public String label() {
    return origin.label() + "第" + position + "项·" + responsibility.label() + "·" + category + "：" + content;
  }
}
