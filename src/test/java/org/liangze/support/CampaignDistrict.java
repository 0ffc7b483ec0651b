package org.liangze.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.liangze.demo.DemoDistrict;
import org.liangze.lists.ListItem;
import org.liangze.lists.ListService;
import org.liangze.lists.Responsibility;
import org.liangze.organisation.IdentitySync;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitRepository;
import org.liangze.organisation.UnitType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * A district big enough for a campaign: the demo district (its people log in with the initial password) grown with
 * villages to {@code units} units, every unit carrying the common list of a year, so each unit's self-check has
 * rows to assess. The seeding the self-check and benchmark tests do, as one bean for the fault tests.
 */
@Component
public class CampaignDistrict {

  /** The common list every unit carries: two items, so each self-check opens with two rows. */
  public static final List<ListItem> COMMON_LIST = List.of(
      new ListItem(Responsibility.MAIN, "党风廉政建设", "研究部署党风廉政建设工作", "党组织会议专题研究", "重部署轻落实", "每季度", "会议纪要"),
      new ListItem(Responsibility.SUPERVISORY, "日常监督", "开展廉政谈话", "对重点岗位人员谈话提醒", "监督缺位", "每季度", "谈话记录"));

  private final DemoDistrict district;
  private final UnitRepository units;
  private final ListService lists;
  private final IdentitySync identitySync;

  @Autowired
  CampaignDistrict(DemoDistrict district, UnitRepository units, ListService lists, IdentitySync identitySync) {
    this.district = district;
    this.units = units;
    this.lists = lists;
    this.identitySync = identitySync;
  }

  /**
   * Seeds an empty database with {@code size} active units (at least the demo district's nine) and a common list
   * of each of {@code listYears} (the demo's own for 2026, two items otherwise).
   */
  public void seed(int size, int... listYears) {
    if (!seedIfEmpty(size, listYears)) {
      throw new IllegalStateException("the database already holds a district");
    }
  }

  /** {@link #seed}, unless the database already holds a district; whether it seeded. */
  public boolean seedIfEmpty(int size, int... listYears) {
    try {
      if (!district.seedIfEmpty(2026)) {
        return false;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int extra = size - units.findAllActive().size();
    for (int i = 1; i <= extra; i++) {
      units.insert(new Unit("V%03d".formatted(i), "第%d村".formatted(i), UnitType.VILLAGE_OR_COMMUNITY, "T02"));
    }
    for (int year : listYears) {
      for (UnitType type : UnitType.values()) {
        if (lists.commonList(type, year).isEmpty()) {
          lists.publishCommon(type, year, COMMON_LIST);
        }
      }
    }
    identitySync.sync();
    return true;
  }
}
