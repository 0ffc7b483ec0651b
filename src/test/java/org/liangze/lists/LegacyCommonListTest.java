package org.liangze.lists;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.organisation.UnitType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.test.context.ActiveProfiles;

/**
 * A common list from before common lists had unit types (as V50 leaves existing ones: unit type null) keeps
 * serving every unit type — same item ids, so earlier self-checks, record entries and letters stay valid — until a
 * type gets a list of its own, which then counts its versions on from it.
 */
@SpringBootTest
@ActiveProfiles("test")
class LegacyCommonListTest {

  static final int YEAR = 2070;

  @Autowired DemoDistrict district;
  @Autowired ListService lists;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void district() throws IOException {
    district.seedIfEmpty(2040);
  }

  @Test
  void aListOfEveryTypeServesEachTypeUntilTheTypeHasItsOwn() {
    long legacy = insertLegacyCommonList(YEAR - 1, "研究部署");
    long legacyThisYear = insertLegacyCommonList(YEAR, "责任纪实");

    for (UnitType type : UnitType.values()) {
      assertThat(lists.commonList(type, YEAR).orElseThrow().id()).isEqualTo(legacyThisYear);
    }
    assertThat(lists.typesWithoutCommonList(YEAR)).isEmpty();
    assertThat(lists.unitsWithPublishedList(YEAR)).contains("D01", "T02V01");
    List<EffectiveItem> villageItems = lists.effectiveItems("T02V01", YEAR);
    assertThat(villageItems).first().satisfies(item -> assertThat(item.category()).isEqualTo("责任纪实"));
    assertThat(lists.isItemOf(villageItems.get(0).itemId(), "T02V01")).isTrue();
    assertThat(lists.diffToPrevious(lists.list(legacyThisYear)).previousListId()).isEqualTo(legacy);

    // a type's own list: counted on from the list of every type, which still serves the other types
    List<ListItem> own = List.of(new ListItem(Responsibility.MAIN, "村务公开", "村务、财务每季度公开。", "公开栏和微信群同步公开。", "公开不及时",
        "每季度", "公开照片"));
    long village = lists.publishCommon(UnitType.VILLAGE_OR_COMMUNITY, YEAR, own);
    ResponsibilityList villageList = lists.commonList(UnitType.VILLAGE_OR_COMMUNITY, YEAR).orElseThrow();
    assertThat(villageList.id()).isEqualTo(village);
    assertThat(villageList.version()).isEqualTo(2);
    assertThat(lists.diffToPrevious(villageList).previousListId()).isEqualTo(legacyThisYear);
    assertThat(lists.list(legacyThisYear).status()).isEqualTo(ListStatus.PUBLISHED);
    assertThat(lists.commonList(UnitType.SUBDISTRICT_OR_TOWN, YEAR).orElseThrow().id()).isEqualTo(legacyThisYear);
    assertThat(lists.effectiveItems("T02V01", YEAR)).first()
        .satisfies(item -> assertThat(item.category()).isEqualTo("村务公开"));
    assertThat(lists.isItemOf(villageItems.get(0).itemId(), "T02V01")).as("still a common list's item").isTrue();
    // next year's village draft starts from the village's own list
    assertThat(lists.commonDraftBasis(UnitType.VILLAGE_OR_COMMUNITY, YEAR + 1).orElseThrow().id()).isEqualTo(village);
    assertThat(lists.commonDraftBasis(UnitType.SUBDISTRICT_OR_TOWN, YEAR + 1).orElseThrow().id())
        .isEqualTo(legacyThisYear);
  }

  /** A common list as it was stored before V50. */
  private long insertLegacyCommonList(int year, String category) {
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("""
            insert into responsibility_lists (kind, unit_code, list_year, version, status, created_at, published_at)
            values ('COMMON', null, ?, 1, 'PUBLISHED', ?, ?)""")
        .params(year, OffsetDateTime.now(), OffsetDateTime.now())
        .update(key, "id");
    long id = key.getKey().longValue();
    jdbc.sql("""
            insert into list_items (list_id, position, responsibility, category, content, measures)
            values (?, 1, 'MAIN', ?, '内容', '措施')""")
        .params(id, category).update();
    return id;
  }
}
