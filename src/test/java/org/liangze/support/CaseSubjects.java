package org.liangze.support;

import java.util.HashMap;
import java.util.Map;

/** Rows of an accountability investigation, as the investigation forms submit them. */
public final class CaseSubjects {

  private CaseSubjects() {
  }

  /**
   * A subject: a Party organisation (tier null) or a leader (PRINCIPAL or IMPORTANT), its severity and its grounds
   * (NONE, LIGHTER, REDUCED, HEAVIER, AGGRAVATED, NOT_ACCOUNTABLE, EXEMPT).
   */
  public static Map<String, Object> subject(String name, String kind, String tier, String severity, String grounds) {
    Map<String, Object> row = new HashMap<>();
    row.put("name", name);
    row.put("kind", kind);
    row.put("tier", tier);
    row.put("severity", severity);
    row.put("grounds", grounds);
    row.put("suspectedCrime", false);
    row.put("finding", name + "未认真履行职责，负有责任");
    return row;
  }

  /**
   * The completion of an investigation (prefix "main" or "supervisory"): facts, findings and evidence, and the
   * subjects (as the form's dynamic list value).
   */
  public static Map<String, Object> investigation(String prefix, Object subjects) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(prefix + "Facts", "经调查，该单位未按要求落实相关责任。");
    variables.put(prefix + "Findings", "存在失职失责问题，应予问责。");
    variables.put(prefix + "Evidence", "谈话笔录2份，纪实手册记录");
    variables.put(prefix + "Subjects", subjects);
    return variables;
  }
}
