package org.liangze.support;

import java.util.HashMap;
import java.util.Map;

/** A row of an accountability investigation's subject list, as the investigation forms submit it. */
public final class CaseSubjects {

  private CaseSubjects() {
  }

  public static Map<String, Object> subject(String name, String kind, String tier, String severity,
      boolean lightening, boolean aggravating, boolean repeat) {
    Map<String, Object> row = new HashMap<>();
    row.put("name", name);
    row.put("kind", kind);
    row.put("tier", tier);
    row.put("severity", severity);
    row.put("lightening", lightening);
    row.put("aggravating", aggravating);
    row.put("repeat", repeat);
    return row;
  }
}
