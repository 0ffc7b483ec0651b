package org.liangze.record;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.liangze.lists.ListService;
import org.liangze.organisation.Official;
import org.liangze.platform.FormInputs;
import org.liangze.platform.InvalidInputException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Entries a unit's people write themselves: meetings, study sessions, talks, inspections, with evidence files.
 * Supervisors read the manual but never write into it. An entry recorded long after the fact needs a reason —
 * late records are accepted, not locked out, because locking entry after a deadline only invites invented ones.
 */
@Service
public class ManualEntries {

  static final int MAX_SUMMARY = 2000;
  static final int MAX_REASON = 1000;
  /** Tolerance for clocks of the people's devices when an entry says it happened "now". */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private final RecordManual manual;
  private final EvidenceFiles evidence;
  private final ListService lists;
  private final RecordProperties properties;
  private final Clock clock;

  ManualEntries(RecordManual manual, EvidenceFiles evidence, ListService lists, RecordProperties properties,
      Clock clock) {
    this.manual = manual;
    this.evidence = evidence;
    this.lists = lists;
    this.properties = properties;
    this.clock = clock;
  }

  public record Request(EntryKind kind, Long listItemId, Instant occurredAt, String summary, String lateReason,
      List<String> evidence) {
  }

  @Transactional
  public RecordEntry add(Official official, String unitCode, Request request) {
    if (!official.unitCodes().contains(unitCode)) {
      throw new AccessDeniedException(official.userId() + " is not a member of unit " + unitCode);
    }
    if (request.kind() == null || !request.kind().isManual()) {
      throw new InvalidInputException("请选择记录类型：会议、学习、谈话、检查或其他");
    }
    String summary = text(request.summary(), MAX_SUMMARY);
    if (summary == null) {
      throw new InvalidInputException("请填写履责情况摘要");
    }
    Instant now = clock.instant();
    if (request.occurredAt() == null) {
      throw new InvalidInputException("请填写履责时间");
    }
    if (request.occurredAt().isAfter(now.plus(CLOCK_SKEW))) {
      throw new InvalidInputException("履责时间不能晚于当前时间");
    }
    String lateReason = text(request.lateReason(), MAX_REASON);
    if (request.occurredAt().isBefore(now.minus(Duration.ofDays(properties.lateEntryDays()))) && lateReason == null) {
      throw new InvalidInputException("该记录补录于履责" + properties.lateEntryDays() + "天之后，请说明补录原因");
    }
    if (request.listItemId() != null && !lists.isItemOf(request.listItemId(), unitCode)) {
      throw new InvalidInputException("所选清单事项不属于本单位");
    }
    List<String> files = request.evidence() == null ? List.of() : request.evidence().stream().distinct().toList();
    evidence.attach(files, unitCode);
    RecordEntry entry = manual.append(new NewEntry(unitCode, request.kind(), request.listItemId(), official.userId(),
        request.occurredAt(), summary, lateReason, null, null, files));
    return entry;
  }

  private static String text(String value, int max) {
    return FormInputs.text(value, max, "内容过长，最多" + max + "字");
  }

}
