package org.liangze.talk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.escalation.Escalations;
import org.liangze.notification.NotificationDeliveryProcess;
import org.liangze.organisation.Groups;
import org.liangze.organisation.IdentitySync;
import org.liangze.organisation.Official;
import org.liangze.organisation.Role;
import org.liangze.platform.InvalidInputException;
import org.liangze.record.EntryKind;
import org.liangze.record.RecordEntry;
import org.liangze.record.RecordManual;
import org.liangze.talk.TalkProcess.Element;
import org.liangze.talk.TalkProcess.Variables;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestExecutionListeners;

/**
 * Every path of the talk model, driven through the real entry points ({@link Talks} and the escalation ladder's
 * patrol) on the real application; the job executor is off and the test runs its own instances' jobs itself.
 * Process test coverage is measured and must reach every flow node and sequence flow.
 */
@SpringBootTest
@ActiveProfiles("test")
@Import({ProcessEngineCoverageConfiguration.class, TalkProcessTest.FullCoverage.class})
@TestExecutionListeners(value = ProcessEngineCoverageTestExecutionListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class TalkProcessTest {

  @TestConfiguration
  static class FullCoverage {
    @Bean
    ProcessEngineCoverageProperties processEngineCoverageProperties() {
      return ProcessEngineCoverageProperties.Companion.builder().assertClassCoverageAtLeast(1.0).build();
    }
  }

  static final ZoneId DISTRICT = ZoneId.of("Asia/Shanghai");
  static final Official COMMISSION = Official.of("jiwei", List.of(Groups.DISCIPLINE_COMMISSION));

  @Autowired ProcessEngine engine;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired Talks talks;
  @Autowired Escalations escalations;
  @Autowired RecordManual manual;
  @Autowired IdentityService identity;
  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService management;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void district() throws IOException {
    AbstractAssertions.reset();
    BpmnAwareTests.init(engine);
    if (district.seedIfEmpty(2024)) {
      identitySync.sync();
    }
  }

  @AfterEach
  void reset() {
    identity.clearAuthentication();
    ClockUtil.reset();
  }

  @Test
  void anIntegrityTalkIsScheduledNotifiedHeldRecordedAndItsCommitmentsFollowedUp() {
    Talks.Started started = start("D01", "INTEGRITY_TALK", "d01staff", "  新任职廉政谈话  ");
    ProcessInstance talk = instance(started);
    assertThat(talk.getBusinessKey()).isEqualTo("talk-" + started.talkId());
    assertThat(talk).isWaitingAt(Element.ArrangeTalk.name());
    Task arrange = task(talk, Element.ArrangeTalk);
    assertThat(arrange).hasCandidateGroup(Groups.DISCIPLINE_COMMISSION);
    assertThat(arrange.getName()).isEqualTo("安排谈话（" + unitName("D01") + "，廉政谈话）");
    assertThat(arrange.getDueDate()).isCloseTo(Date.from(ClockUtil.getCurrentTime().toInstant()
        .plus(Duration.ofDays(7))), 60_000);
    assertThat(talks.talk(started.talkId()).cause()).isEqualTo("新任职廉政谈话");
    assertThat(talks.talk(started.talkId()).status()).isEqualTo(TalkStatus.SCHEDULING);

    long notifiedBefore = jdbc.sql("select coalesce(max(id), 0) from notifications").query(Long.class).single();
    LocalDateTime when = LocalDate.now(DISTRICT).plusDays(1).atTime(9, 30);
    completeAs("jiwei", arrange, Map.of(Variables.TALK_TIME, when.toString(), Variables.PLACE, "区纪委第一谈话室",
        Variables.PARTICIPANTS, "区纪委监委：李明；单位：张伟、王强"));
    assertThat(talk).isWaitingAt(Element.NotifyTalk.name());
    assertThat(talks.talk(started.talkId()).status()).isEqualTo(TalkStatus.SCHEDULED);
    runJobs(talk);
    // the unit's secretary and the person talked to are told, once
    assertThat(jdbc.sql("""
            select recipient_user_id from notifications where kind = 'TALK_SCHEDULED' and unit_code = 'D01'
               and id > ? order by recipient_user_id""").param(notifiedBefore).query(String.class).list())
        .containsExactly("d01sec", "d01staff");
    deliverNotifications();

    Task hold = task(talk, Element.HoldTalk);
    assertThat(hold).hasCandidateGroup(Groups.DISCIPLINE_COMMISSION);
    assertThat(hold.getDueDate()).isEqualTo(Date.from(when.atZone(DISTRICT).toInstant().plus(Duration.ofDays(3))));
    assertThat(taskService.getVariable(hold.getId(), Variables.TALK_TIME_LABEL)).isEqualTo(
        when.getYear() + "年" + when.getMonthValue() + "月" + when.getDayOfMonth() + "日 09:30");
    int entriesBefore = manual.entriesOf("D01").size();
    LocalDate first = LocalDate.now(DISTRICT).plusDays(10);
    LocalDate second = LocalDate.now(DISTRICT).plusDays(20);
    completeAs("jiwei", hold, Map.of(Variables.MINUTES, "谈话对象表示将认真整改。", Variables.COMMITMENTS,
        json("[{\"content\":\" 完善廉政风险台账 \",\"dueDate\":\"" + first + "\"},"
            + "{\"content\":\"每月开展一次警示教育\",\"dueDate\":\"" + second + "T00:00:00\"}]")));

    Talk held = talks.talk(started.talkId());
    assertThat(held.status()).isEqualTo(TalkStatus.FOLLOWING_UP);
    assertThat(held.minutes()).isEqualTo("谈话对象表示将认真整改。");
    assertThat(held.heldBy()).isEqualTo("jiwei");
    assertThat(held.commitments()).extracting(Talk.Commitment::content)
        .containsExactly("完善廉政风险台账", "每月开展一次警示教育");
    assertThat(held.commitments()).extracting(Talk.Commitment::dueDate).containsExactly(first, second);
    // the talk is in the unit's record manual as a talk, besides the completed task written by itself
    List<RecordEntry> entries = manual.entriesOf("D01");
    RecordEntry entry = entries.stream().filter(e -> e.seq() == held.recordSeq()).findFirst().orElseThrow();
    assertThat(entry.kind()).isEqualTo(EntryKind.TALK);
    assertThat(entry.summary()).startsWith("廉政谈话：新任职廉政谈话").contains("区纪委第一谈话室").contains("承诺2条");
    assertThat(entries.subList(entriesBefore, entries.size()))
        .anyMatch(e -> e.kind() == EntryKind.TASK_COMPLETED && e.summary().contains("开展谈话并记录"));

    List<Task> fulfil = tasks(talk, Element.FulfilCommitment);
    assertThat(fulfil).hasSize(2);
    Task firstTask = fulfil.stream().filter(t -> t.getName().contains(label(first))).findFirst().orElseThrow();
    Task secondTask = fulfil.stream().filter(t -> t.getName().contains(label(second))).findFirst().orElseThrow();
    assertThat(firstTask).hasCandidateGroup(Groups.of(Role.SECRETARY, "D01"));
    // each follow-up is due at the end of its commitment's own due date, so the escalation ladder takes it up
    assertThat(firstTask.getDueDate()).isEqualTo(endOf(first));
    assertThat(secondTask.getDueDate()).isEqualTo(endOf(second));
    assertThat(taskService.getVariable(firstTask.getId(), Variables.COMMITMENT_CONTENT)).isEqualTo("完善廉政风险台账");

    completeAs("d01sec", firstTask, Map.of(Variables.REPORT, "已建立台账"));
    Task verify = task(talk, Element.VerifyCommitment);
    assertThat(verify).hasCandidateGroup(Groups.DISCIPLINE_COMMISSION);
    completeAs("jiwei", verify, Map.of(Variables.DECISION, "NOT_YET", Variables.VERIFICATION_COMMENT, "台账缺少风险等级"));
    Task again = tasks(talk, Element.FulfilCommitment).stream().filter(t -> t.getName().contains(label(first)))
        .findFirst().orElseThrow();
    assertThat(taskService.getVariable(again.getId(), Variables.VERIFICATION_COMMENT)).isEqualTo("台账缺少风险等级");
    completeAs("d01sec", again, Map.of(Variables.REPORT, "已补充风险等级"));
    completeAs("jiwei", task(talk, Element.VerifyCommitment), Map.of(Variables.DECISION, "VERIFIED"));

    completeAs("d01sec", task(talk, Element.FulfilCommitment), Map.of(Variables.REPORT, "已开展两次"));
    completeAs("jiwei", task(talk, Element.VerifyCommitment), Map.of(Variables.DECISION, "VERIFIED",
        Variables.VERIFICATION_COMMENT, "落实到位"));

    assertThat(talk).isEnded().hasPassed(Element.CommitmentVerified.name(), Element.TalkClosed.name());
    Talk closed = talks.talk(started.talkId());
    assertThat(closed.status()).isEqualTo(TalkStatus.CLOSED);
    assertThat(closed.commitments()).allMatch(c -> "VERIFIED".equals(c.status()) && "jiwei".equals(c.verifiedBy()));
    assertThat(closed.commitments().get(0).report()).isEqualTo("已补充风险等级");
    assertThat(talks.visibleTalks(Official.of("d01sec", List.of(Groups.of(Role.SECRETARY, "D01"))), "D01"))
        .anyMatch(t -> t.id() == started.talkId());
  }

  @Test
  void aSummonsAndADutyReportWithoutCommitmentsEndOnceRecorded() {
    for (String kind : List.of("PROBLEM_SUMMONS", "DUTY_REPORT")) {
      Talks.Started started = start("D02", kind, null, "年度述责述廉及问题约谈");
      ProcessInstance talk = instance(started);
      completeAs("jiwei", task(talk, Element.ArrangeTalk), Map.of(Variables.TALK_TIME,
          LocalDate.now(DISTRICT).plusDays(2).atTime(15, 0).atZone(DISTRICT).toOffsetDateTime().toString(),
          Variables.PLACE, "区委会议室", Variables.PARTICIPANTS, "区委、区纪委监委、单位领导班子"));
      runJobs(talk);
      assertThat(jdbc.sql("select count(*) from notifications where kind = 'TALK_SCHEDULED' and unit_code = 'D02'")
          .query(Long.class).single()).isPositive();
      completeAs("jiwei", task(talk, Element.HoldTalk), Map.of(Variables.MINUTES, "听取述责述廉，无整改承诺。"));
      assertThat(talk).isEnded().hasPassed(Element.TalkClosed.name());
      Talk closed = talks.talk(started.talkId());
      assertThat(closed.kind().name()).isEqualTo(kind);
      assertThat(closed.status()).isEqualTo(TalkStatus.CLOSED);
      assertThat(closed.commitments()).isEmpty();
      assertThat(manual.entriesOf("D02")).anyMatch(e -> e.kind() == EntryKind.TALK && e.seq() == closed.recordSeq()
          && e.summary().startsWith(closed.kindLabel()));
    }
    // another unit's people do not see D02's talks
    assertThatThrownBy(() -> talks.visibleTalks(Official.of("d01sec", List.of(Groups.of(Role.SECRETARY, "D01"))),
        "D02")).isInstanceOf(AccessDeniedException.class);
    assertThat(talks.visibleTalks(COMMISSION, "D02")).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void lateMinutesAndACommitmentPastItsDueDateClimbTheEscalationLadder() {
    ProcessInstance talk = instance(start("A01", "INTEGRITY_TALK", null, "廉政谈话"));
    completeAs("jiwei", task(talk, Element.ArrangeTalk), Map.of(Variables.TALK_TIME,
        LocalDate.now(DISTRICT).plusDays(1).atTime(10, 0).toString(), Variables.PLACE, "谈话室",
        Variables.PARTICIPANTS, "李明"));
    runJobs(talk);

    // the minutes run late: accepted with a reason, which the talk's manual entry keeps too
    Task hold = task(talk, Element.HoldTalk);
    ClockUtil.setCurrentTime(Date.from(hold.getDueDate().toInstant().plusSeconds(60)));
    escalations.patrol();
    LocalDate due = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), DISTRICT).plusDays(3);
    Map<String, Object> minutes = Map.of(Variables.MINUTES, "记录",
        Variables.COMMITMENTS, json("[{\"content\":\"整改到位\",\"dueDate\":\"" + due + "\"}]"));
    assertThatThrownBy(() -> completeAs("jiwei", hold, minutes)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("逾期原因");
    Map<String, Object> late = new HashMap<>(minutes);
    late.put("lateReason", "谈话对象外出学习，延后记录");
    completeAs("jiwei", hold, late);
    Talk held = talks.talk(talks.visibleTalks(COMMISSION, "A01").stream()
        .filter(t -> t.processInstanceId().equals(talk.getId())).findFirst().orElseThrow().id());
    assertThat(manual.entriesOf("A01")).anyMatch(e -> e.seq() == held.recordSeq() && e.kind() == EntryKind.TALK
        && "谈话对象外出学习，延后记录".equals(e.lateReason()));

    // the follow-up is due at the end of the commitment's due date; past it, the ladder takes it up
    Task fulfil = task(talk, Element.FulfilCommitment);
    assertThat(fulfil.getDueDate()).isEqualTo(endOf(due));
    ClockUtil.setCurrentTime(Date.from(endOf(due).toInstant().plusSeconds(60)));
    escalations.patrol();
    assertThat(jdbc.sql("select level from escalation_steps where task_id = ? order by id").param(fulfil.getId())
        .query(String.class).list()).contains("OVERDUE");
    assertThat(taskService.getVariable(fulfil.getId(), "taskOverdue")).isEqualTo(true);
    // late work is still accepted, with a reason
    assertThatThrownBy(() -> completeAs("a01sec", fulfil, Map.of(Variables.REPORT, "已整改")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("逾期原因");
    completeAs("a01sec", fulfil, Map.of(Variables.REPORT, "已整改", "lateReason", "等待上级批复"));
    assertThat(talk).isWaitingAt(Element.VerifyCommitment.name());
  }

  @Test
  void aSummonsRequestedByTheLadderStartsExactlyOneTalk() {
    // T02 commits to something in a talk and lets it run past its due date by the summons period
    ProcessInstance cause = instance(start("T02", "INTEGRITY_TALK", null, "廉政谈话"));
    Task arrange = task(cause, Element.ArrangeTalk);
    completeAs("jiwei", arrange, Map.of(Variables.TALK_TIME, LocalDate.now(DISTRICT).plusDays(1).atTime(10, 0)
        .toString(), Variables.PLACE, "谈话室", Variables.PARTICIPANTS, "李明"));
    runJobs(cause);
    completeAs("jiwei", task(cause, Element.HoldTalk), Map.of(Variables.MINUTES, "记录", Variables.COMMITMENTS,
        json("[{\"content\":\"整改到位\",\"dueDate\":\"" + LocalDate.now(DISTRICT).plusDays(1) + "\"}]")));
    Task overdue = task(cause, Element.FulfilCommitment);
    // and the commission lets a talk of its own run late: its own work, not the unit's
    ProcessInstance late = instance(start("T02", "DUTY_REPORT", null, "述责述廉"));
    Task commissionTask = task(late, Element.ArrangeTalk);

    Date summonsDay = Date.from(commissionTask.getDueDate().toInstant().plus(Duration.ofDays(5)));
    ClockUtil.setCurrentTime(summonsDay);
    escalations.patrol();
    ClockUtil.setCurrentTime(Date.from(summonsDay.toInstant().plus(Duration.ofDays(1))));
    escalations.patrol(); // a second patrol starts nothing twice

    // the commission's own late task is the commission's: the ladder summons no unit for it
    assertThat(jdbc.sql("select count(*) from summons_request_tasks where task_id = ?").param(commissionTask.getId())
        .query(Long.class).single()).isZero();
    Map<String, Object> request = jdbc.sql("""
            select r.id, r.status from summons_requests r join summons_request_tasks t on t.request_id = r.id
             where t.task_id = ?""")
        .param(overdue.getId()).query().singleRow();
    assertThat(request.get("status")).isEqualTo("STARTED");
    long requestId = ((Number) request.get("id")).longValue();
    List<Talk> summons = talks.visibleTalks(COMMISSION, "T02").stream()
        .filter(t -> Long.valueOf(requestId).equals(t.summonsRequestId())).toList();
    assertThat(summons).hasSize(1);
    Talk talk = summons.get(0);
    assertThat(talk.kind()).isEqualTo(TalkKind.PROBLEM_SUMMONS);
    assertThat(talk.cause()).contains("落实谈话承诺").contains("逾期");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(TalkProcess.KEY)
        .processInstanceBusinessKey(TalkProcess.businessKey(talk.id())).count()).isEqualTo(1);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(talk.processInstanceId()).singleResult())
        .isWaitingAt(Element.ArrangeTalk.name());

    // the request cannot start a second talk, however it arrives
    identity.setAuthentication("jiwei", List.of(Groups.DISCIPLINE_COMMISSION));
    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(TalkProcess.KEY, Map.of(Variables.UNIT_CODE,
        "T02", Variables.KIND, "PROBLEM_SUMMONS", Variables.CAUSE, "再次约谈", Variables.SUMMONS_REQUEST_ID, requestId)))
        .isInstanceOf(InvalidInputException.class);
    identity.clearAuthentication();
    assertThat(jdbc.sql("select count(*) from talks where summons_request_id = ?").param(requestId)
        .query(Long.class).single()).isEqualTo(1);

    // the commission takes up a request still open (one the ladder stored and no talk took up), for its unit only
    jdbc.sql("""
            insert into summons_requests (unit_code, task_id, cause, requested_at, status, period)
            values (?, ?, ?, ?, 'OPEN', 'test-open')""")
        .params("T02", "open-request-task", "逾期未办：测试", java.time.OffsetDateTime.now()).update();
    long open = jdbc.sql("select id from summons_requests where task_id = 'open-request-task'")
        .query(Long.class).single();
    identity.setAuthentication("jiwei", List.of(Groups.DISCIPLINE_COMMISSION));
    try {
      assertThatThrownBy(() -> talks.start(new Talks.StartRequest("D01", "PROBLEM_SUMMONS", null, "约谈", open)))
          .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("所选约谈建议不存在或不属于")
          .hasMessageNotContaining(String.valueOf(open));
      Talks.Started takenUp = talks.start(new Talks.StartRequest("T02", "PROBLEM_SUMMONS", null, "约谈", open));
      assertThat(talks.talk(takenUp.talkId()).summonsRequestId()).isEqualTo(open);
    } finally {
      identity.clearAuthentication();
    }
    assertThat(jdbc.sql("select status from summons_requests where id = ?").param(open).query(String.class)
        .single()).isEqualTo("STARTED");
  }

  @Test
  void badInputIsRefusedAndChangesNothing() {
    long talksBefore = countTalks();
    assertThatThrownBy(() -> start("X99", "INTEGRITY_TALK", null, "事由")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("没有这个单位");
    assertThatThrownBy(() -> start("D01", "CHAT", null, "事由")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("谈话类型");
    assertThatThrownBy(() -> start("D01", "INTEGRITY_TALK", "d02staff", "事由"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("谈话对象");
    assertThatThrownBy(() -> start("D01", "INTEGRITY_TALK", null, "  ")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("事由");
    // only the discipline commission starts talks
    identity.setAuthentication("d01sec", List.of(Groups.of(Role.SECRETARY, "D01")));
    assertThatThrownBy(() -> talks.start(new Talks.StartRequest("D01", "INTEGRITY_TALK", null, "事由")))
        .isInstanceOf(AuthorizationException.class);
    identity.clearAuthentication();
    assertThat(countTalks()).isEqualTo(talksBefore);

    Talks.Started started = start("D01", "INTEGRITY_TALK", null, "谈话");
    ProcessInstance talk = instance(started);
    Task arrange = task(talk, Element.ArrangeTalk);
    String tomorrow = LocalDate.now(DISTRICT).plusDays(1).atTime(9, 0).toString();
    assertThatThrownBy(() -> completeAs("jiwei", arrange, Map.of(Variables.TALK_TIME,
        LocalDate.now(DISTRICT).minusDays(1).atTime(9, 0).toString(), Variables.PLACE, "谈话室",
        Variables.PARTICIPANTS, "李明"))).isInstanceOf(InvalidInputException.class).hasMessageContaining("早于现在");
    assertThatThrownBy(() -> completeAs("jiwei", arrange, Map.of(Variables.TALK_TIME, "明天上午",
        Variables.PLACE, "谈话室", Variables.PARTICIPANTS, "李明"))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("格式");
    assertThatThrownBy(() -> completeAs("jiwei", arrange, Map.of(Variables.TALK_TIME, tomorrow,
        Variables.PARTICIPANTS, "李明"))).isInstanceOf(InvalidInputException.class).hasMessageContaining("地点");
    // the person talked to is picked on the arranging form from the unit's people; another unit's is refused
    assertThatThrownBy(() -> completeAs("jiwei", arrange, Map.of(Variables.TALK_TIME, tomorrow, Variables.PLACE,
        "谈话室", Variables.PARTICIPANTS, "李明", Variables.SUBJECT_USER_ID, "d02staff")))
        .isInstanceOf(InvalidInputException.class).hasMessage("所选谈话对象不是" + unitName("D01") + "的人员");
    assertThat(talks.talk(started.talkId()).status()).isEqualTo(TalkStatus.SCHEDULING);
    assertThat(runtimeService.getVariable(talk.getId(), Variables.UNIT_PEOPLE).toString())
        .contains("\"value\":\"d01staff\"").doesNotContain("d02staff");
    completeAs("jiwei", arrange, Map.of(Variables.TALK_TIME, tomorrow, Variables.PLACE, "谈话室",
        Variables.PARTICIPANTS, "李明", Variables.SUBJECT_USER_ID, "d01staff"));
    assertThat(talks.talk(started.talkId()).subjectUserId()).isEqualTo("d01staff");
    runJobs(talk);

    Task hold = task(talk, Element.HoldTalk);
    int entries = manual.entriesOf("D01").size();
    String good = "{\"content\":\"整改\",\"dueDate\":\"" + LocalDate.now(DISTRICT).plusDays(5) + "\"}";
    assertThatThrownBy(() -> completeAs("jiwei", hold, Map.of(Variables.MINUTES, "   ",
        Variables.COMMITMENTS, json("[" + good + "]")))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("谈话记录");
    assertThatThrownBy(() -> completeAs("jiwei", hold, Map.of(Variables.MINUTES, "记录",
        Variables.COMMITMENTS, json("[" + good + ",{\"content\":\"没有期限\"}]"))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("第2条承诺").hasMessageContaining("完成期限");
    assertThatThrownBy(() -> completeAs("jiwei", hold, Map.of(Variables.MINUTES, "记录",
        Variables.COMMITMENTS, json("[{\"content\":\"过期\",\"dueDate\":\"" + LocalDate.now(DISTRICT).minusDays(1)
            + "\"}]")))).isInstanceOf(InvalidInputException.class).hasMessageContaining("不能早于今天");
    assertThatThrownBy(() -> completeAs("jiwei", hold, Map.of(Variables.MINUTES, "记录",
        Variables.COMMITMENTS, json("[{\"content\":\" \",\"dueDate\":\"" + LocalDate.now(DISTRICT) + "\"}]"))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("承诺内容");
    assertThat(taskService.createTaskQuery().taskId(hold.getId()).count()).isEqualTo(1);
    assertThat(talks.talk(started.talkId()).commitments()).isEmpty();
    assertThat(talks.talk(started.talkId()).status()).isEqualTo(TalkStatus.SCHEDULED);
    assertThat(manual.entriesOf("D01")).hasSize(entries);

    completeAs("jiwei", hold, Map.of(Variables.MINUTES, "记录", Variables.COMMITMENTS, json("[" + good + "]")));
    Task fulfil = task(talk, Element.FulfilCommitment);
    assertThatThrownBy(() -> completeAs("d01sec", fulfil, Map.of(Variables.REPORT, " ")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("落实情况");
    completeAs("d01sec", fulfil, Map.of(Variables.REPORT, "已整改"));
    Task verify = task(talk, Element.VerifyCommitment);
    assertThatThrownBy(() -> completeAs("jiwei", verify, Map.of(Variables.DECISION, "NOT_YET")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("核实意见");
    assertThatThrownBy(() -> completeAs("jiwei", verify, Map.of(Variables.DECISION, "MAYBE")))
        .isInstanceOf(InvalidInputException.class);
    assertThat(talks.talk(started.talkId()).commitments().get(0).status()).isEqualTo("REPORTED");
    // another unit's secretary cannot touch the follow-up
    assertThatThrownBy(() -> completeAs("d02sec", verify, Map.of(Variables.DECISION, "VERIFIED")))
        .isInstanceOf(AuthorizationException.class);
  }

  private Talks.Started start(String unitCode, String kind, String subject, String cause) {
    identity.setAuthentication("jiwei", List.of(Groups.DISCIPLINE_COMMISSION));
    try {
      return talks.start(new Talks.StartRequest(unitCode, kind, subject, cause));
    } finally {
      identity.clearAuthentication();
    }
  }

  private long countTalks() {
    return jdbc.sql("select count(*) from talks").query(Long.class).single();
  }

  private ProcessInstance instance(Talks.Started started) {
    return runtimeService.createProcessInstanceQuery().processInstanceId(started.processInstanceId()).singleResult();
  }

  private Task task(ProcessInstance instance, Element element) {
    return taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(element.name())
        .singleResult();
  }

  private List<Task> tasks(ProcessInstance instance, Element element) {
    return taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(element.name())
        .list();
  }

  private String unitName(String unitCode) {
    return jdbc.sql("select name from units where code = ?").param(unitCode).query(String.class).single();
  }

  private static Date endOf(LocalDate day) {
    return Date.from(day.atTime(LocalTime.of(23, 59, 59)).atZone(DISTRICT).toInstant());
  }

  private static String label(LocalDate day) {
    return day.getYear() + "年" + day.getMonthValue() + "月" + day.getDayOfMonth() + "日";
  }

  private static Object json(String text) {
    return SpinValues.jsonValue(text).create();
  }

  /** Completes the task as the user, with the user's real groups, so Camunda authorizations apply. */
  private void completeAs(String userId, Task task, Map<String, Object> variables) {
    identity.setAuthentication(userId, identity.createGroupQuery().groupMember(userId).list().stream()
        .map(Group::getId).toList());
    try {
      taskService.complete(task.getId(), variables);
    } finally {
      identity.clearAuthentication();
    }
  }

  /** Runs the instance's asynchronous continuations (message jobs only; never anybody's timers). */
  private void runJobs(ProcessInstance instance) {
    List<Job> jobs = management.createJobQuery().messages().processInstanceId(instance.getId()).list();
    while (!jobs.isEmpty()) {
      jobs.forEach(job -> management.executeJob(job.getId()));
      jobs = management.createJobQuery().messages().processInstanceId(instance.getId()).list();
    }
  }

  /** Delivers the notifications the talks caused (the log channel), so their delivery runs to its end. */
  private void deliverNotifications() {
    for (Job job : management.createJobQuery().messages().processDefinitionKey(NotificationDeliveryProcess.KEY)
        .list()) {
      management.executeJob(job.getId());
    }
  }
}
