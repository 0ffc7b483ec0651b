package org.liangze.lists;

/**
 * One responsibility on a list: what is to be done, how, where the integrity risk lies and what proves it.
 *
 * @param responsiblePerson the login of the unit's person who carries the item out (责任人); null on common lists,
 *     which serve every unit of a type, and on tailored items from before responsibles were kept
 * @param responsibleLeader the login of the unit's leader answerable for it (责任领导): its secretary or a team
 *     member (一岗双责); null as above
 */
public record ListItem(Responsibility responsibility, String category, String content, String measures,
    String riskPoint, String frequency, String evidenceRequired, String responsiblePerson,
    String responsibleLeader) {

  /** An item without responsibles (a common list's). */
  public ListItem(Responsibility responsibility, String category, String content, String measures,
      String riskPoint, String frequency, String evidenceRequired) {
    this(responsibility, category, content, measures, riskPoint, frequency, evidenceRequired, null, null);
  }

  public ListItem withResponsibles(String person, String leader) {
    return new ListItem(responsibility, category, content, measures, riskPoint, frequency, evidenceRequired, person,
        leader);
  }

  public ListItem {
    if (responsibility == null) {
      throw new IllegalArgumentException("A list item needs a responsibility (MAIN or SUPERVISORY)");
    }
    if (category == null || category.isBlank() || content == null || content.isBlank()) {
      throw new IllegalArgumentException("A list item needs a category and content");
    }
  }
}
