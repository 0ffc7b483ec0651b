package org.liangze.talk;

import static org.liangze.platform.FormInputs.required;
import static org.liangze.platform.FormInputs.text;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.liangze.escalation.SummonsRequested;
import org.liangze.escalation.SummonsRequests;
import org.liangze.notification.NotificationKind;
import org.liangze.notification.Notifications;
import org.liangze.organisation.Groups;
import org.liangze.organisation.Official;
import org.liangze.organisation.PersonRepository;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitRepository;
import org.liangze.platform.FormInputs;
import org.liangze.platform.InvalidInputException;
import org.liangze.platform.NotFoundException;
import org.liangze.record.EntryKind;
import org.liangze.record.NewEntry;
import org.liangze.record.RecordEntry;
import org.liangze.record.RecordManual;
import org.liangze.talk.TalkProcess.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Talks (谈话): the one place that starts the talk process — by a supervisor, or by the escalation ladder's summons —
 * and the registration every talk instance goes through however it was started. Each step checks its input and
 * stores it in the same transaction as the task's completion, so refused input changes nothing. A summons request
 * starts at most one talk: {@code talks.summons_request_id} is unique and the request is taken up only while open.
 * Reached from BPMN as the bean {@code talks}.
 */
@Service("talks")
public class Talks {

  private static final Logger log = LoggerFactory.getLogger(Talks.class);
  private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");
  private static final DateTimeFormatter DAY_LABEL = DateTimeFormatter.ofPattern("yyyy年M月d日");
  static final int MAX_CAUSE = 1000;
  static final int MAX_PLACE = 200;
  static final int MAX_PARTICIPANTS = 1000;
  static final int MAX_MINUTES = 8000;
  static final int MAX_COMMITMENT = 1000;
  static final int MAX_COMMITMENTS = 30;
  static final int MAX_REPORT = 4000;
  static final int MAX_COMMENT = 2000;

  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final TalkRepository talks;
  private final UnitRepository units;
  private final PersonRepository people;
  private final RecordManual manual;
  private final Notifications notifications;
  private final Groups groups;
  private final JdbcClient jdbc;
  private final Clock clock;
  private final SummonsRequests summonsRequests;
  private final ApplicationEventPublisher events;

  Talks(RuntimeService runtimeService, TaskService taskService, TalkRepository talks, UnitRepository units,
      PersonRepository people, RecordManual manual, Notifications notifications, Groups groups, JdbcClient jdbc,
      Clock clock, SummonsRequests summonsRequests, ApplicationEventPublisher events) {
    this.events = events;
    this.people = people;
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.talks = talks;
    this.units = units;
    this.manual = manual;
    this.notifications = notifications;
    this.groups = groups;
    this.jdbc = jdbc;
    this.clock = clock;
    this.summonsRequests = summonsRequests;
  }

  /**
   * What a supervisor asks for; {@code summonsRequestId}, optional, takes up a summons request the escalation ladder
   * left open (one for a late task that was not the unit's own work).
   */
  public record StartRequest(String unitCode, String kind, String subjectUserId, String cause,
      Long summonsRequestId) {

    public StartRequest(String unitCode, String kind, String subjectUserId, String cause) {
      this(unitCode, kind, subjectUserId, cause, null);
    }
  }

  public record Started(long talkId, String processInstanceId) {
  }

  record Registered(long talkId, Unit unit, TalkKind kind) {
  }

  record Scheduled(Date talkAt, String label) {
  }

