package org.liangze.lists;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.liangze.lists.ListQualityChecks.OtherList;

/** The quality checks on the demo district's real lists, without database or engine. */
class ListQualityChecksTest {

  static Map<String, List<ListItem>> tailored = new LinkedHashMap<>();
  final ListQualityChecks checks = new ListQualityChecks(new ListQualityProperties(0.6, 15));

  @BeforeAll
  static void readDemoLists() throws IOException {
    ObjectMapper json = new ObjectMapper();
    try (InputStream in = ListQualityChecksTest.class.getResourceAsStream("/demo/district.json")) {
      JsonNode lists = json.readTree(in).get("tailoredLists");
      lists.fieldNames().forEachRemaining(unit ->
          tailored.put(unit, List.of(json.convertValue(lists.get(unit), ListItem[].class))));
    }
  }

  @Test
  void aCommunityListCopiedWithSmallEditsIsFlaggedAndNamesTheUnitCopiedFrom() {
    // what a village would hand in after copying the community's list: the place words swapped, a number and
    // a little punctuation changed
    List<ListItem> copied = tailored.get("T01V01").stream().map(item -> edit(item,
        text -> text.replace("社区党委", "村党支部").replace("社区", "村").replace("居民", "村民").replace("居务", "村务")
            .replace("7天", "5天").replace("，", "、"))).toList();

    double similarity = ListQualityChecks.similarity(copied, tailored.get("T01V01"));
    assertThat(similarity).isGreaterThan(0.6);

    List<QualityFlag> flags = checks.check(copied, null, null, others("T02V01"));
    assertThat(flags).filteredOn(flag -> flag.kind() == QualityFlagKind.COPYING).singleElement()
        .satisfies(flag -> {
          assertThat(flag.similarUnitCode()).isEqualTo("T01V01");
          assertThat(flag.similarity()).isEqualTo(similarity);
          assertThat(flag.message()).contains("洪家楼街道花园社区").contains("照搬照抄");
        });
  }

  @Test
  void genuinelyDifferentListsOfTheSameUnitTypeAreNotFlagged() {
    // a village and a community: both 村居, both about small powers, subsidies and supervision, in their own words
    assertThat(ListQualityChecks.similarity(tailored.get("T02V01"), tailored.get("T01V01"))).isLessThan(0.3);
    assertThat(checks.check(tailored.get("T02V01"), null, null, others("T02V01")))
        .noneMatch(flag -> flag.kind() == QualityFlagKind.COPYING);
  }

  @Test
  void noTwoOfTheDemoDistrictsListsLookCopied() {
    List<String> units = new ArrayList<>(tailored.keySet());
    for (int i = 0; i < units.size(); i++) {
      for (int j = i + 1; j < units.size(); j++) {
        assertThat(ListQualityChecks.similarity(tailored.get(units.get(i)), tailored.get(units.get(j))))
            .as("%s vs %s", units.get(i), units.get(j))
            .isLessThan(0.3);
      }
    }
  }

  @Test
  void itemsWhoseMeasuresAreLastYearsAreFlaggedAsRelabelled() {
    List<ListItem> lastYear = tailored.get("D01");
    List<ListItem> draft = new ArrayList<>(lastYear);
    // item 1 renamed and re-punctuated but the measures are the same: still last year's
    draft.set(0, new ListItem(Responsibility.MAIN, "招生工作", "规范招生入学工作。", lastYear.get(0).measures().replace("，", "；"),
        lastYear.get(0).riskPoint(), "每年", null));
    // item 2 genuinely revised
    draft.set(1, edit(lastYear.get(1), text -> text + "今年起教辅征订改为学校统一线上公示、家长线上自愿勾选"));

    List<QualityFlag> flags = checks.check(draft, lastYear, "2025年第1版", List.of());

    assertThat(flags).filteredOn(flag -> flag.kind() == QualityFlagKind.RELABELLING).singleElement()
        .satisfies(flag -> {
          assertThat(flag.itemPositions()).containsExactly(1, 3, 4, 5);
          assertThat(flag.message()).contains("第1、3、4、5项").contains("2025年第1版");
        });
  }

  @Test
  void moreItemsThanTheMaximumIsFlaggedAsStuffing() {
    List<ListItem> fifteen = new ArrayList<>();
    tailored.values().forEach(fifteen::addAll);
    List<ListItem> sixteen = fifteen.subList(0, 16);

    assertThat(checks.check(fifteen.subList(0, 15), null, null, List.of()))
        .noneMatch(flag -> flag.kind() == QualityFlagKind.STUFFING);
    assertThat(checks.check(sixteen, null, null, List.of()))
        .filteredOn(flag -> flag.kind() == QualityFlagKind.STUFFING).singleElement()
        .satisfies(flag -> {
          assertThat(flag.itemCount()).isEqualTo(16);
          assertThat(flag.maxItems()).isEqualTo(15);
        });
    assertThat(new ListQualityChecks(new ListQualityProperties(0.6, 20)).check(sixteen, null, null, List.of()))
        .noneMatch(flag -> flag.kind() == QualityFlagKind.STUFFING);
  }

  @Test
  void itemsWithoutARiskPointAreFlagged() {
    // the demo village's fifth item names no risk point
    assertThat(checks.check(tailored.get("T02V01"), null, null, List.of())).singleElement()
        .satisfies(flag -> {
          assertThat(flag.kind()).isEqualTo(QualityFlagKind.MISSING_RISK_POINT);
          assertThat(flag.itemPositions()).containsExactly(5);
        });
    assertThat(checks.check(tailored.get("T01V01"), null, null, List.of())).isEmpty();
  }

  @Test
  void theThresholdIsConfigurable() {
    List<ListItem> draft = tailored.get("T02V01");
    double similarity = ListQualityChecks.similarity(draft, tailored.get("T01V01"));
    ListQualityChecks strict = new ListQualityChecks(new ListQualityProperties(similarity - 0.01, 15));
    assertThat(strict.check(draft, null, null, others("T02V01")))
        .anyMatch(flag -> flag.kind() == QualityFlagKind.COPYING);
  }

  private static List<OtherList> others(String except) {
    return tailored.entrySet().stream().filter(entry -> !entry.getKey().equals(except))
        .map(entry -> new OtherList(entry.getKey(), name(entry.getKey()), entry.getValue())).toList();
  }

  private static String name(String unit) {
    return unit.equals("T01V01") ? "洪家楼街道花园社区" : "单位" + unit;
  }

  private static ListItem edit(ListItem item, java.util.function.UnaryOperator<String> change) {
    return new ListItem(item.responsibility(), item.category(), change.apply(item.content()),
        change.apply(item.measures()), item.riskPoint() == null ? null : change.apply(item.riskPoint()),
        item.frequency(), item.evidenceRequired());
  }
}
