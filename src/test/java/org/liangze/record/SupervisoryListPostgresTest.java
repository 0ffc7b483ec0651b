package org.liangze.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.lists.EffectiveItem;
import org.liangze.lists.ListKind;
import org.liangze.lists.ListService;
import org.liangze.lists.Responsibility;
import org.liangze.organisation.Groups;
import org.liangze.organisation.IdentitySync;
import org.liangze.organisation.Official;
import org.liangze.organisation.Role;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The 纪检委员's own supervisory list on a real PostgreSQL: 区教育和体育局's inspector 李娜 sees every 监督责任 item of
 * the unit (common and tailored) and the main item the secretary gave her, not the other main items; each with its
 * 责任人 and 责任领导 by name, the entries written against it, newest first, and their flags (a late entry with its
 * reason, evidence another unit used too). The page shows the same, read only for the parent's and district's
 * posts; a sibling unit's people get 403.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SupervisoryListPostgresTest {

  static final String PASSWORD = "demo-test-pw";

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
    registry.add("liangze.identity.initial-password", () -> PASSWORD);
  }

  @Autowired TestRestTemplate http;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired ListService lists;
  @Autowired SupervisoryList supervisoryList;
  @Autowired ManualEntries entries;
  @Autowired EvidenceFiles files;
  @Autowired Clock clock;

  @BeforeEach
  void district() throws IOException {
    if (district.seedIfEmpty(2026)) {
      identitySync.sync();
    }
  }

  @Test
  void theInspectorSeesTheirSupervisoryItemsWithTheirEntriesAndFlags() {
    int year = 2026;
    Official inspector = Official.of("d01insp", List.of(Groups.of(Role.INSPECTOR, "D01")));
    List<EffectiveItem> effective = lists.effectiveItems("D01", year);
    List<EffectiveItem> supervisory = effective.stream()
        .filter(item -> item.responsibility() == Responsibility.SUPERVISORY).toList();
    List<EffectiveItem> commonMain = effective.stream()
        .filter(item -> item.origin() == ListKind.COMMON && item.responsibility() == Responsibility.MAIN).toList();
    assertThat(supervisory).isNotEmpty();
    EffectiveItem given = commonMain.get(0);
    EffectiveItem notHers = commonMain.get(1);
    lists.assignCommonResponsibles(Official.of("d01sec", List.of(Groups.of(Role.SECRETARY, "D01"))), "D01", year,
        List.of(new ListService.CommonItemChoice(given.itemId(), "d01insp", "d01sec")));

    // a late entry against a supervisory item, with its reason; evidence that 区住房和城乡建设局 used too
    EffectiveItem watched = supervisory.get(0);
    byte[] minutes = "%PDF-1.4 专项检查记录".getBytes(StandardCharsets.UTF_8);
    EvidenceFile file = files.store("专项检查记录.pdf", minutes, "d01insp", List.of("D01"));
    files.store("专项检查记录.pdf", minutes, "d02staff", List.of("D02"));
    Instant now = clock.instant();
    RecordEntry late = entries.add(inspector, "D01", new ManualEntries.Request(EntryKind.INSPECTION,
        watched.itemId(), now.minus(Duration.ofDays(20)), "对招生工作开展专项监督检查", "检查报告待领导审定后补录",
        List.of(file.contentHash())));
    entries.add(Official.of("d02staff", List.of(Groups.of(Role.STAFF, "D02"))), "D02", new ManualEntries.Request(
        EntryKind.INSPECTION, null, now, "借用的检查记录", null, List.of(file.contentHash())));
    RecordEntry fresh = entries.add(inspector, "D01", new ManualEntries.Request(EntryKind.TALK, watched.itemId(),
        now.minus(Duration.ofHours(1)), "与招生办负责人廉政谈话", null, List.of()));

    List<SupervisoryList.Item> mine = supervisoryList.of(inspector, "D01", year);
    assertThat(mine).extracting(SupervisoryList.Item::itemId)
        .containsAll(supervisory.stream().map(EffectiveItem::itemId).toList())
        .contains(given.itemId()).doesNotContain(notHers.itemId())
        .hasSize(supervisory.size() + 1);
    SupervisoryList.Item item = mine.stream().filter(candidate -> candidate.itemId() == watched.itemId())
        .findFirst().orElseThrow();
    assertThat(item.mine()).isTrue();
    assertThat(item.personName()).isEqualTo("李娜");
    assertThat(item.leaderName()).isEqualTo("张伟");
    assertThat(item.entries()).extracting(SupervisoryList.Entry::seq).containsExactly(fresh.seq(), late.seq());
    SupervisoryList.Entry flagged = item.entries().get(1);
    assertThat(flagged.flags()).containsExactlyInAnyOrder("补录：检查报告待领导审定后补录", "佐证材料也被其他单位使用");
    assertThat(flagged.files()).extracting(ManualPage.FileLink::name).containsExactly("专项检查记录.pdf");
    assertThat(item.entries().get(0).flags()).isEmpty();
    assertThat(item.flagCount()).isEqualTo(1);
    assertThat(mine.stream().filter(candidate -> candidate.itemId() == given.itemId()).findFirst().orElseThrow())
        .satisfies(main -> {
          assertThat(main.responsibility()).isEqualTo(Responsibility.MAIN);
          assertThat(main.mine()).isTrue();
        });

    // the secretary reads the unit's supervisory items, none of them hers; a sibling unit sees nothing
    List<SupervisoryList.Item> secretarys = supervisoryList.of(
        Official.of("d01sec", List.of(Groups.of(Role.SECRETARY, "D01"))), "D01", year);
    assertThat(secretarys).hasSize(supervisory.size()).noneMatch(SupervisoryList.Item::mine);
    assertThatThrownBy(() -> supervisoryList.of(Official.of("d02insp", List.of(Groups.of(Role.INSPECTOR, "D02"))),
        "D01", year)).isInstanceOf(AccessDeniedException.class);

    // the page, reachable from the record pages' navigation
    String page = as("d01insp").getForObject("/pages/units/D01/supervisory-list?year=" + year, String.class);
    assertThat(page).contains("监督清单", "您是本单位纪检委员", "由您负责", "对招生工作开展专项监督检查",
        "补录：检查报告待领导审定后补录", "佐证材料也被其他单位使用", "专项检查记录.pdf", "李娜", "张伟")
        .doesNotContain(notHers.content(), "d01insp");
    assertThat(as("d01staff").getForObject("/pages/units/D01/list", String.class))
        .contains("/pages/units/D01/supervisory-list");
    assertThat(as("jiwei").getForObject("/pages/units/D01/supervisory-list?year=" + year, String.class))
        .contains("对招生工作开展专项监督检查").doesNotContain("由您负责", "记录履责");
    ResponseEntity<String> sibling = as("d02insp").getForEntity("/pages/units/D01/supervisory-list", String.class);
    assertThat(sibling.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(as("d01insp").getForEntity("/pages/units/D01/supervisory-list?year=20x6", String.class)
        .getBody()).contains("年度格式不正确");
  }

  private TestRestTemplate as(String user) {
    return http.withBasicAuth(user, PASSWORD);
  }
}
