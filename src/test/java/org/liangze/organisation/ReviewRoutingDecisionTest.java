package org.liangze.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
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
 * {@code processes/review-routing.dmn}, the real file, table-driven: each row gives the reviewed process, the unit's
 * type and level in the tree, and the reviewing post and level the table must answer. Every answer is one the
 * platform can turn into candidate groups ({@link ReviewRouting.Post}, {@link ReviewRouting.Level}), and together the
 * rows make every rule of the table fire.
 */
class ReviewRoutingDecisionTest {

  static final Path TABLE = Path.of("processes/review-routing.dmn");
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
      decision = engine.parseDecision(ReviewRouting.DECISION_KEY, in);
    }
    rules = (int) Files.readString(TABLE).lines().filter(line -> line.contains("<rule id=")).count();
  }

  @ParameterizedTest(name = "{0} {1} level {2} → {3} at {4}")
  @CsvSource(delimiter = '|', textBlock = """
      # process          | unit type            | level | reviewing post         | reviewing level
      # a village's list, self-check and half-year report: its town's secretary or discipline secretary
      unitSelfCheck      | VILLAGE_OR_COMMUNITY | 2     | SECRETARY_OR_INSPECTOR | PARENT
      listFormulation    | VILLAGE_OR_COMMUNITY | 2     | SECRETARY_OR_INSPECTOR | PARENT
      unitHalfYearReport | VILLAGE_OR_COMMUNITY | 2     | SECRETARY_OR_INSPECTOR | PARENT
      # a section's (of a department, a town or an affiliated unit): its parent
      unitSelfCheck      | SECTION_OR_STATION   | 2     | SECRETARY_OR_INSPECTOR | PARENT
      listFormulation    | SECTION_OR_STATION   | 2     | SECRETARY_OR_INSPECTOR | PARENT
      unitHalfYearReport | SECTION_OR_STATION   | 2     | SECRETARY_OR_INSPECTOR | PARENT
      # the level directly under the district: the district commission
      unitSelfCheck      | DISTRICT_DEPARTMENT  | 1     | DISCIPLINE_COMMISSION  | DISTRICT
      listFormulation    | SUBDISTRICT_OR_TOWN  | 1     | DISCIPLINE_COMMISSION  | DISTRICT
      unitHalfYearReport | AFFILIATED_UNIT      | 1     | DISCIPLINE_COMMISSION  | DISTRICT
      unitSelfCheck      | SUBDISTRICT_OR_TOWN  | 1     | DISCIPLINE_COMMISSION  | DISTRICT
      # a unit of a lower type placed directly under the district (the import refuses it; the table still answers)
      unitSelfCheck      | VILLAGE_OR_COMMUNITY | 1     | DISCIPLINE_COMMISSION  | DISTRICT
      # a process the table does not know, and a type it does not route, go to the commission
      letterSigning      | VILLAGE_OR_COMMUNITY | 2     | DISCIPLINE_COMMISSION  | DISTRICT
      unitSelfCheck      | DISTRICT_DEPARTMENT  | 2     | DISCIPLINE_COMMISSION  | DISTRICT
      """)
  void routesEachReviewToItsPostAndLevel(String process, String unitType, int level, String post,
      String reviewingLevel) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put(ReviewRouting.Variables.REVIEWED_PROCESS, process);
    inputs.put(ReviewRouting.Variables.UNIT_TYPE, unitType);
    inputs.put(ReviewRouting.Variables.UNIT_LEVEL, level);
    DmnDecisionResultEntries result = engine.evaluateDecision(decision, inputs).getSingleResult();
    assertThat(result.getEntryMap()).containsOnlyKeys(ReviewRouting.Variables.REVIEWING_POST,
        ReviewRouting.Variables.REVIEWING_LEVEL);
    assertThat((String) result.getEntry(ReviewRouting.Variables.REVIEWING_POST)).isEqualTo(post);
    assertThat((String) result.getEntry(ReviewRouting.Variables.REVIEWING_LEVEL)).isEqualTo(reviewingLevel);
    // every answer is one the platform turns into candidate groups
    assertThat(ReviewRouting.Post.valueOf(post)).isNotNull();
    assertThat(ReviewRouting.Level.valueOf(reviewingLevel)).isNotNull();
  }

  @AfterAll
  static void everyRuleFired() {
    Set<String> all = IntStream.rangeClosed(1, rules).mapToObj(i -> String.format("Rule_%02d", i))
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(rules).isEqualTo(4);
    assertThat(fired).isEqualTo(all);
  }
}
