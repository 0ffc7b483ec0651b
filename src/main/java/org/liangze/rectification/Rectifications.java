package org.liangze.rectification;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import org.liangze.organisation.Official;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitRepository;
import org.liangze.platform.InvalidInputException;
import org.liangze.platform.NotFoundException;
import org.liangze.record.EvidenceReferences;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rectifications (整改): opened by whatever process calls the rectification sub-process, planned by the unit
 * secretary, carried out and evidenced by the unit's staff, verified by the discipline commission. Each step checks
 * its input and stores it in the same transaction as the task's completion.
 */
@Service
public class Rectifications {

  static final int MAX_SUBJECT = 2000;
  static final int MAX_CAUSE = 500;
  static final int MAX_TEXT = 4000;
  static final int MAX_COMMENT = 2000;

  private final RectificationRepository repository;
  private final UnitRepository units;
  private final EvidenceReferences evidence;
  private final Clock clock;

  Rectifications(RectificationRepository repository, UnitRepository units, EvidenceReferences evidence, Clock clock) {
    this.repository = repository;
    this.units = units;
    this.evidence = evidence;
    this.clock = clock;
  }

  record Opened(long id, Unit unit, String subject, String cause, LocalDate deadline, Date deadlineDue) {
  }

  /** Checks the caller's inputs and opens the rectification. */
  @Transactional
  Opened open(Object unitValue, Object subjectValue, Object causeValue, Object deadlineValue, String sourceKey,
      String processInstanceId) {
    if (!(unitValue instanceof String code) || code.isBlank()) {
      throw new InvalidInputException("整改：请指定单位");
    }
    Unit unit = units.findByCode(code.strip())
        .orElseThrow(() -> new InvalidInputException("整改：单位不存在：" + code.strip()));
    String subject = required(subjectValue, MAX_SUBJECT, "整改要求");
    String cause = required(causeValue, MAX_CAUSE, "整改缘由");
    LocalDate deadline = date(deadlineValue);
    long id = repository.insert(unit.code(), subject, cause, sourceKey, deadline, processInstanceId, now());
    Date due = Date.from(deadline.atTime(LocalTime.of(23, 59, 59)).atZone(clock.getZone()).toInstant());
    return new Opened(id, unit, subject, cause, deadline, due);
  }

  @Transactional
  String plan(long id, Object planValue) {
    String plan = required(planValue, MAX_TEXT, "整改方案");
    repository.planned(id, plan, now());
    return plan;
  }

  @Transactional
  void report(long id, String unitCode, Object reportValue, String evidenceText, String recordsText) {
    String report = required(reportValue, MAX_TEXT, "整改落实情况");
    EvidenceReferences.Cited cited = evidence.cite(unitCode, "整改佐证", evidenceText, recordsText);
    if (cited.isEmpty()) {
      throw new InvalidInputException("请提供整改佐证：上传的佐证材料编号或纪实手册记录序号");
    }
    repository.reported(id, report, cited.filesText(), cited.entriesText(), now());
  }

  @Transactional
  VerificationDecision verify(long id, Object decisionValue, Object commentValue, String by) {
    VerificationDecision decision = null;
    for (VerificationDecision candidate : VerificationDecision.values()) {
      if (candidate.name().equals(decisionValue)) {
        decision = candidate;
      }
    }
    if (decision == null) {
      throw new InvalidInputException("请选择“验收通过”或“整改未到位”");
    }
    String comment = optional(commentValue, MAX_COMMENT, "验收意见");
    switch (decision) {
      case VERIFIED -> repository.verified(id, comment, by, now());
      case NOT_YET -> {
        if (comment == null) {
          throw new InvalidInputException("整改未到位时请写明验收意见");
        }
        repository.notYet(id, comment);
      }
    }
    return decision;
  }

  public Rectification rectification(long id) {
    return repository.find(id).orElseThrow(() -> new NotFoundException("整改不存在：" + id));
  }

  /** Read-only: every rectification of the unit (the report draft). */
  public List<Rectification> rectificationsOf(String unitCode) {
    return repository.ofUnit(unitCode);
  }

  /** The unit's rectifications, for its own people and district supervisors. */
  public List<Rectification> visibleRectifications(Official official, String unitCode) {
    if (!official.canSee(unitCode)) {
      throw new AccessDeniedException("Unit " + unitCode + " is not the caller's");
    }
    return repository.ofUnit(unitCode);
  }

  private LocalDate date(Object value) {
    try {
      if (value instanceof LocalDate date) {
        return date;
      }
      if (value instanceof Date legacy) {
        return legacy.toInstant().atZone(clock.getZone()).toLocalDate();
      }
      if (value instanceof String text && !text.isBlank()) {
        String trimmed = text.strip();
        return LocalDate.parse(trimmed.length() > 10 ? trimmed.substring(0, 10) : trimmed);
      }
    } catch (DateTimeParseException e) {
      throw new InvalidInputException("整改期限格式不正确，例如 2026-12-31");
    }
    throw new InvalidInputException("请填写整改期限");
  }

  private static String required(Object value, int max, String label) {
    String text = optional(value, max, label);
    if (text == null) {
      throw new InvalidInputException("请填写" + label);
    }
    return text;
  }

  private static String optional(Object value, int max, String label) {
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    String text = value.toString().strip();
    if (text.length() > max) {
      throw new InvalidInputException(label + "过长，最多" + max + "字");
    }
    return text;
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock);
  }
}
