package org.liangze.organisation;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Puts {@link SupervisionAuthorizationProvider} in the engine, and turns on Camunda's historic instance permissions,
 * so that the read authorizations it gives a parent's posts on a child unit's tasks and instances cover their
 * history too (Camunda then also gives each candidate read on its own task's history).
 */
@Component
class SupervisionEnginePlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setResourceAuthorizationProvider(new SupervisionAuthorizationProvider());
    configuration.setEnableHistoricInstancePermissions(true);
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    SupervisionAuthorizationProvider.GrantsOfThisCommand.Factory grants =
        new SupervisionAuthorizationProvider.GrantsOfThisCommand.Factory();
    configuration.getSessionFactories().put(grants.getSessionType(), grants);
  }
}
