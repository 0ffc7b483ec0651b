package org.liangze.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** The platform's engine evaluates its models' expressions with the remembered method look-ups. */
@SpringBootTest
@ActiveProfiles("test")
class ExpressionMethodsInTheEngineTest {

  @Autowired ProcessEngineConfigurationImpl engine;
  @Autowired Deadlines deadlines;

  @Test
  void theEnginesExpressionsRememberTheBeansMethods() {
    assertThat(engine.getExpressionManager()).isInstanceOf(ExpressionMethodsPlugin.ExpressionManager.class);
    ExpressionMethodsPlugin.ExpressionManager expressions =
        (ExpressionMethodsPlugin.ExpressionManager) engine.getExpressionManager();
    Object due = expressions.createValueExpression("${deadlines.selfCheckAssessment()}")
        .getValue(expressions.createElContext(Variables.createVariables().asVariableContext()));
    assertThat(due).isInstanceOf(Date.class);
    assertThat(expressions.remembered.remembers(deadlines.getClass(), "selfCheckAssessment", 0)).isTrue();
  }
}
