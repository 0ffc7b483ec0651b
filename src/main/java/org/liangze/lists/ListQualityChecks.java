package org.liangze.lists;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.text.similarity.CosineSimilarity;
import org.springframework.stereotype.Component;

/**
 * The automatic quality checks of a drafted tailored list. Pure: it gets the draft and what to compare it with and
 * returns findings, so it is tested on real lists without a database or an engine.
 *
 * <p>Similarity is the cosine of character-bigram counts over the items' normalised text (content, measures, risk
 * point; punctuation and spacing stripped). Chinese has no spaces to split words on, and bigrams catch a copied
 * sentence with a few words swapped (社区 → 村) while two genuinely different lists share few of them: on the demo
 * district's lists unrelated units score 0.05–0.2, a list copied with small edits above 0.8.
 */
@Component
public class ListQualityChecks {

  private static final CosineSimilarity COSINE = new CosineSimilarity();

  private final ListQualityProperties properties;

  public ListQualityChecks(ListQualityProperties properties) {
    this.properties = properties;
  }

  /** Another unit's tailored list of the same year, to compare the draft with. */
  public record OtherList(String unitCode, String unitName, List<ListItem> items) {
  }

  /**
   * @param draft the items as the unit submitted them
   * @param previousYear the unit's list the year before, if any (its items, else null)
   * @param previousLabel how to name that list, e.g. "2025年第1版"
   * @param others other units' tailored lists of the same year
   */
  public List<QualityFlag> check(List<ListItem> draft, List<ListItem> previousYear, String previousLabel,
      List<OtherList> others) {
    List<QualityFlag> flags = new ArrayList<>();
    copying(draft, others).ifPresent(flags::add);
    if (previousYear != null) {
      relabelling(draft, previousYear, previousLabel).ifPresent(flags::add);
    }
    if (draft.size() > properties.maxItems()) {
      flags.add(new QualityFlag(QualityFlagKind.STUFFING, null, null, List.of(), draft.size(), properties.maxItems(),
          "贪大求全：个性清单共" + draft.size() + "项，超过上限" + properties.maxItems() + "项，请突出重点人、重点事、重点问题"));
    }
    List<Integer> withoutRiskPoint = new ArrayList<>();
    for (int i = 0; i < draft.size(); i++) {
      if (ListTexts.normalise(draft.get(i).riskPoint()).isEmpty()) {
        withoutRiskPoint.add(i + 1);
      }
    }
    if (!withoutRiskPoint.isEmpty()) {
      flags.add(new QualityFlag(QualityFlagKind.MISSING_RISK_POINT, null, null, withoutRiskPoint, null, null,
          "未标明廉政风险点：" + ListTexts.positions(withoutRiskPoint)));
    }
    return flags;
  }

  /** Character-bigram cosine similarity of two lists, 0 (nothing shared) to 1 (the same text). */
  public static double similarity(List<ListItem> a, List<ListItem> b) {
    Map<CharSequence, Integer> left = bigrams(ListTexts.substance(a));
    Map<CharSequence, Integer> right = bigrams(ListTexts.substance(b));
    if (left.isEmpty() || right.isEmpty()) {
      return 0;
    }
    return COSINE.cosineSimilarity(left, right);
  }

  private Optional<QualityFlag> copying(List<ListItem> draft, List<OtherList> others) {
    OtherList closest = null;
    double best = 0;
    for (OtherList other : others) {
      double score = similarity(draft, other.items());
      if (score > best) {
        best = score;
        closest = other;
      }
    }
    if (closest == null || best < properties.similarityThreshold()) {
      return Optional.empty();
    }
    return Optional.of(new QualityFlag(QualityFlagKind.COPYING, closest.unitCode(), best, List.of(), null,
        null, "疑似照搬照抄：与" + closest.unitName() + "（" + closest.unitCode() + "）的个性清单相似度"
            + percent(best) + "，超过阈值" + percent(properties.similarityThreshold())));
  }

  /**
   * An item is relabelled when its measures are last year's (ignoring punctuation and spacing), whatever its
   * heading or wording says: new measures are what makes an item new. Items without measures compare by content.
   */
  private static Optional<QualityFlag> relabelling(List<ListItem> draft, List<ListItem> previous,
      String previousLabel) {
    Set<String> oldMeasures = new HashSet<>();
    Set<String> oldContents = new HashSet<>();
    for (ListItem item : previous) {
      oldMeasures.add(ListTexts.normalise(item.measures()));
      oldContents.add(ListTexts.normalise(item.content()));
    }
    oldMeasures.remove("");
    List<Integer> unchanged = new ArrayList<>();
    for (int i = 0; i < draft.size(); i++) {
      String measures = ListTexts.normalise(draft.get(i).measures());
      boolean same = measures.isEmpty()
          ? oldContents.contains(ListTexts.normalise(draft.get(i).content()))
          : oldMeasures.contains(measures);
      if (same) {
        unchanged.add(i + 1);
      }
    }
    if (unchanged.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new QualityFlag(QualityFlagKind.RELABELLING, null, null, unchanged, null, null,
        "疑似新瓶装旧酒：" + ListTexts.positions(unchanged) + "的措施与" + previousLabel + "个性清单相同，未结合新情况更新"));
  }

  private static Map<CharSequence, Integer> bigrams(String text) {
    Map<CharSequence, Integer> counts = new HashMap<>();
    for (int i = 0; i + 2 <= text.length(); i++) {
      counts.merge(text.substring(i, i + 2), 1, Integer::sum);
    }
    return counts;
  }

  private static String percent(double value) {
    return Math.round(value * 100) + "%";
  }
}
