package org.liangze.accountability;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The vocabulary of the Regulations' measures (article 8), as the committee may choose them when it puts another
 * measure in place of the proposal: which measures apply to whom, and the forms (四种形态) each can take. What a subject
 * deserves and how long its consequences last are the decision tables' business, not this class's.
 */
public final class Measures {

  /** What a row of the measures table is. */
  public enum Category {
    /** A measure of the Regulations. */
    MEASURE,
    /** 移送监察机关: a suspected offence referred to the supervisory organs, no measure of accountability. */
    REFERRAL,
    /** 不予问责 / 免予问责. */
    EXEMPTION
  }

  public static final Set<String> ORGANISATION_MEASURES = Set.of("检查", "通报", "改组");
  public static final Set<String> LEADER_MEASURES = Set.of("通报", "诫勉", "组织调整或组织处理", "纪律处分");
  public static final String REFERRAL = "移送监察机关";
  /** The measures of each kind of subject from the lightest to the heaviest, in the order article 8 lists them. */
  static final List<String> ORGANISATION_SEVERITY = List.of("检查", "通报", "改组");
  static final List<String> LEADER_SEVERITY = List.of("通报", "诫勉", "组织调整或组织处理", "纪律处分");

  /** The forms a measure can take: the first is its own when it has only one. */
  static final Map<String, Set<Integer>> FORMS = Map.of("检查", Set.of(1), "通报", Set.of(1), "改组", Set.of(2),
      "诫勉", Set.of(1), "组织调整或组织处理", Set.of(2, 3), "纪律处分", Set.of(2, 3), REFERRAL, Set.of(4));

  private Measures() {
  }

  static Set<String> allowedFor(String subjectKind) {
    return "LEADER".equals(subjectKind) ? LEADER_MEASURES : ORGANISATION_MEASURES;
  }

  /**
   * Whether a measure is heavier than another for this kind of subject: a higher form (四种形态), or the same form and
   * later in article 8's order. An appeal may not make a measure heavier (不得因申诉而加重处理).
   */
  static boolean heavier(String subjectKind, String measure, int form, String than, Integer thanForm) {
    // a measure decided before forms were recorded: its only form, else article 8's order alone
    Integer known = thanForm != null ? thanForm : formOf(than, null);
    if (known != null && form != known) {
      return form > known;
    }
    List<String> order = "LEADER".equals(subjectKind) ? LEADER_SEVERITY : ORGANISATION_SEVERITY;
    return order.indexOf(measure) > order.indexOf(than);
  }

  /** The form of a chosen measure: the one given if the measure can take it, its only form, else null. */
  static Integer formOf(String measure, Integer requested) {
    Set<Integer> forms = FORMS.get(measure);
    if (forms == null) {
      return null;
    }
    if (requested != null && forms.contains(requested)) {
      return requested;
    }
    return forms.size() == 1 ? forms.iterator().next() : null;
  }

  static String formLabel(Integer form) {
    return form == null ? "" : switch (form) {
      case 1 -> "第一种形态";
      case 2 -> "第二种形态";
      case 3 -> "第三种形态";
      case 4 -> "第四种形态";
      default -> "";
    };
  }
}
