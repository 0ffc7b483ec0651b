package org.liangze.platform;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.camunda.bpm.impl.juel.jakarta.el.CompositeELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELException;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The engine's expressions with their method look-ups remembered. For every call in an expression —
 * {@code ${selfCheckAssessors.of(unitCode, quarter)}}, {@code ${deadlines.selfCheckAssessment()}} … — Camunda's EL
 * resolver copies the bean class's public methods ({@code Class.getMethods()}, on a Spring proxy some hundreds) and
 * searches them, again for every unit of a campaign: 7 % of its jobs' samples. Here a method that is the only public
 * method of its name and number of parameters in a public class is found once per class and kept; its arguments are
 * converted and exceptions wrapped exactly as Camunda's resolver does ({@link ELContext#convertToType}, an
 * {@link ELException} with the cause). Anything else — overloads of that arity, varargs, a method of a class that is
 * not public, properties — goes on to Camunda's resolvers unchanged.
 */
@Component
class ExpressionMethodsPlugin extends AbstractProcessEnginePlugin {

  private final ApplicationContext applicationContext;

  ExpressionMethodsPlugin(ApplicationContext applicationContext) {
    this.applicationContext = applicationContext;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setExpressionManager(new ExpressionManager(applicationContext, configuration.getBeans()));
  }

  /** Spring's expression manager (beans by name) with {@link RememberedMethods} asked first for calls. */
  static final class ExpressionManager extends SpringExpressionManager {

    final RememberedMethods remembered = new RememberedMethods();

    ExpressionManager(ApplicationContext applicationContext, Map<Object, Object> beans) {
      super(applicationContext, beans);
    }

    @Override
    protected ELResolver createElResolver() {
      CompositeELResolver resolver = new CompositeELResolver();
      resolver.add(remembered);
      resolver.add(super.createElResolver());
      return resolver;
    }
  }

  /** Resolves method calls only, from a cache of each class's unambiguous public methods by name and arity. */
  static final class RememberedMethods extends ResolvesNothing {

    private record Signature(Class<?> type, String name, int parameters) {
    }

    private final Map<Signature, Optional<Method>> methods = new ConcurrentHashMap<>();

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
      if (base == null || !(method instanceof String name) || paramTypes != null) {
        return null;
      }
      Object[] arguments = params == null ? new Object[0] : params;
      Optional<Method> found = methods.computeIfAbsent(new Signature(base.getClass(), name, arguments.length),
          RememberedMethods::unambiguous);
      if (found.isEmpty()) {
        return null;
      }
      Method target = found.get();
      Class<?>[] types = target.getParameterTypes();
      Object[] converted = new Object[arguments.length];
      for (int i = 0; i < arguments.length; i++) {
        converted[i] = context.convertToType(arguments[i], types[i]);
      }
      Object result;
      try {
        result = target.invoke(base, converted);
      } catch (IllegalAccessException | IllegalArgumentException e) {
        throw new ELException(e);
      } catch (InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof VirtualMachineError error) {
          throw error;
        }
        throw new ELException(cause);
      }
      context.setPropertyResolved(base, method);
      return result;
    }

    /** Whether calls of this name and arity on this class are answered from the cache (for tests). */
    boolean remembers(Class<?> type, String name, int parameters) {
      return methods.getOrDefault(new Signature(type, name, parameters), Optional.empty()).isPresent();
    }

    /** The one public, non-varargs, non-bridge method of a public class with this name and arity, if only one. */
    static Optional<Method> unambiguous(Signature signature) {
      if (!Modifier.isPublic(signature.type().getModifiers())) {
        return Optional.empty();
      }
      List<Method> candidates = Arrays.stream(signature.type().getMethods())
          .filter(m -> m.getName().equals(signature.name()) && m.getParameterCount() == signature.parameters()
              && !m.isBridge())
          .toList();
      if (candidates.size() != 1 || candidates.get(0).isVarArgs()
          || !Modifier.isPublic(candidates.get(0).getDeclaringClass().getModifiers())) {
        return Optional.empty();
      }
      return Optional.of(candidates.get(0));
    }
  }
}
