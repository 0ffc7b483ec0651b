package org.liangze.lists;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.organisation.IdentitySync;
import org.liangze.selfcheck.SelfCheckService;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The common list's items in each unit, on a real PostgreSQL over HTTP: a town carrying the district's common list
 * has a 责任人 and a 责任领导 for every common item at once (the secretary for 主体责任, the 纪检委员 for 监督责任);
 * its secretary changes them, picking people of the town — anyone else, another unit's person, a staff member as
 * leader or an item that is not a common one is refused in Chinese and changes nothing; another town of the same
 * type keeps its own; the town's self-check then gives each common item's row to its 责任人.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CommonItemResponsiblesPostgresTest {

  static final String PASSWORD = "demo-test-pw";
  static final int YEAR = 2028;

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
    registry.add("liangze.identity.initial-password", () -> PASSWORD);
  }

  @Autowired TestRestTemplate http;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired ListService lists;
  @Autowired SelfCheckService selfChecks;

  @BeforeEach
  void district() throws IOException {
    if (district.seedIfEmpty(2026)) {
      identitySync.sync();
    }
    district.publishLists(YEAR);
  }

  @Test
  void eachUnitHasItsOwnResponsiblesForTheCommonItemsAndItsSecretaryPicksThem() {
    List<EffectiveItem> common = common("T02");
    assertThat(common).isNotEmpty();
    EffectiveItem main = common.stream().filter(item -> item.responsibility() == Responsibility.MAIN).findFirst()
        .orElseThrow();
    EffectiveItem supervisory = common.stream()
        .filter(item -> item.responsibility() == Responsibility.SUPERVISORY).findFirst().orElseThrow();
    // by default: the secretary carries the main items, the 纪检委员 the supervisory ones; the secretary leads
    assertThat(common).allSatisfy(item -> {
      assertThat(item.responsiblePerson()).isEqualTo(item.responsibility() == Responsibility.MAIN ? "t02sec" : "t02insp");
      assertThat(item.responsibleLeader()).isEqualTo("t02sec");
    });
    assertThat(common("T01")).allSatisfy(item -> assertThat(item.responsiblePerson()).isIn("t01sec", "t01insp"));

    // only the town's secretary, only the town's people, only common items: refused in Chinese, nothing changes
    assertThat(put("t02staff", "T02", choice(main, "t02staff", "t02sec")).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(put("t01sec", "T02", choice(main, "t02staff", "t02sec")).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertRefused(put("t02sec", "T02", choice(main, "t01staff", "t02sec")),
        "共性清单第" + main.position() + "项：责任人须为本单位人员，请从列表中选择");
    assertRefused(put("t02sec", "T02", choice(main, "t02staff", "t02staff")),
        "共性清单第" + main.position() + "项：责任领导须为本单位党组织书记或班子成员，请从列表中选择");
    assertRefused(put("t02sec", "T02", choice(main, null, "t02sec")),
        "共性清单第" + main.position() + "项：请选择责任人");
    EffectiveItem tailored = lists.effectiveItems("T02", YEAR).stream()
        .filter(item -> item.origin() == ListKind.TAILORED).findFirst().orElseThrow();
    assertRefused(put("t02sec", "T02", choice(main, "t02staff", "t02sec"), choice(tailored, "t02staff", "t02sec")),
        "所选事项不是本单位本年度共性清单中的事项");
    EffectiveItem villages = common("T02V01").get(0);
    assertThat(villages.itemId()).isNotEqualTo(main.itemId());
    assertRefused(put("t02sec", "T02", choice(villages, "t02staff", "t02sec")),
        "所选事项不是本单位本年度共性清单中的事项");
    assertThat(common("T02")).isEqualTo(common);

    // the secretary gives a main item to the staff member under the team member 郑浩, a supervisory one to herself
    assertThat(put("t02sec", "T02", choice(main, "t02staff", "t02insp"), choice(supervisory, "t02sec", "t02sec"))
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    EffectiveItem changed = item("T02", main.itemId());
    assertThat(changed.responsiblePerson()).isEqualTo("t02staff");
    assertThat(changed.responsibleLeader()).isEqualTo("t02insp");
    assertThat(item("T02", supervisory.itemId()).responsiblePerson()).isEqualTo("t02sec");
    // picked again: kept, not doubled
    assertThat(put("t02sec", "T02", choice(main, "t02staff", "t02sec")).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(item("T02", main.itemId()).responsibleLeader()).isEqualTo("t02sec");
    // the other town of the same type keeps its own
    assertThat(item("T01", main.itemId()).responsiblePerson()).isEqualTo("t01sec");

    // the self-check's rows of common items go to their 责任人: no share is left to the staff as a group
    assertThat(selfChecks.assessors("T02", YEAR + "Q1")).contains("t02staff", "t02sec", "t02insp")
        .doesNotContain("");
    // the list page shows the secretary the pickers by name, with the current choice selected; others read names
    String page = as("t02sec").getForObject("/pages/units/T02/list?year=" + YEAR, String.class);
    assertThat(page).contains("保存责任人", "林峰（工作人员）", "郑浩（纪检委员、班子成员）")
        .contains("value=\"t02staff\" selected");
    String staffPage = as("t02staff").getForObject("/pages/units/T02/list?year=" + YEAR, String.class);
    assertThat(staffPage).doesNotContain("保存责任人", "<select").contains("责任人", "林峰", "罗秀英");

    // several units read at once (a campaign's batch) come out as each read alone: T02 with its choices and its own
    // items, T01 with the defaults, a village of another type, and a code that is no unit
    Map<String, List<EffectiveItem>> together = lists.effectiveItems(List.of("T02", "T01", "T02V01", "X99"), YEAR);
    assertThat(together).containsOnlyKeys("T02", "T01", "T02V01", "X99");
    for (String unit : List.of("T02", "T01", "T02V01")) {
      assertThat(together.get(unit)).isNotEmpty().isEqualTo(lists.effectiveItems(unit, YEAR));
    }
    assertThat(together.get("T02")).contains(changed.withResponsibles("t02staff", "t02sec"), tailored);
    assertThat(together.get("X99")).isEmpty();
  }

  private List<EffectiveItem> common(String unitCode) {
    return lists.effectiveItems(unitCode, YEAR).stream().filter(item -> item.origin() == ListKind.COMMON).toList();
  }

  private EffectiveItem item(String unitCode, long itemId) {
    return lists.effectiveItems(unitCode, YEAR).stream().filter(item -> item.itemId() == itemId).findFirst()
        .orElseThrow();
  }

  private static Map<String, Object> choice(EffectiveItem item, String person, String leader) {
    Map<String, Object> choice = new HashMap<>();
    choice.put("itemId", item.itemId());
    choice.put("responsiblePerson", person);
    choice.put("responsibleLeader", leader);
    return choice;
  }

  @SafeVarargs
  private ResponseEntity<String> put(String user, String unitCode, Map<String, Object>... choices) {
    return as(user).exchange("/api/units/" + unitCode + "/common-list-responsibles", HttpMethod.PUT,
        new HttpEntity<>(Map.of("year", String.valueOf(YEAR), "items", List.of(choices))), String.class);
  }

  private static void assertRefused(ResponseEntity<String> response, String message) {
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody()).contains(message);
  }

  private TestRestTemplate as(String user) {
    return http.withBasicAuth(user, PASSWORD);
  }
}
