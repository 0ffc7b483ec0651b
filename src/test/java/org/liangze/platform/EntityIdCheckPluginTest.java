package org.liangze.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;

/**
 * The entity manager checks every inserted row's id as Camunda does, but writes the entity out for the message only
 * when the id fails: a valid id never calls the entity's {@code toString()}, an invalid one gets Camunda's error.
 */
class EntityIdCheckPluginTest {

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

  private final EntityIdCheckPlugin.EntityManager manager = new EntityIdCheckPlugin.EntityManager(null, null);

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
  void theEngineInsertsThroughIt() {
    StandaloneInMemProcessEngineConfiguration configuration = (StandaloneInMemProcessEngineConfiguration)
        ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration();
    configuration.setJdbcUrl("jdbc:h2:mem:entity-id-check;DB_CLOSE_DELAY=-1");
    configuration.setProcessEnginePlugins(List.of(new EntityIdCheckPlugin()));
    configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
    configuration.setJobExecutorActivate(false);
    ProcessEngine engine = configuration.buildProcessEngine();
    try {
      ProcessEngineConfigurationImpl built = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
      assertThat(built.getSessionFactories().get(DbEntityManager.class))
          .isInstanceOf(EntityIdCheckPlugin.Factory.class);
      engine.getRepositoryService().createDeployment().addModelInstance("one.bpmn", Bpmn.createExecutableProcess("one")
          .camundaHistoryTimeToLive(1).startEvent().userTask("Work").endEvent().done()).deploy();
      String instance = engine.getRuntimeService().startProcessInstanceByKey("one",
          Variables.createVariables().putValue("unitCode", "D01")).getId();
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
