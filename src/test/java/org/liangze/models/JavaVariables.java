package org.liangze.models;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.util.ClassUtils;

/**
 * The variable names the Java code knows: the values of the {@code public static final String} constants of every
 * nested {@code Variables} class (or top-level {@code *Variables} class) under {@code org.liangze} (each process class keeps its variable names there).
 */
final class JavaVariables {

  private JavaVariables() {
  }

  static Set<String> names() {
    ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter((reader, factory) -> reader.getClassMetadata().getClassName().endsWith("Variables"));
    Set<String> names = new TreeSet<>();
    for (BeanDefinition candidate : scanner.findCandidateComponents("org.liangze")) {
      Class<?> variables = ClassUtils.resolveClassName(candidate.getBeanClassName(), JavaVariables.class.getClassLoader());
      for (Field field : variables.getDeclaredFields()) {
        int modifiers = field.getModifiers();
        if (Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers) && field.getType() == String.class) {
          try {
            field.setAccessible(true);
            names.add((String) field.get(null));
          } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
          }
        }
      }
    }
    return names;
  }
}
