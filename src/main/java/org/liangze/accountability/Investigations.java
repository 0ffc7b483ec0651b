package org.liangze.accountability;

import static org.liangze.platform.FormInputs.oneOf;
import static org.liangze.platform.FormInputs.required;
import static org.liangze.platform.FormInputs.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.liangze.platform.FormInputs;
import org.liangze.platform.InvalidInputException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The dual investigation (一案双查): each investigation's facts, findings, evidence and subjects, checked and stored. */
@Service
public class Investigations {

  static final int MAX_TEXT = 2000;

  private final AccountabilityRepository cases;
  private final ObjectMapper json;
  private final IdentityService identity;

  Investigations(AccountabilityRepository cases, ObjectMapper json, IdentityService identity) {
    this.cases = cases;
    this.json = json;
    this.identity = identity;
  }

  /**
   * The unit's leading people with a platform login (secretary, team members, discipline inspector), as the
   * investigation forms offer them for a leader subject: a name and post to choose, never a login to type.
   */
  public org.camunda.bpm.engine.variable.value.TypedValue peopleOf(String unitCode) {
    java.util.Map<String, String> people = new java.util.LinkedHashMap<>();
    for (org.liangze.organisation.Role role : List.of(org.liangze.organisation.Role.SECRETARY,
        org.liangze.organisation.Role.TEAM_MEMBER, org.liangze.organisation.Role.INSPECTOR)) {
      identity.createUserQuery().memberOfGroup(org.liangze.organisation.Groups.of(role, unitCode)).orderByUserId()
          .asc().list().forEach(user -> people.putIfAbsent(user.getId(),
              (blank(user.getLastName()) + blank(user.getFirstName())).strip() + "（" + role.label() + "）"));
    }
    return FormInputs.jsonVariable(json, people.entrySet().stream()
        .map(person -> java.util.Map.of("label", person.getValue(), "value", person.getKey())).toList());
  }

  private static String blank(String text) {
    return text == null ? "" : text;
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  record SubjectRow(String name, String userId, String kind, String tier, String severity, String grounds,
      Boolean suspectedCrime, String finding) {
  }

  static final Set<String> GROUNDS = java.util.Arrays.stream(Grounds.values()).map(Grounds::name)
      .collect(java.util.stream.Collectors.toSet());

  /**
   * One investigation: its facts, findings and evidence, and its subjects, each named, with a kind, a tier (a
   * leader only), a severity, the grounds to lighten, reduce, aggravate, not hold accountable or exempt, whether an
   * offence is suspected, and the responsibility found; stored for the case.
   */
  @Transactional
  public List<CaseSubject> recordInvestigation(long caseId, String responsibility, String facts, String findings,
      String evidence, Object value, String by) {
    String label = "MAIN".equals(responsibility) ? "主体责任调查" : "监督责任调查";
    String cleanFacts = required(text(facts, 4000, label + "：调查事实过长，最多4000字"), label + "：请写明调查认定的事实");
    String cleanFindings = required(text(findings, 4000, label + "：调查结论过长，最多4000字"), label + "：请写明调查结论");
    String cleanEvidence = text(evidence, 4000, label + "：证据材料说明过长，最多4000字");
    List<SubjectRow> rows = FormInputs.rows(json, value, SubjectRow.class, label + "的问责对象格式不正确，请在表单中逐项填写");
    if (rows.isEmpty()) {
      throw new InvalidInputException(label + "：请至少填写一个问责对象（党组织或领导干部）");
    }
    List<CaseSubject> subjects = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      SubjectRow row = rows.get(i);
      String where = label + "第" + (i + 1) + "个对象";
      if (row == null || row.name() == null || row.name().isBlank()) {
        throw new InvalidInputException(where + "：请填写名称或姓名");
      }
      if (row.name().strip().length() > 100) {
        throw new InvalidInputException(where + "：名称过长，最多100字");
      }
      String kind = oneOf(row.kind(), Set.of("ORGANISATION", "LEADER"), where + "：请选择党组织或领导干部");
      String tier = null;
      if ("LEADER".equals(kind)) {
        tier = oneOf(row.tier(), Set.of("PRINCIPAL", "IMPORTANT"), where + "：请选择领导责任（主要领导责任或重要领导责任）");
      }
      String severity = oneOf(row.severity(), Set.of("MINOR", "SERIOUS", "GRAVE"), where + "：请选择情节轻重");
      String grounds = row.grounds() == null || row.grounds().isBlank() ? Grounds.NONE.name()
          : oneOf(row.grounds(), GROUNDS, where + "：请选择从轻、减轻、从重、加重、不予问责或免予问责情节");
      String finding = text(row.finding(), MAX_TEXT, where + "：应负责任的认定过长，最多" + MAX_TEXT + "字");
      String userId = "LEADER".equals(kind) && row.userId() != null && !row.userId().isBlank() ? row.userId().strip()
          : null;
      if (userId != null && identity.createUserQuery().userId(userId).count() == 0) {
        throw new InvalidInputException(where + "：所选领导干部没有平台账号");
      }
      subjects.add(new CaseSubject(null, responsibility, row.name().strip(), userId, kind, tier, severity, grounds,
          "LEADER".equals(kind) && Boolean.TRUE.equals(row.suspectedCrime()), finding));
    }
    cases.saveInvestigation(caseId, responsibility, cleanFacts, cleanFindings, cleanEvidence, by);
    cases.replaceSubjects(caseId, responsibility, subjects);
    return subjects;
  }

}
