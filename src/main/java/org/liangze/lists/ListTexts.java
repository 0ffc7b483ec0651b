package org.liangze.lists;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** How list items are compared and shown as text: the same normalisation for the diff and the quality checks. */
final class ListTexts {

  /** Everything but letters and digits: punctuation (Chinese or not), spaces, quotes, line breaks. */
  private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  private ListTexts() {
  }

  /** Strips punctuation and whitespace, so re-punctuating or re-spacing a sentence does not make it new. */
  static String normalise(String text) {
    return text == null ? "" : NOT_WORD.matcher(text).replaceAll("").toLowerCase();
  }

  /** The substance of an item, for similarity: what is done, how, and where the risk lies. */
  static String substance(ListItem item) {
    return normalise(item.content()) + normalise(item.measures()) + normalise(item.riskPoint());
  }

  static String substance(List<ListItem> items) {
    StringBuilder text = new StringBuilder();
    items.forEach(item -> text.append(substance(item)));
    return text.toString();
  }

  /** One line per item, numbered as people number them (from 1). */
  static String summary(List<ListItem> items) {
    return summary(items, Map.of());
  }

  /** As {@link #summary(List)}, naming each item's 责任人 and 责任领导 by their names (login → name). */
  static String summary(List<ListItem> items, Map<String, String> names) {
    if (items.isEmpty()) {
      return "（无）";
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < items.size(); i++) {
      ListItem item = items.get(i);
      text.append(i + 1).append(". 【").append(item.responsibility().label()).append("·").append(item.category())
          .append("】").append(item.content());
      if (item.riskPoint() != null && !item.riskPoint().isBlank()) {
        text.append("（风险点：").append(item.riskPoint()).append("）");
      }
      if (item.responsiblePerson() != null || item.responsibleLeader() != null) {
        text.append("（责任人：").append(names.getOrDefault(item.responsiblePerson(), "未指定"))
            .append("；责任领导：").append(names.getOrDefault(item.responsibleLeader(), "未指定")).append("）");
      }
      text.append('\n');
    }
    return text.toString().stripTrailing();
  }

  /** "第1、3项" */
  static String positions(List<Integer> positions) {
    return "第" + String.join("、", positions.stream().map(String::valueOf).toList()) + "项";
  }
}
