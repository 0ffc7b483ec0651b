package org.liangze.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The variables a delegate (a {@code JavaDelegate} or {@code ExecutionListener} bean) reads from its execution.
 *
 * <p>A delegate's Modeler element template (in {@code .camunda/element-templates/}) binds exactly these names as
 * {@code camunda:inputParameter}s, so a designer who applies the template gives the step every input it needs and
 * nothing it ignores; a test compares the two. Declare an empty list for a delegate that reads nothing.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface DelegateInputs {

  /** Variable names, as the delegate reads them (use the process class's {@code Variables} constants). */
  String[] value();
}
