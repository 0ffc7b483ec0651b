package org.liangze.demo;

import org.camunda.bpm.engine.RuntimeService;
import org.liangze.dashboard.ScoreComputationProcess;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo's first scores: once the district is seeded and its campaigns started, one run of the score computation
 * job is started at once rather than at the timer's next firing, so the dashboard shows scores from the first minute.
 */
@Component
@Profile("demo")
class DemoScores {

  private final RuntimeService runtime;

  DemoScores(RuntimeService runtime) {
    this.runtime = runtime;
  }

  @EventListener
  @Order(20)
  void computeFirstScores(ApplicationReadyEvent event) {
    runtime.startProcessInstanceByKey(ScoreComputationProcess.KEY);
  }
}
