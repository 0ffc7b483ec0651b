package org.liangze.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbEntityOperation;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbOperationType;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;

/**
 * The entity manager checks every inserted row's id as Camunda does, but writes the entity out for the message only
 * when the id fails: a valid id never calls the entity's {@code toString()}, an invalid one gets Camunda's error. It
 * orders a flush's inserts so that every row comes after the rows it references, as Camunda's does, keeping the given
 * order where it may; and the engine runs on it.
 */
class EntityManagerPluginTest {

  /** An entity that counts how often it is written out. */
  static final class Row implements DbEntity {
    final AtomicInteger written = new AtomicInteger();
    String id;

    Row(String id) {
      this.id = id;
    }

    @Override
    public String getId() {
      return id;
    }

    @Override
    public void setId(String id) {
      this.id = id;
    }

    @Override
    public Object getPersistentState() {
      return id;
    }

    @Override
    public String toString() {
      written.incrementAndGet();
      return "Row[" + id + "]";
    }
  }

  private final EntityManagerPlugin.EntityManager manager = new EntityManagerPlugin.EntityManager(null, null);

  @Test
  void aValidIdIsNeverWrittenOutAnInvalidOneFailsAsInCamunda() {
    Row valid = new Row("a3f0-17");
    manager.validateId(valid);
    assertThat(valid.written).hasValue(0);

    Row none = new Row(null);
    assertThatThrownBy(() -> manager.validateId(none)).isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("Entity Row[null] has an invalid id");
    Row reserved = new Row("*");
    assertThatThrownBy(() -> manager.validateId(reserved)).isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("Entity Row[*] has an invalid id").hasMessageContaining("reserved identifier");
  }

  @Test
  void insertsComeAfterWhatTheyReferenceInTheGivenOrderOtherwise() {
    // no references: the given order
    List<DbEntityOperation> plain = List.of(insert("a"), insert("b"), insert("c"));
    assertThat(EntityManagerPlugin.OperationManager.insertOrder(plain)).containsExactlyElementsOf(plain);
    // c references a, a references b (a child execution before its parent in id order): b, a, c; d references an
    // entity of another flush and stays where it is
    DbEntityOperation a = insert("a", "b");
    DbEntityOperation b = insert("b");
    DbEntityOperation c = insert("c", "a");
    DbEntityOperation d = insert("d", "elsewhere");
    assertThat(EntityManagerPlugin.OperationManager.insertOrder(List.of(a, b, c, d))).containsExactly(b, a, c, d);
    // references in a circle cannot be ordered: Camunda's own ordering takes over
    assertThat(EntityManagerPlugin.OperationManager.insertOrder(List.of(insert("x", "y"), insert("y", "x")))).isNull();

    // a flush of a thousand rows in trees (each references a random other row or none), ordered as Camunda would
    // allow: every row after the rows it references, each row once
    Random random = new Random(18);
    List<DbEntityOperation> rows = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      ids.add("%04d".formatted(random.nextInt(10_000)) + "-" + i);
    }
    for (int i = 0; i < ids.size(); i++) {
      // a row references one created before it (its parent), so there is no circle; the list is in id order
      rows.add(i == 0 || random.nextInt(4) == 0 ? insert(ids.get(i)) : insert(ids.get(i), ids.get(random.nextInt(i))));
    }
    rows.sort(java.util.Comparator.comparing(row -> row.getEntity().getId()));
    List<DbEntityOperation> ordered = EntityManagerPlugin.OperationManager.insertOrder(rows);
    assertThat(ordered).hasSize(rows.size()).containsExactlyInAnyOrderElementsOf(rows);
    java.util.Map<String, Integer> position = new java.util.HashMap<>();
    for (int i = 0; i < ordered.size(); i++) {
      position.put(ordered.get(i).getEntity().getId(), i);
    }
    for (DbEntityOperation row : ordered) {
      for (String referenced : row.getFlushRelevantEntityReferences()) {
        assertThat(position.get(referenced)).as(row.getEntity().getId()).isLessThan(position.get(row.getEntity().getId()));
      }
    }
  }

  private static DbEntityOperation insert(String id, String... references) {
    DbEntityOperation operation = new DbEntityOperation();
    operation.setEntity(new Row(id));
    operation.setEntityType(Row.class);
    operation.setOperationType(DbOperationType.INSERT);
    operation.setFlushRelevantEntityReferences(new java.util.HashSet<>(List.of(references)));
    return operation;
  }

  @Test
  void theEngineInsertsThroughIt() {
    StandaloneInMemProcessEngineConfiguration configuration = (StandaloneInMemProcessEngineConfiguration)
        ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration();
    configuration.setJdbcUrl("jdbc:h2:mem:entity-id-check;DB_CLOSE_DELAY=-1");
    configuration.setProcessEnginePlugins(List.of(new EntityManagerPlugin()));
    configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
    configuration.setJobExecutorActivate(false);
    ProcessEngine engine = configuration.buildProcessEngine();
    try {
      ProcessEngineConfigurationImpl built = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
      assertThat(built.getSessionFactories().get(DbEntityManager.class))
          .isInstanceOf(EntityManagerPlugin.Factory.class);
      Object operations = built.getCommandExecutorTxRequired().execute(context -> context.getDbEntityManager()
          .getDbOperationManager());
      assertThat(operations).isInstanceOf(EntityManagerPlugin.OperationManager.class);
      // a parallel multi-instance task: child executions referencing their parents, loop variables on each
      engine.getRepositoryService().createDeployment().addModelInstance("one.bpmn", Bpmn.createExecutableProcess("one")
          .camundaHistoryTimeToLive(1).startEvent().userTask("Share").multiInstance().parallel().cardinality("30")
          .multiInstanceDone().userTask("Work").endEvent().done()).deploy();
      String instance = engine.getRuntimeService().startProcessInstanceByKey("one",
          Variables.createVariables().putValue("unitCode", "D01")).getId();
      assertThat(engine.getTaskService().createTaskQuery().processInstanceId(instance).taskDefinitionKey("Share")
          .count()).isEqualTo(30);
      engine.getTaskService().createTaskQuery().processInstanceId(instance).list()
          .forEach(task -> engine.getTaskService().complete(task.getId()));
      engine.getTaskService().complete(engine.getTaskService().createTaskQuery().processInstanceId(instance)
          .singleResult().getId());
      assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instance)
          .finished().count()).isOne();
      assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance)
          .variableName("unitCode").singleResult().getValue()).isEqualTo("D01");
    } finally {
      engine.close();
    }
  }
}
