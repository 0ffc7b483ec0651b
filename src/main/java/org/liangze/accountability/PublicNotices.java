package org.liangze.accountability;

import static org.liangze.platform.FormInputs.required;
import static org.liangze.platform.FormInputs.text;

import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitRepository;
import org.liangze.platform.InvalidInputException;
import org.liangze.platform.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Public notification of a typical case (通报曝光): the platform's draft names each leader by an alias (张三丰 →
 * 张某某; two leaders whose aliases would coincide, 张伟 and 张强, become 张某甲 and 张某乙), stored with the case;
 * the text with real names is restored from that mapping, alias by alias, never by guessing.
 */
@Service
public class PublicNotices {

  static final int MAX_NOTIFICATION = 8000;
  static final int MAX_TEXT = 2000;
  private static final String ORDINALS = "甲乙丙丁戊己庚辛壬癸";

  private final AccountabilityRepository cases;
  private final UnitRepository units;
  private final JdbcClient jdbc;
  private final Clock clock;

  PublicNotices(AccountabilityRepository cases, UnitRepository units, JdbcClient jdbc, Clock clock) {
    this.cases = cases;
    this.units = units;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  record Draft(String title, String text) {
  }

  /** The draft: every leader under an alias of the case (stored), measures in force only. */
  @Transactional
  public Draft draft(long caseId) {
    AccountabilityCase found = cases.findCase(caseId).orElseThrow(() -> new NotFoundException("问责案件不存在"));
    Map<String, String> aliases = assignAliases(caseId);
    String unitName = units.findByCode(found.unitCode()).map(Unit::name).orElse(found.unitCode());
    StringBuilder text = new StringBuilder("经查，" + unitName + "存在以下问题：" + found.cause()
        + "。依据《中国共产党问责条例》，经区委审定，对相关责任主体作出如下处理：\n");
    for (CaseMeasure m : cases.measures(caseId)) {
      if (!m.inForce()) {
        continue;
      }
      String name = "LEADER".equals(m.subjectKind()) ? aliases.get(m.subjectName()) : m.subjectName();
      text.append("· ").append(name).append("（").append("MAIN".equals(m.responsibility()) ? "主体责任" : "监督责任")
          .append("）：").append(m.finalMeasure()).append("。\n");
    }
    text.append("各单位要引以为戒，切实扛起管党治党政治责任。");
    return new Draft("关于" + unitName + "问责典型案例的通报", text.toString());
  }

  /** Real name → alias for the case's leaders, stored once (a second draft keeps the first aliases). */
  Map<String, String> assignAliases(long caseId) {
    Map<String, String> stored = aliases(caseId).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey, (a, b) -> a, LinkedHashMap::new));
    List<String> leaders = cases.subjects(caseId).stream().filter(CaseSubject::leader).map(CaseSubject::name)
        .distinct().toList();
    if (leaders.stream().allMatch(stored::containsKey)) {
      return stored;
    }
    Map<String, List<String>> byRedaction = leaders.stream()
        .collect(Collectors.groupingBy(PublicNotices::redact, LinkedHashMap::new, Collectors.toList()));
    Map<String, String> aliases = new LinkedHashMap<>();
    byRedaction.forEach((redacted, names) -> {
      for (int i = 0; i < names.size(); i++) {
        aliases.put(names.get(i), names.size() == 1 ? redacted
            : redacted + (i < ORDINALS.length() ? String.valueOf(ORDINALS.charAt(i)) : String.valueOf(i + 1)));
      }
    });
    jdbc.sql("delete from notice_aliases where case_id = ?").param(caseId).update();
    aliases.forEach((real, alias) -> jdbc.sql("insert into notice_aliases (case_id, alias, real_name) values (?, ?, ?)")
        .params(caseId, alias, real).update());
    return aliases;
  }

  /** Alias → real name, as stored for the case. */
  Map<String, String> aliases(long caseId) {
    Map<String, String> aliases = new LinkedHashMap<>();
    jdbc.sql("select alias, real_name from notice_aliases where case_id = ? order by alias").param(caseId)
        .query((rs, row) -> aliases.put(rs.getString(1), rs.getString(2))).list();
    return aliases;
  }

  /** 张三丰 → 张某某, 李四 → 李某: the surname stays, every other character becomes 某. */
  static String redact(String name) {
    String stripped = name.strip();
    if (stripped.length() <= 1) {
      return "某";
    }
    return stripped.charAt(0) + "某".repeat(stripped.length() - 1);
  }

  /** The text with every alias of the mapping replaced by its real name (longest alias first, in one pass). */
  static String restore(String text, Map<String, String> aliases) {
    if (aliases.isEmpty()) {
      return text;
    }
    Pattern pattern = Pattern.compile(aliases.keySet().stream().sorted(Comparator.comparingInt(String::length)
        .reversed()).map(Pattern::quote).collect(Collectors.joining("|")));
    Matcher matcher = pattern.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(out, Matcher.quoteReplacement(aliases.get(matcher.group())));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /**
   * The commission's edited draft: it must not name a leader (aliases are used); the text with real names is
   * restored from the stored mapping and kept apart, for the committee to approve or not.
   */
  @Transactional
  public void saveDraft(long caseId, String title, String text, String by) {
    String cleanTitle = required(text(title, 200, "标题过长，最多200字"), "请填写通报标题");
    String redacted = required(text(text, MAX_NOTIFICATION, "通报正文过长，最多" + MAX_NOTIFICATION + "字"), "请填写通报正文");
    Map<String, String> aliases = aliases(caseId);
    if (aliases.isEmpty()) {
      aliases = assignAliases(caseId).entrySet().stream()
          .collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));
    }
    for (Map.Entry<String, String> alias : aliases.entrySet()) {
      String name = alias.getValue();
      if (name.length() > 1 && (redacted.contains(name) || cleanTitle.contains(name))) {
        throw new InvalidInputException("通报稿不得出现真实姓名（应为" + alias.getKey() + "），请使用化名");
      }
    }
    cases.saveDraft(caseId, cleanTitle, redacted, restore(redacted, aliases), by);
  }

  /** The committee approves the draft (optionally with real names) or rejects it with a reason. */
  @Transactional
  public String decide(long caseId, Object decision, Object realNames, String comment, String by) {
    String text = text(comment, MAX_TEXT, "意见过长，最多" + MAX_TEXT + "字");
    if ("APPROVE".equals(decision)) {
      cases.decideNotification(caseId, "APPROVED", Boolean.TRUE.equals(realNames), by, null);
    } else if ("REJECT".equals(decision)) {
      cases.decideNotification(caseId, "REJECTED", false, by, required(text, "不同意公开通报时请写明理由"));
    } else {
      throw new InvalidInputException("请选择“同意公开通报”或“不同意公开通报”");
    }
    return (String) decision;
  }

  /** Publishes an approved notification (idempotent). */
  @Transactional
  public void publish(long caseId) {
    cases.publish(caseId, clock.instant());
  }

  /** Published notifications, for every logged-in user of the district. */
  public List<PublicNotification> published() {
    return cases.published();
  }

  public Map<String, Object> statusOf(long caseId) {
    return Map.of("status", cases.notificationStatus(caseId).orElse("NONE"));
  }
}
