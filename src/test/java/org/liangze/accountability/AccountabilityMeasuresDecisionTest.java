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
import java.util.stream.Collectors;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code processes/accountability-measures.dmn}, table-driven: each row gives a subject's facts and every measure
 * (with its form) the table must propose — no more, no fewer; measures combine (COLLECT). Together the rows make
 * every rule of the table fire, which the last check proves.
 */
class AccountabilityMeasuresDecisionTest {

  static final Path TABLE = Path.of("processes/accountability-measures.dmn");
  static DmnEngine engine;
  static DmnDecision decision;
  static final Set<String> fired = new TreeSet<>();
  static int rules;

  @BeforeAll
  static void parse() throws IOException {
    DmnDecisionTableEvaluationListener listener = (DmnDecisionTableEvaluationEvent event) ->
        event.getMatchingRules().stream().map(DmnEvaluatedDecisionRule::getId).forEach(fired::add);
    DefaultDmnEngineConfiguration configuration =
        (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    configuration.customPostDecisionTableEvaluationListeners(List.of(listener));
    engine = configuration.buildEngine();
    try (InputStream in = Files.newInputStream(TABLE)) {
      decision = engine.parseDecision(AccountabilityProcess.DECISION_KEY, in);
    }
    rules = (int) Files.readString(TABLE).lines().filter(line -> line.contains("<rule id=")).count();
  }

  @ParameterizedTest(name = "{0} {1} {2} {3} lightening={4} aggravating={5} repeat={6} → {7}")
  @CsvSource(delimiter = '|', textBlock = """
      # kind       | resp        | tier      | severity | light | aggr  | repeat | expected measures/form
      ORGANISATION | MAIN        | OVERALL   | MINOR    | false | false | false  | 检查/1
      ORGANISATION | MAIN        | OVERALL   | MINOR    | false | true  | false  | 通报/1
      ORGANISATION | SUPERVISORY | OVERALL   | MINOR    | true  | false | true   | 通报/1
      ORGANISATION | MAIN        | OVERALL   | SERIOUS  | true  | false | false  | 检查/1
      ORGANISATION | SUPERVISORY | IMPORTANT | SERIOUS  | false | false | false  | 通报/1
      ORGANISATION | MAIN        | OVERALL   | SERIOUS  | true  | true  | false  | 通报/1
      ORGANISATION | MAIN        | OVERALL   | SERIOUS  | true  | false | true   | 通报/1
      ORGANISATION | MAIN        | OVERALL   | GRAVE    | true  | false | true   | 通报/1
      ORGANISATION | MAIN        | OVERALL   | GRAVE    | false | false | false  | 改组/2
      ORGANISATION | MAIN        | PRINCIPAL | GRAVE    | true  | true  | false  | 改组/2
      LEADER       | MAIN        | IMPORTANT | MINOR    | false | false | false  | 通报/1
      LEADER       | MAIN        | PRINCIPAL | MINOR    | true  | true  | false  | 诫勉/1
      LEADER       | SUPERVISORY | IMPORTANT | MINOR    | false | false | true   | 诫勉/1
      LEADER       | MAIN        | IMPORTANT | SERIOUS  | true  | false | true   | 诫勉/1
      LEADER       | MAIN        | IMPORTANT | SERIOUS  | false | false | false  | 纪律处分/2
      LEADER       | MAIN        | IMPORTANT | SERIOUS  | true  | true  | false  | 纪律处分/2
      LEADER       | MAIN        | PRINCIPAL | SERIOUS  | false | true  | true   | 纪律处分/2 组织调整或组织处理/2
      LEADER       | MAIN        | PRINCIPAL | SERIOUS  | true  | false | false  | 诫勉/1
      LEADER       | SUPERVISORY | IMPORTANT | GRAVE    | true  | false | false  | 纪律处分/2
      LEADER       | MAIN        | IMPORTANT | GRAVE    | false | false | false  | 纪律处分/3
      LEADER       | MAIN        | IMPORTANT | GRAVE    | true  | true  | false  | 纪律处分/3
      LEADER       | MAIN        | OVERALL   | GRAVE    | false | false | false  | 纪律处分/3 组织调整或组织处理/3
      LEADER       | MAIN        | PRINCIPAL | GRAVE    | true  | false | false  | 纪律处分/2 组织调整或组织处理/3
      LEADER       | SUPERVISORY | IMPORTANT | GRAVE    | false | true  | true   | 纪律处分/3 纪律处分/4
      LEADER       | SUPERVISORY | PRINCIPAL | GRAVE    | true  | true  | false  | 纪律处分/3 组织调整或组织处理/3 纪律处分/4
      """)
  void proposesExactlyTheMeasuresOfTheRulesMeantForTheInputs(String kind, String responsibility, String tier,
      String severity, boolean lightening, boolean aggravating, boolean repeat, String expected) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("subjectKind", kind);
    inputs.put("responsibility", responsibility);
    inputs.put("tier", tier);
    inputs.put("severity", severity);
    inputs.put("lightening", lightening);
    inputs.put("aggravating", aggravating);
    inputs.put("repeat", repeat);
    List<DmnDecisionRuleResult> results = engine.evaluateDecisionTable(decision, inputs);
    List<String> proposed = results.stream().map(r -> r.getEntry("measure") + "/" + r.getEntry("form")).sorted()
        .toList();
    assertThat(proposed).containsExactlyElementsOf(Arrays.stream(expected.split(" ")).sorted().toList());
    Set<String> allowed = "LEADER".equals(kind) ? AccountabilityCases.LEADER_MEASURES
        : AccountabilityCases.ORGANISATION_MEASURES;
    assertThat(results).allSatisfy(result -> {
      assertThat(allowed).contains((String) result.getEntry("measure"));
      assertThat((String) result.getEntry("note")).isNotBlank();
      Object months = result.getEntryMap().get("consequenceMonths");
      // a period of consequences belongs to measures that carry one: 诫勉, 组织调整, 纪律处分 up to form 3
      assertThat(months != null).isEqualTo(Set.of("诫勉", "组织调整或组织处理").contains(result.getEntry("measure"))
          || "纪律处分".equals(result.getEntry("measure")) && ((Number) result.getEntry("form")).intValue() < 4);
    });
  }

  @AfterAll
  static void everyRuleFired() {
    Set<String> all = java.util.stream.IntStream.rangeClosed(1, rules).mapToObj(i -> String.format("Rule_%02d", i))
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(rules).isEqualTo(22);
    assertThat(fired).isEqualTo(all);
  }
}
