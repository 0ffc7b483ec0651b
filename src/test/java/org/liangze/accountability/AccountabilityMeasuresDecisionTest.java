package org.liangze.accountability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code processes/accountability-measures.dmn}, table-driven on the real file: each row of the first table gives a
 * subject's facts and every measure (with its category's form) the measures table must propose — no more, no fewer
 * (COLLECT: measures combine); each row of the second gives a final measure and form and the one period of
 * consequences the period table gives it. Together the rows make every rule of both tables fire, which the last
 * check proves.
 */
class AccountabilityMeasuresDecisionTest {

  static final Path TABLE = Path.of("processes/accountability-measures.dmn");
  static DmnEngine engine;
  static DmnDecision measures;
  static DmnDecision periods;
  static final Set<String> fired = new TreeSet<>();
  static final Set<String> rules = new TreeSet<>();

  @BeforeAll
  static void parse() throws IOException {
    DmnDecisionTableEvaluationListener listener = (DmnDecisionTableEvaluationEvent event) ->
        event.getMatchingRules().stream().map(DmnEvaluatedDecisionRule::getId).forEach(fired::add);
    DefaultDmnEngineConfiguration configuration =
        (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    configuration.customPostDecisionTableEvaluationListeners(List.of(listener));
    engine = configuration.buildEngine();
    try (InputStream in = Files.newInputStream(TABLE)) {
      measures = engine.parseDecision(AccountabilityProcess.DECISION_KEY, in);
    }
    try (InputStream in = Files.newInputStream(TABLE)) {
      periods = engine.parseDecision(AccountabilityProcess.PERIOD_DECISION_KEY, in);
    }
    Matcher rule = Pattern.compile("<rule id=\"([^\"]+)\"").matcher(Files.readString(TABLE));
    while (rule.find()) {
      rules.add(rule.group(1));
    }
  }

  @ParameterizedTest(name = "{0} {1} {2} {3} crime={4} → {5}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      # kind       | tier      | severity | grounds         | crime | expected measure/form (exemptions: no form)
      ORGANISATION | -         | MINOR    | NONE            | false | 检查/1
      ORGANISATION | -         | MINOR    | LIGHTER         | false | 检查/1
      ORGANISATION | -         | MINOR    | HEAVIER         | false | 通报/1
      ORGANISATION | -         | MINOR    | AGGRAVATED      | true  | 通报/1
      ORGANISATION | -         | SERIOUS  | NONE            | false | 通报/1
      ORGANISATION | -         | SERIOUS  | REDUCED         | false | 检查/1
      ORGANISATION | -         | SERIOUS  | AGGRAVATED      | false | 改组/2
      ORGANISATION | -         | GRAVE    | NONE            | false | 改组/2
      ORGANISATION | -         | GRAVE    | REDUCED         | false | 通报/1
      ORGANISATION | -         | GRAVE    | NOT_ACCOUNTABLE | false | 不予问责/-
      ORGANISATION | -         | SERIOUS  | EXEMPT          | false | 免予问责/-
      LEADER       | IMPORTANT | MINOR    | NONE            | false | 通报/1
      LEADER       | PRINCIPAL | MINOR    | REDUCED         | false | 通报/1
      LEADER       | IMPORTANT | MINOR    | HEAVIER         | false | 诫勉/1
      LEADER       | IMPORTANT | MINOR    | AGGRAVATED      | false | 诫勉/1 组织调整或组织处理/2
      LEADER       | PRINCIPAL | SERIOUS  | NONE            | false | 诫勉/1
      LEADER       | IMPORTANT | SERIOUS  | LIGHTER         | false | 诫勉/1
      LEADER       | IMPORTANT | SERIOUS  | REDUCED         | false | 通报/1
      LEADER       | PRINCIPAL | SERIOUS  | HEAVIER         | false | 组织调整或组织处理/2
      LEADER       | IMPORTANT | SERIOUS  | AGGRAVATED      | false | 组织调整或组织处理/2 纪律处分/2
      LEADER       | PRINCIPAL | GRAVE    | NONE            | false | 纪律处分/2 组织调整或组织处理/3
      LEADER       | IMPORTANT | GRAVE    | NONE            | false | 纪律处分/2 组织调整或组织处理/2
      LEADER       | PRINCIPAL | GRAVE    | LIGHTER         | false | 纪律处分/2 组织调整或组织处理/2
      LEADER       | IMPORTANT | GRAVE    | LIGHTER         | false | 纪律处分/2
      LEADER       | PRINCIPAL | GRAVE    | HEAVIER         | false | 纪律处分/3 组织调整或组织处理/3
      LEADER       | IMPORTANT | GRAVE    | AGGRAVATED      | false | 纪律处分/3 组织调整或组织处理/2
      LEADER       | PRINCIPAL | GRAVE    | REDUCED         | false | 诫勉/1
      LEADER       | PRINCIPAL | GRAVE    | HEAVIER         | true  | 纪律处分/3 组织调整或组织处理/3 移送监察机关/4
      LEADER       | IMPORTANT | MINOR    | NONE            | true  | 通报/1 移送监察机关/4
      LEADER       | IMPORTANT | SERIOUS  | NOT_ACCOUNTABLE | false | 不予问责/-
      LEADER       | PRINCIPAL | GRAVE    | EXEMPT          | true  | 免予问责/- 移送监察机关/4
      """)
  void proposesExactlyTheMeasuresOfTheRulesMeantForTheInputs(String kind, String tier, String severity,
      String grounds, boolean crime, String expected) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("subjectKind", kind);
    inputs.put("tier", tier);
    inputs.put("severity", severity);
    inputs.put("grounds", grounds);
    inputs.put("suspectedCrime", crime);
    DmnDecisionResult results = engine.evaluateDecision(measures, inputs);
    List<String> proposed = results.stream()
        .map(r -> r.get("measure") + "/" + (r.get("form") == null ? "-" : r.get("form"))).sorted().toList();
    assertThat(proposed).containsExactlyElementsOf(Arrays.stream(expected.split(" ")).sorted().toList());
    for (DmnDecisionResultEntries result : results) {
      String measure = result.getEntry("measure");
      String category = result.getEntry("category");
      assertThat((String) result.getEntry("note")).isNotBlank();
      switch (Measures.Category.valueOf(category)) {
        case MEASURE -> {
          // only the Regulations' measures for the subject's kind, each in a form it can take
          assertThat(Measures.allowedFor(kind)).contains(measure);
          assertThat(Measures.FORMS.get(measure)).contains(((Number) result.getEntry("form")).intValue());
        }
        case REFERRAL -> {
          // a referral of its own, for persons only, the fourth form, never labelled a disciplinary penalty
          assertThat(kind).isEqualTo("LEADER");
          assertThat(measure).isEqualTo(Measures.REFERRAL);
          assertThat(((Number) result.getEntry("form")).intValue()).isEqualTo(4);
        }
        case EXEMPTION -> {
          assertThat(measure).isIn(Grounds.NOT_ACCOUNTABLE.label(), Grounds.EXEMPT.label());
          assertThat(result.getEntryMap().get("form")).isNull();
        }
      }
    }
  }

  @ParameterizedTest(name = "{0} form {1} → {2} months")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      # measure         | form | months
      检查               | 1    | -
      通报               | 1    | -
      改组               | 2    | -
      诫勉               | 1    | 6
      组织调整或组织处理    | 2    | 12
      组织调整或组织处理    | 3    | 24
      纪律处分            | 2    | 12
      纪律处分            | 3    | 24
      移送监察机关         | 4    | -
      """)
  void givesEachFinalMeasureItsOnePeriodOfConsequences(String measure, int form, Integer months) {
    DmnDecisionResult result = engine.evaluateDecision(periods, Map.of("measure", measure, "form", form));
    if (months == null) {
      assertThat(result).isEmpty();
    } else {
      assertThat(((Number) result.getSingleResult().getEntry("consequenceMonths")).intValue()).isEqualTo(months);
      assertThat((String) result.getSingleResult().getEntry("periodNote")).isNotBlank();
    }
  }

  @Test
  void aTierIsAskedOfPersonsOnly() {
    // a Party organisation is judged without a tier; a leader's tier only matters where the Regulations make it
    Map<String, Object> organisation = new HashMap<>(Map.of("subjectKind", "ORGANISATION", "severity", "GRAVE",
        "grounds", "NONE", "suspectedCrime", false));
    organisation.put("tier", null);
    assertThat(engine.evaluateDecision(measures, organisation).collectEntries("measure")).containsExactly("改组");
  }

  @AfterAll
  static void everyRuleFired() {
    assertThat(rules).hasSize(28);
    assertThat(fired).isEqualTo(rules);
  }
}
