package org.liangze.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Every model in {@code processes/} keeps the platform's conventions ({@link ModelConventions}); a seeded broken
 * model ({@code src/test/resources/model-fixtures/broken.bpmn}, with its form in {@code model-fixtures/forms/})
 * shows that each rule fails, naming the file and the element.
 */
@SpringBootTest
@ActiveProfiles("test")
class ModelConventionsTest {

  static final Path FIXTURES = Path.of("src/test/resources/model-fixtures");
  static final Path BROKEN = FIXTURES.resolve("broken.bpmn");
  /** External-task topics with a worker: the platform has no external tasks yet. */
  static final Set<String> WORKER_TOPICS = Set.of();

  @Autowired ApplicationContext context;
  Set<String> javaVariables;

  @BeforeEach
  void javaVariables() {
    javaVariables = JavaVariables.names();
  }

  private boolean isBean(String name, Class<?> type) {
    return context.containsBean(name) && context.isTypeMatch(name, type);
  }

  @Test
  void theProcessModelsKeepTheConventions() {
    List<Path> models = ModelConventions.bpmnFiles(ModelConventions.PROCESSES);
    assertThat(models).extracting(Path::getFileName).extracting(Path::toString)
        .contains("letter-signing.bpmn", "list-formulation.bpmn");

    assertThat(new ModelConventions(ModelConventions.FORMS, this::isBean, javaVariables, WORKER_TOPICS)
        .check(models)).isEmpty();
  }

  @Test
  void theJavaCodeKnowsTheVariablesOfItsProcesses() {
    assertThat(javaVariables).contains("year", "letterId", "decision", "items", "reviewComments");
  }

  List<String> brokenProblems() {
    return new ModelConventions(FIXTURES.resolve("forms"), this::isBean, javaVariables, WORKER_TOPICS)
        .check(List.of(BROKEN));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      Chinese name           | broken.bpmn EnglishName: user task needs a Chinese name
      plain element name     | broken.bpmn NameWithExpression: the element's name is shown as written
      a form                 | broken.bpmn NoForm: user task needs a Camunda Form (camunda:formRef)
      an existing form       | broken.bpmn UnknownForm: camunda:formRef 'no-such-form' names no form in the forms folder
      deployment binding     | broken.bpmn LatestBinding: camunda:formRefBinding must be 'deployment'
      somebody to do it      | broken.bpmn Nobody: user task needs camunda:candidateGroups or a camunda:assignee expression
      a due date             | broken.bpmn NoDueDate: user task needs a due date (camunda:dueDate)
      a late-reason field    | broken.bpmn NoLateReason: form 'fixture-form-no-late-reason' has no 'lateReason' field
      async after human work | broken.bpmn SyncAfterUserTask: service task follows user task NoDueDate in the same transaction
      an existing bean       | broken.bpmn MissingBean: delegateExpression names bean 'noSuchDelegate', which is no JavaDelegate bean
      a delegate expression  | broken.bpmn JavaClass: service task must be camunda:delegateExpression="${bean}" (or an external task)
      a worker for the topic | broken.bpmn ExternalWithoutWorker: external task topic 'nobody-listens' has no worker
      an async timer         | broken.bpmn WaitAWeek: timer event must be asynchronous
      an existing listener   | broken.bpmn Started: listener names bean 'noSuchListener', which is no ExecutionListener bean
      read form fields       | fixture-form: field key 'unreadField' is written but nothing reads it
      """)
  void eachRuleFailsOnTheBrokenModel(String rule, String problem) {
    assertThat(brokenProblems()).anySatisfy(found -> assertThat(found).contains(problem));
  }

  @Test
  void theBrokenModelBreaksNothingElse() {
    assertThat(brokenProblems()).hasSize(15);
  }
}
