package org.liangze.platform;

import java.util.Set;
import org.camunda.bpm.engine.spring.ProcessEngineFactoryBean;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;

/**
 * Makes the process engine wait for the platform's Flyway migrations, whatever bean happens to ask for an engine
 * service first: the migrations create Camunda's ACT_* tables ({@link CamundaSchemaMigration}, V22) and Camunda's
 * missing indexes (V23), and the engine only checks that its tables are there ({@code schema-update: false}). The
 * runtime role check ({@link RuntimeRoleCheck}) runs right after the migrations, so before the engine too.
 * (Registered in META-INF/spring.factories.)
 */
public class EngineAfterMigrations extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {

  @Override
  protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
    return Set.of(ProcessEngineFactoryBean.class, SpringProcessEngineConfiguration.class);
  }
}