  /** Starts a talk as the engine's current user, whose authorizations apply (the discipline commission's). */
  @Transactional
  public Started start(StartRequest request) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(Variables.UNIT_CODE, request.unitCode());
    variables.put(Variables.KIND, request.kind());
    variables.put(Variables.SUBJECT_USER_ID, request.subjectUserId());
    variables.put(Variables.CAUSE, request.cause());
    if (request.summonsRequestId() != null) {
      variables.put(Variables.SUMMONS_REQUEST_ID, request.summonsRequestId());
    }
    String id = runtimeService.startProcessInstanceByKey(TalkProcess.KEY, variables).getId();
    return new Started(talkIdOf(id), id);
  }

  /**
   * The escalation ladder requested a problem summons of a unit for its tasks that went red this month: start it,
   * taking up the request (the talk's start event does, {@link #register}; a request taken up before fails the
   * start, so it is started once). The ladder summons units only for their own work, never for a district body's.
   */
  @Transactional
  public void startSummons(SummonsRequested request) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(Variables.UNIT_CODE, request.unitCode());
    variables.put(Variables.KIND, TalkKind.PROBLEM_SUMMONS.name());
    variables.put(Variables.CAUSE, request.cause());
    variables.put(Variables.SUMMONS_REQUEST_ID, request.requestId());
    String id = runtimeService.startProcessInstanceByKey(TalkProcess.KEY, variables).getId();
    log.info("Problem summons of unit {} started for {} overdue task(s) (talk instance {})", request.unitCode(),
        request.taskCount(), id);
  }

  /**
   * Called by the start event of every talk, however it was started: checks the unit, the kind, the person talked
   * to (one of the unit's people) and the cause, and opens the talk's row; a summons request is taken up once.
   */
  @Transactional
  Registered register(Object unitValue, Object kindValue, Object subjectValue, Object causeValue,
      Object summonsRequestValue, String processInstanceId, String startedBy) {
    Unit unit = unit(unitValue);
    TalkKind kind = TalkKind.of(kindValue);
    if (kind == null) {
      throw new InvalidInputException("请选择谈话类型：廉政谈话、问题约谈或述责述廉");
    }
    String subject = text(subjectValue, 64, "谈话对象账号过长");
    if (subject != null && !holdsPostIn(subject, unit.code())) {
      throw new InvalidInputException("所选谈话对象不是" + unit.name() + "的人员");
    }
    String cause = required(text(causeValue, MAX_CAUSE, "谈话事由过长，最多" + MAX_CAUSE + "字"), "请写明谈话事由");
    Long summonsRequestId = summonsRequestValue instanceof Number number ? number.longValue() : null;
    // taken up in one statement when it is open and the unit's (every summons the ladder starts); why not, only then
    if (summonsRequestId != null && !summonsRequests.takeUp(summonsRequestId, unit.code())) {
      if (!unit.code().equals(summonsRequests.unitOf(summonsRequestId).orElse(null))) {
        throw new InvalidInputException("所选约谈建议不存在或不属于" + unit.name() + "，请从约谈建议中重新选择");
      }
      throw new InvalidInputException("该约谈建议已经启动约谈，不能重复启动");
    }
    try {
      long id = talks.insert(unit.code(), kind, subject, cause, summonsRequestId, processInstanceId, startedBy, now());
      return new Registered(id, unit, kind);
    } catch (DuplicateKeyException e) {
      throw new InvalidInputException("该约谈建议已经启动约谈，不能重复启动");
    }
  }

  /** The commission fixes time (not in the past), place and participants. */
  @Transactional
  Scheduled schedule(long talkId, Object timeValue, Object placeValue, Object participantsValue, Object subjectValue,
      String by) {
    Talk talk = talk(talkId);
    String subject = text(subjectValue, 64, "所选谈话对象有误");
    if (subject != null && !holdsPostIn(subject, talk.unitCode())) {
      throw new InvalidInputException("所选谈话对象不是" + unitName(talk.unitCode()) + "的人员");
    }
    OffsetDateTime at = FormInputs.dateTime(timeValue, clock.getZone(), "请填写谈话时间",
        "谈话时间格式不正确，例如 2026-12-01T09:30");
    if (at.isBefore(now())) {
      throw new InvalidInputException("谈话时间不能早于现在");
    }
    String place = required(text(placeValue, MAX_PLACE, "谈话地点过长，最多" + MAX_PLACE + "字"), "请填写谈话地点");
    String participants = required(text(participantsValue, MAX_PARTICIPANTS,
        "参加人员过长，最多" + MAX_PARTICIPANTS + "字"), "请填写参加人员");
    talks.scheduled(talkId, at, place, participants, subject, by);
    return new Scheduled(Date.from(at.toInstant()), LABEL.format(at.atZoneSameInstant(clock.getZone())));
  }

  /** Tells the unit's secretary and the person talked to; a retry after success tells nobody twice. */
  @Transactional
  public void notifyScheduled(long talkId) {
    Talk talk = talk(talkId);
    if (!talks.markNotified(talkId, now())) {
      return;
    }
    String unitName = unitName(talk.unitCode());
    String when = LABEL.format(talk.talkAt().atZoneSameInstant(clock.getZone()));
    String subject = "【谈话通知】" + unitName + talk.kindLabel();
    String body = "定于" + when + "在" + talk.place() + "开展" + talk.kindLabel() + "。事由：" + talk.cause()
        + "。参加人员：" + talk.participants() + "。请准时参加。";
    notifications.notifyGroup(groups.secretaryOf(talk.unitCode()), NotificationKind.TALK_SCHEDULED, subject, body,
        talk.unitCode(), null);
    if (talk.subjectUserId() != null) {
      notifications.notifyUser(talk.subjectUserId(), NotificationKind.TALK_SCHEDULED, subject, body,
          talk.unitCode(), null);
    }
  }

  /**
   * The commission records the talk: minutes (required) and commitments, each with a due date not in the past.
   * The talk goes into the unit's record manual as a talk entry.
   */
  @Transactional
  List<CommitmentRows.Row> hold(long talkId, Object minutesValue, List<CommitmentRows.Row> rows, String by,
      String processInstanceId, String lateReason) {
    Talk talk = talk(talkId);
    String minutes = required(text(minutesValue, MAX_MINUTES, "谈话记录过长，最多" + MAX_MINUTES + "字"),
        "请填写谈话记录");
    if (rows.size() > MAX_COMMITMENTS) {
      throw new InvalidInputException("整改承诺最多" + MAX_COMMITMENTS + "条");
    }
    List<CommitmentRows.Row> stored = new ArrayList<>();
    List<LocalDate> dues = new ArrayList<>();
    LocalDate today = LocalDate.now(clock);
    for (int i = 0; i < rows.size(); i++) {
      CommitmentRows.Row row = rows.get(i);
      String where = "第" + (i + 1) + "条承诺";
      String content = required(text(row == null ? null : row.content(), MAX_COMMITMENT,
          where + "过长，最多" + MAX_COMMITMENT + "字"), where + "：请填写承诺内容");
      LocalDate due = FormInputs.date(row.dueDate(), clock.getZone(), where + "：请填写完成期限",
          where + "：完成期限格式不正确，例如 2026-12-31");
      if (due.isBefore(today)) {
        throw new InvalidInputException(where + "：完成期限不能早于今天");
      }
      stored.add(new CommitmentRows.Row(content, due.toString()));
      dues.add(due);
    }
    List<TalkCommitmentsMade.Commitment> made = new ArrayList<>();
    for (int i = 0; i < stored.size(); i++) {
      long commitmentId = talks.insertCommitment(talkId, i + 1, stored.get(i).content(), dues.get(i));
      made.add(new TalkCommitmentsMade.Commitment(commitmentId, i + 1, stored.get(i).content(), dues.get(i)));
    }
    if (!made.isEmpty()) {
      events.publishEvent(new TalkCommitmentsMade(talkId, talk.unitCode(), talk.kindLabel() + "：" + talk.cause(),
          made));
    }
    OffsetDateTime now = now();
    OffsetDateTime occurred = talk.talkAt() != null && talk.talkAt().isBefore(now) ? talk.talkAt() : now;
    String summary = talk.kindLabel() + "：" + talk.cause() + "；地点：" + talk.place() + "；参加人员："
        + talk.participants() + "；作出整改承诺" + stored.size() + "条"
        + (talk.subjectUserId() == null ? ""
            : "；谈话对象：" + people.find(talk.subjectUserId()).map(person -> person.name()).orElse("（已离开）"));
    RecordEntry entry = manual.append(new NewEntry(talk.unitCode(), EntryKind.TALK, null, by == null ? "system" : by,
        occurred.toInstant(), summary, lateReason, processInstanceId, null, List.of()));
    talks.held(talkId, minutes, by, now, entry.seq());
    return stored;
  }

  /** The unit reports what it did about one commitment. */
  @Transactional
  String report(long commitmentId, Object reportValue, String by) {
    String report = required(text(reportValue, MAX_REPORT, "落实情况过长，最多" + MAX_REPORT + "字"), "请填写承诺落实情况");
    talks.reported(commitmentId, report, by, now());
    return report;
  }

  /** The commission verifies one commitment: carried out, or not yet (with a comment, back to the unit). */
  @Transactional
  CommitmentDecision verify(long commitmentId, Object decisionValue, Object commentValue, String by) {
    CommitmentDecision decision = CommitmentDecision.of(decisionValue);
    if (decision == null) {
      throw new InvalidInputException("请选择“已落实”或“未落实”");
    }
    String comment = text(commentValue, MAX_COMMENT, "核实意见过长，最多" + MAX_COMMENT + "字");
    if (decision == CommitmentDecision.NOT_YET) {
      required(comment, "未落实时请写明核实意见");
    }
    talks.verified(commitmentId, decision == CommitmentDecision.VERIFIED, comment, by, now());
    if (decision == CommitmentDecision.VERIFIED) {
      events.publishEvent(new TalkCommitmentFulfilled(commitmentId, by));
    }
    return decision;
  }

  @Transactional
  void close(long talkId) {
    talks.closed(talkId, now());
  }

  /** The talk's commitments, one follow-up each (the multi-instance sub-process's collection). */
  public List<Long> commitmentIdsOf(long talkId) {
    return talk(talkId).commitments().stream().map(Talk.Commitment::id).toList();
  }

  public String commitmentContentOf(long commitmentId) {
    return commitment(commitmentId).content();
  }

  /** The end of the commitment's due date in the district: its follow-up task's due date. */
  public Date commitmentDueOf(long commitmentId) {
    return Date.from(commitment(commitmentId).dueDate().atTime(LocalTime.of(23, 59, 59)).atZone(clock.getZone())
        .toInstant());
  }

  public String commitmentDueLabelOf(long commitmentId) {
    return DAY_LABEL.format(commitment(commitmentId).dueDate());
  }

  /** Read-only: every talk of the unit with its commitments, newest first (the report draft). */
  public List<Talk> talksOf(String unitCode) {
    return talks.ofUnit(unitCode);
  }

  /** The unit's talks, newest first, for its own people and district supervisors. */
  public List<Talk> visibleTalks(Official official, String unitCode) {
    if (!official.canSee(unitCode)) {
      throw new AccessDeniedException("Unit " + unitCode + " is not the caller's");
    }
    if (units.findByCode(unitCode).isEmpty()) {
      throw new NotFoundException("单位不存在或已撤销");
    }
    return talks.ofUnit(unitCode);
  }

  /** One talk, for the unit's own people and district supervisors. */
  public Talk visibleTalk(Official official, long talkId) {
    Talk talk = talk(talkId);
    if (!official.canSee(talk.unitCode())) {
      throw new AccessDeniedException("Talk " + talkId + " is not of the caller's unit");
    }
    return talk;
  }

  public Talk talk(long talkId) {
    return talks.find(talkId).orElseThrow(() -> new NotFoundException("谈话不存在"));
  }

  /** Whether one of the task's candidate groups is a group of the unit. */
  private long talkIdOf(String processInstanceId) {
    return jdbc.sql("select id from talks where process_instance_id = ?").param(processInstanceId)
        .query(Long.class).single();
  }

  private Talk.Commitment commitment(long id) {
    return talks.commitment(id).orElseThrow(() -> new NotFoundException("谈话承诺不存在"));
  }

  /** Whether the person (who has not left) holds a post in the unit. */
  private boolean holdsPostIn(String userId, String unitCode) {
    return people.find(userId).map(person -> person.unitCodes().contains(unitCode)).orElse(false);
  }

  private String unitName(String unitCode) {
    return units.findByCode(unitCode).map(Unit::name).orElse(unitCode);
  }

  private Unit unit(Object value) {
    if (!(value instanceof String code) || code.isBlank()) {
      throw new InvalidInputException("请指定单位");
    }
    Unit unit = units.findByCode(code.strip())
        .orElseThrow(() -> new InvalidInputException("没有这个单位，请从列表中选择单位"));
    if (!unit.active()) {
      throw new InvalidInputException(unit.name() + "已撤销，不能发起谈话");
    }
    return unit;
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock);
  }
}
