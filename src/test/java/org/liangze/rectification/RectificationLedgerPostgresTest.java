package org.liangze.rectification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.escalation.Escalations;
import org.liangze.organisation.IdentitySync;
import org.liangze.platform.InvalidInputException;
import org.liangze.rectification.RectificationProcess.Element;
import org.liangze.rectification.RectificationProcess.Variables;
import org.liangze.organisation.Official;
import org.liangze.record.EntryKind;
import org.liangze.record.EvidenceFile;
import org.liangze.record.EvidenceFiles;
import org.liangze.record.ManualEntries;
import org.liangze.record.RecordManual;
import org.liangze.support.ActAs;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.liangze.talk.TalkProcess;
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
 * The rectification ledger (整改台账) on a real PostgreSQL, as its people use it: the commission enters an inspection's
 * findings for a unit, the secretary plans one row per problem with an owner and a deadline, each row is carried out
 * by its owner and closed (整改销号) after the commission verifies it — one row returned and fixed first, one overdue
 * and on the escalation ladder; then the Excel export and the pages as unit people and as the commission. Talk
 * commitments come into the ledger too. The engine's clock is set; the test completes every task itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RectificationLedgerPostgresTest {

  static final String PASSWORD = "demo-test-pw";
  static final ZoneId DISTRICT = ZoneId.of("Asia/Shanghai");

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
    registry.add("liangze.identity.initial-password", () -> PASSWORD);
  }

  @Autowired TestRestTemplate http;
  @Autowired FormService forms;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired RepositoryService repository;
  @Autowired ActAs actAs;
  @Autowired RecordManual manual;
  @Autowired Rectifications rectifications;
  @Autowired RectificationLedger ledger;
  @Autowired Escalations escalations;
  @Autowired EvidenceFiles files;
  @Autowired ManualEntries entries;
  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void district() throws IOException {
    if (district.seedIfEmpty(2026)) {
      identitySync.sync();
    }
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void aLedgerIsClosedRowByRowAfterOneRowIsReturnedAndFixed() throws IOException {
    at("2026-03-02T09:00");
    // bad input changes nothing; only the commission enters findings
    ResponseEntity<String> empty = as("jiwei").postForEntity("/api/units/D01/inspection-findings",
        Map.of("round", "2026年区委第一轮巡察", "findings", List.of(" "), "deadline", "2026-04-30"), String.class);
    assertThat(empty.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(empty.getBody()).contains("请至少填写一个巡察发现的问题");
    assertThat(as("d01sec").postForEntity("/api/units/D01/inspection-findings",
        Map.of("round", "自查", "findings", List.of("问题"), "deadline", "2026-04-30"), String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rowsOf("D01")).isEmpty();

    ResponseEntity<String> entered = as("jiwei").postForEntity("/api/units/D01/inspection-findings",
        Map.of("round", "2026年区委第一轮巡察", "findings", List.of("“三重一大”事项未集体研究", "公务用车管理台账缺失",
            "廉政风险点排查不全"), "deadline", "2026-04-30"), String.class);
    assertThat(entered.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String instance = json.readTree(entered.getBody()).get("processInstanceId").asText();
    long rectificationId = json.readTree(entered.getBody()).get("rectificationId").asLong();
    assertThat(rectifications.rectification(rectificationId).source()).isEqualTo(LedgerSource.INSPECTION);

    // the plan form comes pre-filled with one row per finding, and offers the unit's people as owners
    Task plan = task(instance, Element.PlanRectification);
    assertThat(tasks.getVariable(plan.getId(), Variables.LEDGER_ROWS).toString()).contains("公务用车管理台账缺失");
    assertThat(tasks.getVariable(plan.getId(), Variables.OWNER_OPTIONS).toString())
        .contains("王芳（工作人员）", "d01staff").doesNotContain("d02staff");
    assertThatThrownBy(() -> actAs.complete("d01sec", plan, Map.of(Variables.LEDGER_ROWS, rows(
        row("“三重一大”事项未集体研究", "修订议事规则", "d02staff", "2026-03-20")))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("责任人须为本单位在职人员");
    assertThatThrownBy(() -> actAs.complete("d01sec", plan, Map.of(Variables.LEDGER_ROWS, rows(
        row("“三重一大”事项未集体研究", "修订议事规则", "d01staff", "2026-05-20")))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("不能晚于整改期限");
    assertThat(rowsOf("D01")).isEmpty();
    actAs.complete("d01sec", plan, Map.of(Variables.LEDGER_ROWS, rows(
        row("“三重一大”事项未集体研究", "修订党组议事规则，重大事项一律集体研究", "d01staff", "2026-03-20"),
        row("公务用车管理台账缺失", "建立公务用车台账，逐车登记", "d01sec", "2026-04-10"),
        row("廉政风险点排查不全", "重新排查各岗位廉政风险点", "d01insp", "2026-04-30"))));

    // one carry-out task per row, for its owner, due at the end of the row's deadline
    List<Task> carryOuts = tasks.createTaskQuery().processInstanceId(instance)
        .taskDefinitionKey(Element.CarryOut.name()).orderByDueDate().asc().list();
    assertThat(carryOuts).extracting(Task::getAssignee).containsExactly("d01staff", "d01sec", "d01insp");
    assertThat(carryOuts.get(0).getDueDate()).isEqualTo(endOf("2026-03-20"));
    assertThat(carryOuts.get(0).getName()).isEqualTo("落实整改事项（区教育和体育局，第1项，2026-03-20到期）");
    JsonNode rows = json.readTree(as("d01staff").getForObject("/api/units/D01/rectification-ledger", String.class));
    assertThat(rows).hasSize(3);
    assertThat(rows.findValuesAsText("status")).containsOnly("OPEN");
    assertThat(rows.findValuesAsText("source")).containsOnly("INSPECTION");

    // row 1 goes past its deadline: the ladder sees its task, and late work needs a reason
    at("2026-03-23T10:00");
    assertThat(ledger.openOverdueRows()).extracting(LedgerRow::problem).containsExactly("“三重一大”事项未集体研究");
    escalations.patrol();
    JsonNode overdue = json.readTree(as("jiwei").getForObject("/api/overdue/units/D01/tasks", String.class));
    assertThat(overdue.get("tasks").findValuesAsText("taskName"))
        .contains("落实整改事项（区教育和体育局，第1项，2026-03-20到期）")
        .noneMatch(name -> name.contains("第2项"));
    String overduePage = as("d01sec").getForObject("/pages/units/D01/rectification-ledger?status=OVERDUE",
        String.class);
    assertThat(overduePage).contains("“三重一大”事项未集体研究", "class=\"badge overdue\"")
        .doesNotContain("公务用车管理台账缺失");
    long seq = manual.entriesOf("D01").get(0).seq();
    Task row1 = task(instance, "d01staff");
    assertThatThrownBy(() -> actAs.complete("d01staff", row1, Map.of("report", "已修订议事规则",
        "records", String.valueOf(seq)))).isInstanceOf(InvalidInputException.class).hasMessageContaining("逾期原因");
    actAs.complete("d01staff", row1, Map.of("report", "已修订议事规则", "records", String.valueOf(seq),
        "lateReason", "规则须经党组会审议，会期推迟"));
    assertThat(status("D01", 1)).isEqualTo("REPORTED");
    actAs.complete("jiwei", verifyTask(instance), Map.of("decision", "VERIFIED", "verificationComment", "规则已印发"));
    assertThat(status("D01", 1)).isEqualTo("CLOSED");
    assertThat(rectifications.rectification(rectificationId).status()).isEqualTo(RectificationStatus.OPEN);

    // row 2 is returned, fixed and verified
    actAs.complete("d01sec", task(instance, "d01sec"), Map.of("report", "已建立台账", "records", String.valueOf(seq)));
    assertThatThrownBy(() -> actAs.complete("jiwei", verifyTask(instance), Map.of("decision", "NOT_YET")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("验收意见");
    actAs.complete("jiwei", verifyTask(instance), Map.of("decision", "NOT_YET",
        "verificationComment", "台账缺少加油记录"));
    assertThat(status("D01", 2)).isEqualTo("OPEN");
    Task again = task(instance, "d01sec");
    assertThat(tasks.getVariable(again.getId(), "verificationComment")).isEqualTo("台账缺少加油记录");
    assertThat(tasks.getVariable(again.getId(), Variables.ROW_PROBLEM)).isEqualTo("公务用车管理台账缺失");
    actAs.complete("d01sec", again, Map.of("report", "已补齐加油记录", "records", String.valueOf(seq)));
    actAs.complete("jiwei", verifyTask(instance), Map.of("decision", "VERIFIED", "verificationComment", "整改到位"));
    assertThat(status("D01", 2)).isEqualTo("CLOSED");
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).count()).isOne();

    // the last row closes the rectification
    actAs.complete("d01insp", task(instance, "d01insp"), Map.of("report", "已重新排查", "records",
        String.valueOf(seq)));
    actAs.complete("jiwei", verifyTask(instance), Map.of("decision", "VERIFIED", "verificationComment", "已销号"));
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).count()).isZero();
    Rectification done = rectifications.rectification(rectificationId);
    assertThat(done.status()).isEqualTo(RectificationStatus.VERIFIED);
    assertThat(done.verifiedBy()).isEqualTo("jiwei");
    assertThat(rowsOf("D01")).extracting(LedgerRow::status).containsOnly(LedgerRowStatus.CLOSED);
    assertThat(rowsOf("D01")).filteredOn(row -> row.position() == 2).extracting(LedgerRow::returnedCount)
        .containsExactly(1);

    // the Excel export of the unit's ledger
    ResponseEntity<byte[]> xlsx = as("d01sec").getForEntity("/api/units/D01/rectification-ledger.xlsx",
        byte[].class);
    assertThat(xlsx.getStatusCode()).isEqualTo(HttpStatus.OK);
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.getBody()))) {
      Sheet sheet = workbook.getSheet("整改台账");
      assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).startsWith("区教育和体育局整改台账（全部");
      assertThat(cells(sheet.getRow(1))).isEqualTo(LedgerExports.HEADERS);
      List<List<String>> lines = new ArrayList<>();
      for (int r = 2; r <= sheet.getLastRowNum(); r++) {
        lines.add(cells(sheet.getRow(r)));
      }
      assertThat(lines).hasSize(3);
      assertThat(lines).extracting(line -> line.get(4)).containsExactlyInAnyOrder("“三重一大”事项未集体研究",
          "公务用车管理台账缺失", "廉政风险点排查不全");
      List<String> car = lines.stream().filter(line -> line.get(4).equals("公务用车管理台账缺失")).findFirst()
          .orElseThrow();
      assertThat(car.subList(1, 10)).containsExactly("区教育和体育局", "巡察反馈", "2026年区委第一轮巡察",
          "公务用车管理台账缺失", "建立公务用车台账，逐车登记", "张伟", "2026-04-10", "已销号", "否");
      assertThat(car.get(10)).isEqualTo("已补齐加油记录");
      assertThat(car.get(13)).isEqualTo("整改到位");
      assertThat(car.get(14)).isEqualTo("1");
      assertThat(car.get(15)).isNotBlank().isNotEqualTo("jiwei");
      assertThat(car.get(16)).startsWith("2026-03-23");
    }
    assertThat(as("d02sec").getForEntity("/api/units/D01/rectification-ledger.xlsx", byte[].class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

    // the pages: a unit sees its own ledger only; the district's is for the commission
    ResponseEntity<String> own = as("d01staff").getForEntity("/pages/units/D01/rectification-ledger", String.class);
    assertThat(own.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(own.getBody()).contains("区教育和体育局整改台账", "公务用车管理台账缺失", "张伟", "已销号")
        .doesNotContain("录入巡察反馈问题");
    assertThat(as("d01staff").getForObject("/pages/units/D01/rectification-ledger?status=OPEN", String.class))
        .contains("没有符合条件的整改事项").doesNotContain("公务用车管理台账缺失");
    assertThat(as("d02sec").getForEntity("/pages/units/D01/rectification-ledger", String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(as("d01sec").getForEntity("/pages/rectification-ledger", String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(as("d01sec").getForEntity("/api/rectification-ledger.xlsx", byte[].class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<String> districtPage = as("jiwei").getForEntity("/pages/rectification-ledger?status=CLOSED",
        String.class);
    assertThat(districtPage.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(districtPage.getBody()).contains("全区整改台账", "区教育和体育局", "廉政风险点排查不全", "录入巡察反馈问题");
  }

  @Test
  void talkCommitmentsAreRowsClosedWhenTheCommissionVerifiesThem() throws IOException {
    at("2026-06-01T09:00");
    ResponseEntity<String> started = as("jiwei").postForEntity("/api/talks", Map.of("unitCode", "T01", "kind",
        "PROBLEM_SUMMONS", "cause", "季度自查逾期"), String.class);
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String talk = json.readTree(started.getBody()).get("processInstanceId").asText();
    actAs.complete("jiwei", talkTask(talk, TalkProcess.Element.ArrangeTalk), Map.of(
        TalkProcess.Variables.TALK_TIME, "2026-06-02T09:30", TalkProcess.Variables.PLACE, "谈话室",
        TalkProcess.Variables.PARTICIPANTS, "李明"));
    management.createJobQuery().processInstanceId(talk).list().forEach(job -> management.executeJob(job.getId()));
    actAs.complete("jiwei", talkTask(talk, TalkProcess.Element.HoldTalk), Map.of(TalkProcess.Variables.MINUTES,
        "谈话记录", TalkProcess.Variables.COMMITMENTS,
        SpinValues.jsonValue("[{\"content\":\"一个月内补齐自查台账\",\"dueDate\":\"2026-07-01\"}]").create()));
    List<LedgerRow> rows = rowsOf("T01");
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).source()).isEqualTo(LedgerSource.TALK);
    assertThat(rows.get(0).problem()).isEqualTo("一个月内补齐自查台账");
    assertThat(rows.get(0).deadline()).isEqualTo(LocalDate.parse("2026-07-01"));
    assertThat(rows.get(0).sourceLabel()).contains("问题约谈", "季度自查逾期");

    actAs.complete("t01sec", talkTask(talk, TalkProcess.Element.FulfilCommitment),
        Map.of(TalkProcess.Variables.REPORT, "已补齐"));
    actAs.complete("jiwei", talkTask(talk, TalkProcess.Element.VerifyCommitment),
        Map.of(TalkProcess.Variables.DECISION, "VERIFIED"));
    assertThat(rowsOf("T01")).extracting(LedgerRow::status).containsExactly(LedgerRowStatus.CLOSED);
    assertThat(as("t01sec").getForObject("/pages/units/T01/rectification-ledger", String.class))
        .contains("谈话承诺", "一个月内补齐自查台账", "已销号");
  }

  /**
   * The owner picks the evidence on the carry-out form from the unit's own uploaded files and record entries (the
   * form's tag lists, refreshed when the unit uploads), and a file or entry of another unit sent instead — through
   * the engine REST API as Tasklist sends it — is refused with a Chinese message and changes nothing.
   */
  @Test
  void aRowIsEvidencedByPickingTheUnitsOwnFilesAndEntries() throws IOException {
    at("2026-05-04T09:00");
    EvidenceFile own = files.store("公车台账.pdf", "%PDF-1.4 公车台账 D03".getBytes(StandardCharsets.UTF_8), "a01staff",
        List.of("A01"));
    EvidenceFile foreign = files.store("别人的台账.pdf", "%PDF-1.4 别人的台账 D02".getBytes(StandardCharsets.UTF_8),
        "d02staff", List.of("D02"));
    ResponseEntity<String> entered = as("jiwei").postForEntity("/api/units/A01/inspection-findings",
        Map.of("round", "2026年区委第二轮巡察", "findings", List.of("公务用车管理台账缺失"), "deadline", "2026-06-30"),
        String.class);
    assertThat(entered.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String instance = json.readTree(entered.getBody()).get("processInstanceId").asText();
    actAs.complete("a01sec", task(instance, Element.PlanRectification), Map.of(Variables.LEDGER_ROWS, rows(
        row("公务用车管理台账缺失", "建立公务用车台账，逐车登记", "a01staff", "2026-06-10"))));
    Task carryOut = task(instance, "a01staff");

    // the form offers the unit's files by name and its entries by number and date; not another unit's
    Map<String, String> evidence = options(carryOut, Variables.EVIDENCE_OPTIONS);
    assertThat(evidence).containsKey(own.contentHash()).doesNotContainKey(foreign.contentHash());
    assertThat(evidence.get(own.contentHash())).startsWith("公车台账.pdf（2026-05-04上传");
    long ownSeq = entries.add(Official.of("a01staff", List.of("unitA01staff")), "A01", new ManualEntries.Request(
        EntryKind.INSPECTION, null, ClockUtil.getCurrentTime().toInstant(), "检查公务用车登记情况", null, List.of()))
        .seq();
    // entry numbers count within each unit's manual: a number past the unit's last entry is not the unit's
    long foreignSeq = manual.entriesOf("A01").stream().mapToLong(entry -> entry.seq()).max().orElseThrow() + 100;
    assertThat(options(carryOut, Variables.RECORD_OPTIONS)).containsKey(String.valueOf(ownSeq))
        .doesNotContainKey(String.valueOf(foreignSeq));
    // a file uploaded after the rectification opened is on the form the next time it opens
    EvidenceFile later = files.store("台账照片.jpg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3},
        "a01staff", List.of("A01"));
    assertThat(options(carryOut, Variables.EVIDENCE_OPTIONS)).containsKey(later.contentHash());

    // another unit's file or entry, typed in instead of picked, is refused and nothing changes
    ResponseEntity<String> foreignFile = submit("a01staff", carryOut, "[\"" + foreign.contentHash() + "\"]", "[]");
    assertThat(foreignFile.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(foreignFile.getBody()).contains("整改佐证：只能引用本单位上传的佐证材料");
    ResponseEntity<String> foreignEntry = submit("a01staff", carryOut, "[]", "[\"" + foreignSeq + "\"]");
    assertThat(foreignEntry.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(foreignEntry.getBody()).contains("整改佐证：本单位纪实手册中没有第" + foreignSeq + "条记录");
    ResponseEntity<String> nothing = submit("a01staff", carryOut, "[]", "[]");
    assertThat(nothing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(nothing.getBody()).contains("请提供整改佐证");
    assertThat(tasks.createTaskQuery().taskId(carryOut.getId()).count()).isOne();
    assertThat(status("A01", 1)).isEqualTo("OPEN");
    assertThat(files.sharedWithOtherUnits("D02")).doesNotContainKey(foreign.contentHash());

    // picked from the lists, the row is reported with exactly those files and entries
    ResponseEntity<String> picked = submit("a01staff", carryOut,
        "[\"" + own.contentHash() + "\",\"" + later.contentHash() + "\"]", "[\"" + ownSeq + "\"]");
    assertThat(picked.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    LedgerRow reported = rowsOf("A01").get(0);
    assertThat(reported.status()).isEqualTo(LedgerRowStatus.REPORTED);
    assertThat(reported.evidence()).isEqualTo(own.contentHash() + " " + later.contentHash());
    assertThat(reported.recordRefs()).isEqualTo(String.valueOf(ownSeq));
    // the commission's verification form shows the picks by name from the same lists
    Task verify = verifyTask(instance);
    assertThat(options(verify, Variables.EVIDENCE_OPTIONS)).containsKeys(own.contentHash(), later.contentHash());
    // the ledger page names the files (downloads) and links the entries to the unit's manual
    assertThat(as("a01sec").getForObject("/pages/units/A01/rectification-ledger", String.class))
        .contains(">公车台账.pdf</a>", ">台账照片.jpg</a>", "href=\"/api/evidence/" + own.contentHash() + "\"",
            "href=\"/pages/units/A01/record#entry-" + ownSeq + "\"", ">第" + ownSeq + "条</a>")
        .doesNotContain(">" + own.contentHash() + "<");
  }

  /**
   * An instance of the model from before the ledger (its plan one text, no rows, no row variables) carries on after
   * the upgrade: its plan becomes one row, carried out and closed like any other.
   */
  @Test
  void aRectificationOfTheModelBeforeTheLedgerCarriesOnWithOneRow() throws IOException {
    at("2026-09-01T09:00");
    String deployment = repository.createDeployment().name("rectification before the ledger")
        .addClasspathResource("legacy/rectification-before-ledger.bpmn").deploy().getId();
    try {
      String instance = runtime.startProcessInstanceByKey("rectification-before-ledger", "selfcheck-D02-2026Q3",
          Map.of(Variables.UNIT_CODE, "D02", Variables.SUBJECT, "落实廉政谈话制度", Variables.CAUSE, "2026年第3季度自查",
              Variables.DEADLINE, "2026-10-31")).getId();
      actAs.complete("d02sec", task(instance, Element.PlanRectification),
          Map.of(Variables.PLAN, "每月开展一次谈话，由书记负责"));
      List<LedgerRow> rows = rowsOf("D02");
      assertThat(rows).hasSize(1);
      assertThat(rows.get(0).problem()).isEqualTo("落实廉政谈话制度");
      assertThat(rows.get(0).measure()).isEqualTo("每月开展一次谈话，由书记负责");
      assertThat(rows.get(0).ownerName()).isNull();
      assertThat(rows.get(0).deadline()).isEqualTo(LocalDate.parse("2026-10-31"));
      long seq = manual.entriesOf("D02").get(0).seq();
      actAs.complete("d02staff", task(instance, Element.CarryOut), Map.of("report", "已开展谈话",
          "records", String.valueOf(seq)));
      actAs.complete("jiwei", verifyTask(instance), Map.of("decision", "VERIFIED"));
      assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).count()).isZero();
      assertThat(rowsOf("D02")).extracting(LedgerRow::status).containsExactly(LedgerRowStatus.CLOSED);
      assertThat(rectifications.rectification(rows.get(0).rectificationId()).status())
          .isEqualTo(RectificationStatus.VERIFIED);
    } finally {
      repository.deleteDeployment(deployment, true);
    }
  }

  // --- helpers

  private static void at(String beijing) {
    ClockUtil.setCurrentTime(Date.from(LocalDateTime.parse(beijing).atZone(DISTRICT).toInstant()));
  }

  private static Date endOf(String day) {
    return Date.from(LocalDate.parse(day).atTime(23, 59, 59).atZone(DISTRICT).toInstant());
  }

  private static Map<String, Object> row(String problem, String measure, String owner, String deadline) {
    Map<String, Object> row = new HashMap<>();
    row.put("problem", problem);
    row.put("measure", measure);
    row.put("ownerId", owner);
    row.put("deadline", deadline);
    return row;
  }

  @SafeVarargs
  private Object rows(Map<String, Object>... rows) {
    try {
      return SpinValues.jsonValue(json.writeValueAsString(List.of(rows))).create();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<LedgerRow> rowsOf(String unitCode) {
    return ledger.districtLedger(org.liangze.organisation.Official.of("jiwei", List.of("disciplinecommission")),
        RectificationLedger.Filter.ALL).stream().filter(row -> row.unitCode().equals(unitCode)).toList();
  }

  private String status(String unitCode, int position) {
    return rowsOf(unitCode).stream().filter(row -> row.position() == position).findFirst().orElseThrow()
        .status().name();
  }

  private Task task(String instance, Element element) {
    return tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey(element.name()).singleResult();
  }

  private Task task(String instance, String assignee) {
    return tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey(Element.CarryOut.name())
        .taskAssignee(assignee).singleResult();
  }

  private Task verifyTask(String instance) {
    return tasks.createTaskQuery().processInstanceId(instance)
        .taskDefinitionKey(Element.VerifyRectification.name()).singleResult();
  }

  private Task talkTask(String instance, TalkProcess.Element element) {
    return tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey(element.name()).singleResult();
  }

  private static List<String> cells(Row row) {
    List<String> cells = new ArrayList<>();
    for (int c = 0; c < row.getLastCellNum(); c++) {
      var cell = row.getCell(c);
      cells.add(cell == null ? "" : switch (cell.getCellType()) {
        case NUMERIC -> String.valueOf((long) cell.getNumericCellValue());
        default -> cell.getStringCellValue();
      });
    }
    return cells;
  }

  /**
   * The unit's options a form's tag list offers, value → label: the task's form variables (what Tasklist reads),
   * not kept on the process.
   */
  private Map<String, String> options(Task task, String variable) throws IOException {
    assertThat(tasks.getVariable(task.getId(), variable)).as("not kept on the process").isNull();
    Map<String, String> options = new HashMap<>();
    json.readTree(((SerializableValue) forms.getTaskFormVariables(task.getId()).getValueTyped(variable))
            .getValueSerialized())
        .forEach(option -> options.put(option.get("value").asText(), option.get("label").asText()));
    return options;
  }

  /** Completes the carry-out task as Tasklist does: the tag lists' picks as JSON variables. */
  private ResponseEntity<String> submit(String user, Task task, String evidence, String records) {
    Map<String, Object> variables = Map.of(
        "report", Map.of("type", "String", "value", "已建立公务用车台账"),
        "evidence", Map.of("type", "Json", "value", evidence),
        "records", Map.of("type", "Json", "value", records));
    return as(user).exchange("/engine-rest/task/" + task.getId() + "/submit-form", HttpMethod.POST,
        new HttpEntity<>(Map.of("variables", variables)), String.class);
  }

  private TestRestTemplate as(String user) {
    return http.withBasicAuth(user, PASSWORD);
  }
}
