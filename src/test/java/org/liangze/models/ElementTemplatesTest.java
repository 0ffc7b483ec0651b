package org.liangze.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.liangze.models.ElementTemplates.Template;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The Modeler element templates in {@code .camunda/element-templates/} against the application they configure: each
 * names an existing delegate bean and binds exactly the inputs that delegate declares it reads
 * ({@link org.liangze.platform.DelegateInputs}); every service task in {@code processes/} uses its template.
 * (Their JSON shape is validated against the Camunda 7 element template schema by
 * {@code tools/validate-element-templates.js} in {@code .ci/run}.)
 */
@SpringBootTest
@ActiveProfiles("test")
class ElementTemplatesTest {

  static final Path FIXTURES = Path.of("src/test/resources/element-template-fixtures");

  @Autowired ApplicationContext context;

  @Test
  void everyTemplateNamesAnExistingDelegateAndBindsWhatItReads() {
    List<Template> templates = ElementTemplates.load(ElementTemplates.FOLDER);

    assertThat(templates).extracting(Template::delegateBean)
        .containsExactlyInAnyOrder("archiveLetter", "checkListQuality", "compileDistrictSummary",
            "deliverNotification", "draftReport", "issueLetters", "notifyTalk", "planEscalationPatrol", "escalateUnitTasks", "startUnitRequests", "reportUnitEscalated",
            "sendEscalationDigests", "sendReminderDigests", "sendTaskNotices", "publishList",
            "reissueLetter", "startQuarterlySelfCheck", "collectCaseEvidence", "issueCaseDecision", "notifyCaseSubjects",
            "publishCaseNotification", "remindConsequenceEnd", "makeRecordCheckpoint", "publishCommonList",
            "planScoreComputation", "computeScorePage", "rankScores", "openClueCase");
    assertThat(ElementTemplates.check(templates, context)).isEmpty();
  }

  @Test
  void everyServiceTaskUsesItsTemplate() {
    List<Template> templates = ElementTemplates.load(ElementTemplates.FOLDER);

    for (Path bpmn : ModelConventions.bpmnFiles(ModelConventions.PROCESSES)) {
      assertThat(ElementTemplates.checkUsage(bpmn, templates)).as(bpmn.toString()).isEmpty();
    }
  }

  @Test
  void aTemplateNamingAMissingBeanOrBindingAnUnreadInputFails() {
    List<String> problems = ElementTemplates.check(ElementTemplates.load(FIXTURES), context);

    assertThat(problems).containsExactlyInAnyOrder(
        FIXTURES.resolve("missing-bean.json") + ": template org.liangze.fixture.missingBean: names bean"
            + " 'noSuchDelegate', which does not exist",
        FIXTURES.resolve("unknown-input.json") + ": template org.liangze.fixture.unknownInput: binds input"
            + " 'unitCode', which bean 'issueLetters' does not read (it reads [year])",
        FIXTURES.resolve("unknown-input.json") + ": template org.liangze.fixture.unknownInput: does not bind input"
            + " 'year', which bean 'issueLetters' reads");
  }

  @Test
  void aServiceTaskWithoutTemplateFails() {
    List<String> problems = ElementTemplates.checkUsage(ModelConventionsTest.BROKEN,
        ElementTemplates.load(ElementTemplates.FOLDER));

    assertThat(problems).contains("broken.bpmn MissingBean: uses no element template (set camunda:modelerTemplate)");
  }
}
