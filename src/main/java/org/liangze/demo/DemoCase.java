package org.liangze.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.SpinValues;
import org.liangze.accountability.AccountabilityCases;
import org.liangze.accountability.AccountabilityProcess.Element;
import org.liangze.accountability.AccountabilityProcess.Variables;
import org.liangze.organisation.IdentitySync;
import org.liangze.platform.ConflictException;
import org.liangze.platform.FontUnavailableException;
import org.liangze.platform.PdfFonts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo's accountability case (问责), taken through the Regulations' procedure in the engine as the people of
 * each step would in Tasklist: the commission opens it on a complaint about 花园社区 and verifies it; the dual
 * investigation (一案双查) finds the community's Party committee and secretary (主体责任) and its inspector (监督责任)
 * at fault; the secretary answers in person with a point the commission adopts, the others waive; the measures
 * decision proposes, the district committee approves and orders rectification and publication; the numbered written
 * decision is delivered; the commission drafts the notification with aliases (何某, 高某某) and the committee approves
 * it, so it is published. The case then waits for the unit's appeal window and rectification. Once: a second start
 * of the same unit and cause is refused, and nothing is done. Without a PDF font (the written decision needs one)
 * there is no demo case.
 */
@Component
@Profile("demo")
@Order(IdentitySync.ORDER + 35)
class DemoCase implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(DemoCase.class);
  static final String UNIT = "T01V01";
  static final String CAUSE = "群众举报：花园社区公益性岗位人员挂名领取补贴，社区党委和纪检委员监督缺位";
  static final String NOTIFICATION_TITLE = "关于洪家楼街道花园社区落实“两个责任”不力问题的通报";
  static final String COMMISSION = "jiwei";
  static final String COMMITTEE = "quwei";

  private final DemoProperties properties;
  private final DemoActors actors;
  private final AccountabilityCases cases;
  private final TaskService tasks;
  private final PdfFonts fonts;
  private final ObjectMapper json;
  private final Clock clock;

  DemoCase(DemoProperties properties, DemoActors actors, AccountabilityCases cases, TaskService tasks,
      PdfFonts fonts, ObjectMapper json, Clock clock) {
    this.properties = properties;
    this.actors = actors;
    this.cases = cases;
    this.tasks = tasks;
    this.fonts = fonts;
    this.json = json;
    this.clock = clock;
  }

  @Override
  public void run(ApplicationArguments args) throws Exception {
    if (!properties.startCampaigns() || !hasFont()) {
      return;
    }
    AccountabilityCases.Started started;
    try {
      started = actors.as(COMMISSION, () -> cases.start(UNIT, CAUSE, "COMPLAINT"));
    } catch (ConflictException alreadyThere) {
      return; // a restarted demo keeps the case it has
    }
    String instance = started.processInstanceId();
    actors.complete(COMMISSION, instance, Element.VerifyCase, Map.of(Variables.DECISION, "OPEN",
        Variables.VERIFICATION_NOTE, "经初步核实，花园社区2名公益性岗位人员长期未到岗仍领取补贴，问题线索属实，予以立案调查。"));

    // 一案双查
    actors.complete(COMMISSION, instance, Element.InvestigateMain, Map.of(
        Variables.MAIN_FACTS, "花园社区党委未落实公益性岗位人员考勤和补贴发放公示制度，2名人员挂名领取补贴共计9600元。",
        Variables.MAIN_FINDINGS, "社区党委履行主体责任不力，党委书记何刚对补贴发放审核把关不严，负主要领导责任。",
        Variables.MAIN_EVIDENCE, "补贴发放台账、考勤记录、谈话笔录3份，纪实手册记录",
        Variables.MAIN_SUBJECTS, rows(List.of(
            subject("洪家楼街道花园社区党委", null, "ORGANISATION", null, "MINOR", "NONE",
                "未建立公益性岗位人员履职监管制度，主体责任落实不力"),
            subject("何刚", "t01v01sec", "LEADER", "PRINCIPAL", "MINOR", "NONE",
                "对补贴发放审核把关不严，负主要领导责任")))));
    actors.complete(COMMISSION, instance, Element.InvestigateSupervisory, Map.of(
        Variables.SUPERVISORY_FACTS, "社区纪检委员未按清单开展网格公岗人员履职监督，抽查记录缺失。",
        Variables.SUPERVISORY_FINDINGS, "纪检委员高玉兰履行监督责任不到位，负重要领导责任；发现问题后主动整改。",
        Variables.SUPERVISORY_EVIDENCE, "监督检查记录、纪实手册记录",
        Variables.SUPERVISORY_SUBJECTS, rows(List.of(
            subject("高玉兰", "t01v01insp", "LEADER", "IMPORTANT", "MINOR", "LIGHTER",
                "未按清单开展日常监督，负重要领导责任")))));

    // 陈述和申辩: the secretary answers in person, the committee's secretary waives for it, the inspector waives
    for (Task defence : actors.tasks(instance, Element.StatementAndDefence, 3)) {
      if ("t01v01sec".equals(defence.getAssignee())) {
        actors.complete("t01v01sec", defence, Map.of(Variables.STATEMENT, "对调查认定的事实无异议，本人负有领导责任。",
            Variables.DEFENCE_POINTS, rows(List.of(Map.of("point", "问题发现后已追回全部补贴并调整岗位人员")))));
      } else if ("t01v01insp".equals(defence.getAssignee())) {
        actors.complete("t01v01insp", defence, Map.of(Variables.DEFENCE_WAIVED, true));
      } else {
        actors.complete("t01v01sec", defence, Map.of(Variables.DEFENCE_WAIVED, true));
      }
    }
    Task review = actors.task(instance, Element.ReviewDefence);
    List<Map<String, Object>> points = read(review, Variables.DEFENCE_REVIEW);
    points.forEach(point -> {
      point.put("decision", "ADOPT");
      point.put("reason", "经核实已追回补贴，在确定问责方式时予以考虑");
    });
    actors.complete(COMMISSION, review, Map.of(Variables.DEFENCE_REVIEW, rows(points)));

    // the measures decision proposes; the district committee approves, orders rectification and publication
    Task approve = actors.task(instance, Element.ApproveMeasures);
    List<Map<String, Object>> measures = read(approve, Variables.MEASURES);
    measures.forEach(row -> row.put("decision", "APPROVE"));
    actors.complete(COMMITTEE, approve, Map.of(Variables.MEASURES, rows(measures),
        Variables.RECTIFICATION_REQUIREMENT, "建立公益性岗位人员考勤和补贴发放公示制度，纪检委员每月抽查并留痕",
        Variables.RECTIFICATION_DEADLINE, LocalDate.now(clock).plusDays(30).toString(),
        Variables.PUBLISH, true));

    // the written decision is issued and delivered; the commission drafts the notification as the platform
    // redacted it, the committee approves it without real names, and it is published
    Task draft = actors.task(instance, Element.DraftNotification);
    String text = (String) tasks.getVariable(draft.getId(), Variables.NOTIFICATION_TEXT);
    actors.complete(COMMISSION, draft, Map.of(Variables.NOTIFICATION_TITLE, NOTIFICATION_TITLE,
        Variables.NOTIFICATION_TEXT, text + "\n全区各级党组织要以案为鉴，严格落实公益性岗位人员监管责任。"));
    actors.complete(COMMITTEE, instance, Element.ApproveNotification,
        Map.of(Variables.NOTIFICATION_DECISION, "APPROVE", Variables.REAL_NAMES, false));
    actors.runJobs(instance);
    log.info("Demo accountability case {} of {} decided and its notification published", started.caseId(), UNIT);
  }

  private boolean hasFont() {
    try (PdfFonts.OpenFont font = fonts.open()) {
      return font != null;
    } catch (FontUnavailableException | java.io.IOException noFont) {
      log.warn("No demo accountability case: its written decision needs a PDF font ({})", noFont.getMessage());
      return false;
    }
  }

  private static Map<String, Object> subject(String name, String userId, String kind, String tier, String severity,
      String grounds, String finding) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("name", name);
    row.put("userId", userId);
    row.put("kind", kind);
    row.put("tier", tier);
    row.put("severity", severity);
    row.put("grounds", grounds);
    row.put("suspectedCrime", false);
    row.put("finding", finding);
    return row;
  }

  /** A form's dynamic list, as Tasklist submits it: a JSON array. */
  private TypedValue rows(List<? extends Map<String, ?>> rows) {
    try {
      return SpinValues.jsonValue(json.writeValueAsString(rows)).create();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<Map<String, Object>> read(Task task, String variable) throws JsonProcessingException {
    Object value = tasks.getVariable(task.getId(), variable);
    List<Map<String, Object>> rows = json.readValue(value.toString(), new TypeReference<>() {
    });
    return rows.stream().map(row -> (Map<String, Object>) new HashMap<>(row)).toList();
  }
}
