package org.liangze.dutyreport;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.liangze.dutyreport.DutyReportProcess.Variables;
import org.liangze.lists.ListItem;
import org.liangze.lists.ListService;
import org.liangze.lists.ResponsibilityList;
import org.liangze.organisation.Role;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitPeople;
import org.liangze.organisation.UnitRepository;
import org.liangze.platform.FormInputs;
import org.liangze.platform.InvalidInputException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Team members' yearly duty-and-integrity reports (述责述廉): every 班子成员 writes one a year on the items of their
 * area (分管领域, the items they lead as 责任领导), and their unit's secretary reviews it. The commission starts the
 * year; a member joins it once however often it is started (a member who joined the team later is started by the
 * next call).
 */
@Service
public class DutyReports {

  static final int MAX_REPORT = 5000;
  static final int MAX_COMMENTS = 2000;

  private final RuntimeService runtime;
  private final DutyReportRepository reports;
  private final UnitPeople unitPeople;
  private final UnitRepository units;
  private final ListService lists;
  private final Clock clock;

  DutyReports(RuntimeService runtime, DutyReportRepository reports, UnitPeople unitPeople, UnitRepository units,
      ListService lists, Clock clock) {
    this.runtime = runtime;
    this.reports = reports;
    this.unitPeople = unitPeople;
    this.units = units;
    this.lists = lists;
    this.clock = clock;
  }

  public record Started(int year, int started) {
  }

  record Registered(long reportId, String unitName, String memberName, String areaItems) {
  }

  /** Starts the year's report of every team member who has none yet, as the engine's current user. */
  @Transactional
  public Started startYear(String yearText) {
    int year = FormInputs.year(yearText);
    Set<String> claimed = reports.claimed(year);
    int started = 0;
    for (UnitPeople.Holder member : unitPeople.holding(Role.TEAM_MEMBER)) {
      if (claimed.contains(member.unitCode() + "/" + member.userId())) {
        continue;
      }
      Map<String, Object> variables = new HashMap<>();
      variables.put(Variables.YEAR, year);
      variables.put(Variables.UNIT_CODE, member.unitCode());
      variables.put(Variables.MEMBER_ID, member.userId());
      runtime.startProcessInstanceByKey(DutyReportProcess.KEY,
          DutyReportProcess.businessKey(year, member.unitCode(), member.userId()), variables);
      started++;
    }
    return new Started(year, started);
  }

  /** The start event of every report: the member must be on the unit's team; claims the member's year. */
  @Transactional
  Registered register(Object yearValue, Object unitValue, Object memberValue, String processInstanceId) {
    int year = FormInputs.year(yearValue);
    Unit unit = units.findByCode(unitValue instanceof String code ? code : "")
        .orElseThrow(() -> new InvalidInputException("单位不存在"));
    UnitPeople.Member member = unitPeople.member(unit.code(), memberValue instanceof String id ? id : "")
        .filter(person -> person.holds(Role.TEAM_MEMBER))
        .orElseThrow(() -> new InvalidInputException("述责述廉人不是" + unit.name() + "的班子成员"));
    try {
      long id = reports.insert(year, unit.code(), member.userId(), processInstanceId, now());
      return new Registered(id, unit.name(), member.name(), areaItems(unit.code(), member.userId(), year));
    } catch (DuplicateKeyException e) {
      throw new InvalidInputException(member.name() + year + "年度述责述廉已经启动，不能重复启动");
    }
  }

  @Transactional
  void submit(long reportId, Object reportValue) {
    String report = text(reportValue, MAX_REPORT, "请填写述责述廉报告");
    if (!reports.submit(reportId, report, now())) {
      throw new InvalidInputException("该述责述廉报告当前不处于撰写状态");
    }
  }

  @Transactional
  void review(long reportId, Object decisionValue, Object commentsValue, String by) {
    boolean accepted;
    if ("APPROVE".equals(decisionValue)) {
      accepted = true;
    } else if ("RETURN".equals(decisionValue)) {
      accepted = false;
    } else {
      throw new InvalidInputException("请选择“通过”或“退回修改”");
    }
    String comments = commentsValue instanceof String text && !text.isBlank() ? text.strip() : null;
    if (!accepted && comments == null) {
      throw new InvalidInputException("退回修改时请写明审阅意见");
    }
    if (comments != null && comments.length() > MAX_COMMENTS) {
      throw new InvalidInputException("审阅意见过长，最多" + MAX_COMMENTS + "字");
    }
    if (!reports.review(reportId, accepted, comments, by, now())) {
      throw new InvalidInputException("该述责述廉报告当前不处于待审阅状态");
    }
  }

  /** The items the member leads on the unit's published list of the year, as the writing form shows them. */
  String areaItems(String unitCode, String userId, int year) {
    ResponsibilityList list = lists.tailoredList(unitCode, year).orElse(null);
    List<ListItem> mine = list == null ? List.of()
        : list.items().stream().filter(item -> userId.equals(item.responsibleLeader())).toList();
    if (mine.isEmpty()) {
      return year + "年度本单位个性清单中暂无由您分管的事项。";
    }
    StringBuilder text = new StringBuilder(year + "年度由您分管的清单事项（" + mine.size() + "项）：");
    for (int i = 0; i < mine.size() && text.length() < 3000; i++) {
      ListItem item = mine.get(i);
      text.append("\n").append(i + 1).append(". 【").append(item.responsibility().label()).append("】")
          .append(item.category()).append("：").append(item.content());
    }
    return text.toString();
  }

  private static String text(Object value, int max, String missing) {
    return FormInputs.requiredText(value instanceof String text ? text : null, max, missing, "内容过长，最多" + max + "字");
  }


  private OffsetDateTime now() {
    return OffsetDateTime.now(clock);
  }
}
