package org.liangze.lists;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a version of a list changed against the version before it. Items are matched first by identical text
 * (ignoring punctuation and spacing), then the rest by responsibility and category, which is how people revise an
 * item; what is left over was added or removed.
 *
 * @param previousVersion the version compared with, e.g. "2025年第1版"; null when there is none
 * @param unchanged how many items stayed as they were
 */
public record ListDiff(Long previousListId, String previousVersion, List<ListItem> added, List<ListItem> removed,
    List<Change> changed, int unchanged) {

  /** An item revised in place: the same responsibility and category, different text. */
  public record Change(ListItem before, ListItem after) {
  }

  public static ListDiff between(ResponsibilityList previous, List<ListItem> current) {
    List<ListItem> before = previous == null ? new ArrayList<>() : new ArrayList<>(previous.items());
    List<ListItem> after = new ArrayList<>(current);
    int unchanged = 0;
    for (var it = after.iterator(); it.hasNext(); ) {
      ListItem item = it.next();
      int match = indexOf(before, candidate -> key(candidate).equals(key(item)));
      if (match >= 0) {
        before.remove(match);
        it.remove();
        unchanged++;
      }
    }
    List<Change> changed = new ArrayList<>();
    for (var it = after.iterator(); it.hasNext(); ) {
      ListItem item = it.next();
      int match = indexOf(before, candidate -> candidate.responsibility() == item.responsibility()
          && ListTexts.normalise(candidate.category()).equals(ListTexts.normalise(item.category())));
      if (match >= 0) {
        changed.add(new Change(before.remove(match), item));
        it.remove();
      }
    }
    return new ListDiff(previous == null ? null : previous.id(), previous == null ? null : previous.versionLabel(),
        List.copyOf(after), List.copyOf(before), List.copyOf(changed), unchanged);
  }

  public String summary() {
    if (previousVersion == null) {
      return "首个版本，共" + added.size() + "项";
    }
    return "与" + previousVersion + "相比：新增" + added.size() + "项，删除" + removed.size() + "项，修改"
        + changed.size() + "项，未变" + unchanged + "项";
  }

  /** Whether the list is exactly the one compared with (which must exist). */
  public boolean isUnchanged() {
    return previousVersion != null && added.isEmpty() && removed.isEmpty() && changed.isEmpty();
  }

  /** The summary, then each added, removed and revised item: what a reviewer reads. */
  public String details() {
    StringBuilder text = new StringBuilder(summary());
    if (previousVersion == null) {
      return text.toString();
    }
    if (!added.isEmpty()) {
      text.append("\n\n新增：\n").append(ListTexts.summary(added));
    }
    if (!removed.isEmpty()) {
      text.append("\n\n删除：\n").append(ListTexts.summary(removed));
    }
    if (!changed.isEmpty()) {
      text.append("\n\n修改：");
      for (Change change : changed) {
        text.append("\n【").append(change.after().responsibility().label()).append("·")
            .append(change.after().category()).append("】\n  原：").append(change.before().content())
            .append("\n  现：").append(change.after().content());
        if (!ListTexts.normalise(change.before().measures()).equals(ListTexts.normalise(change.after().measures()))) {
          text.append("\n  措施原：").append(change.before().measures()).append("\n  措施现：")
              .append(change.after().measures());
        }
      }
    }
    return text.toString();
  }

  private static String key(ListItem item) {
    return String.join("|", item.responsibility().name(), ListTexts.normalise(item.category()),
        ListTexts.normalise(item.content()), ListTexts.normalise(item.measures()),
        ListTexts.normalise(item.riskPoint()), ListTexts.normalise(item.frequency()),
        ListTexts.normalise(item.evidenceRequired()));
  }

  private static int indexOf(List<ListItem> items, Predicate<ListItem> test) {
    for (int i = 0; i < items.size(); i++) {
      if (test.test(items.get(i))) {
        return i;
      }
    }
    return -1;
  }
}
