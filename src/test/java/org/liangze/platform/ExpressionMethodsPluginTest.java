package org.liangze.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.el.JuelExpressionManager;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The remembered method look-ups answer every call exactly as Camunda's own resolvers do — results, argument
 * conversion, exceptions — and take only the calls they can answer unambiguously.
 */
class ExpressionMethodsPluginTest {

  /** A bean as the models call them. */
  public static class Calls {

    public String greet(String name) {
      return "你好，" + name;
    }

    public int twice(int n) {
      return 2 * n;
    }

    public String pick(String value) {
      return "text " + value;
    }

    public String pick(Integer value) {
      return "number " + value;
    }

    public String join(String... parts) {
      return String.join("、", parts);
    }

    public String fail(String reason) {
      throw new IllegalStateException(reason);
    }
  }

  GenericApplicationContext context;
  ExpressionMethodsPlugin.ExpressionManager remembering;
  SpringExpressionManager camundas;

  @BeforeEach
  void beans() {
    context = new GenericApplicationContext();
    context.registerBean("calls", Calls.class, Calls::new);
    context.refresh();
    remembering = new ExpressionMethodsPlugin.ExpressionManager(context, null);
    camundas = new SpringExpressionManager(context, null);
  }

  @AfterEach
  void close() {
    context.close();
  }

  @Test
  void everyCallGivesWhatCamundasResolverGives() {
    Map<String, Object> variables = Map.of("name", "张三", "n", 21L, "text", "21", "count", 7);
    for (String expression : List.of("${calls.greet(name)}", "${calls.greet(null)}", "${calls.greet(n)}",
        "${calls.twice(n)}", "${calls.twice(text)}", "${calls.pick(name)}", "${calls.pick(count)}",
        "${calls.join(name, text)}", "${calls.greet(name)}")) {
      assertThat(value(remembering, expression, variables)).as(expression)
          .isEqualTo(value(camundas, expression, variables));
    }
    assertThat(value(remembering, "${calls.greet(name)}", variables)).isEqualTo("你好，张三");
    assertThat(value(remembering, "${calls.twice(text)}", variables)).isEqualTo(42);
  }

  @Test
  void onlyUnambiguousMethodsAreRemembered() {
    Map<String, Object> variables = Map.of("name", "张三", "n", 21L);
    value(remembering, "${calls.greet(name)}", variables);
    value(remembering, "${calls.twice(n)}", variables);
    value(remembering, "${calls.pick(name)}", variables);
    value(remembering, "${calls.join(name)}", variables);
    assertThat(remembering.remembered.remembers(Calls.class, "greet", 1)).isTrue();
    assertThat(remembering.remembered.remembers(Calls.class, "twice", 1)).isTrue();
    // an overload of the same arity and a varargs method are left to Camunda's resolver
    assertThat(remembering.remembered.remembers(Calls.class, "pick", 1)).isFalse();
    assertThat(remembering.remembered.remembers(Calls.class, "join", 1)).isFalse();
  }

  @Test
  void aFailingCallFailsAsWithCamundasResolver() {
    Map<String, Object> variables = Map.of("name", "材料不全");
    Throwable ours = catchThrowable(() -> value(remembering, "${calls.fail(name)}", variables));
    Throwable theirs = catchThrowable(() -> value(camundas, "${calls.fail(name)}", variables));
    assertThat(ours).isInstanceOf(theirs.getClass());
    assertThat(ours.getCause()).isInstanceOf(IllegalStateException.class).hasMessage("材料不全");
    assertThat(theirs.getCause()).isInstanceOf(IllegalStateException.class).hasMessage("材料不全");
  }

  private static Object value(JuelExpressionManager manager, String expression, Map<String, Object> variables) {
    return manager.createValueExpression(expression)
        .getValue(manager.createElContext(Variables.fromMap(variables).asVariableContext()));
  }
}
