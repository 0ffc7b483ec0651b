package org.liangze.platform;

import java.util.Set;
import org.camunda.bpm.engine.spring.ProcessEngineFactoryBean;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;

/**
 * Makes the process engine wait for the platform's Flyway migrations, whatever bean happens to ask for an engine
 * service first. Without it the engine may create its ACT_* tables before Flyway looks at the database, and Flyway
 * then refuses the "non-empty schema without a history table". (Registered in META-INF/spring.factories.)
 */
public class EngineAfterMigrations extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {

  @Override
  protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
    return Set.of(ProcessEngineFactoryBean.class, SpringProcessEngineConfiguration.class);
  }
}
