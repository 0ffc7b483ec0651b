package org.liangze.lists;

/** One responsibility on a list: what is to be done, how, where the integrity risk lies and what proves it. */
public record ListItem(Responsibility responsibility, String category, String content, String measures,
    String riskPoint, String frequency, String evidenceRequired) {

  public ListItem {
    if (responsibility == null) {
      throw new IllegalArgumentException("A list item needs a responsibility (MAIN or SUPERVISORY)");
    }
    if (category == null || category.isBlank() || content == null || content.isBlank()) {
      throw new IllegalArgumentException("A list item needs a category and content");
    }
  }
}
