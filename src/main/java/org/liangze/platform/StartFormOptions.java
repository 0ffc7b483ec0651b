package org.liangze.platform;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * What a process's start form offers to pick from (e.g. the units the person may start it for), computed when the
 * form is asked for. A feature declares one bean per process; {@link FormOptionsPlugin} makes each entry a start
 * form variable ({@code formService.getStartFormVariables}, REST {@code form-variables}: a JSON array of
 * {@code {label, value}}) and writes it into the deployed start form's select whose {@code valuesKey} names it, since
 * Tasklist gives a Camunda Forms start form no variables.
 */
public interface StartFormOptions {

  /** One option of a select: what the person reads and what the form submits. */
  record Option(String label, String value) {
  }

  /** The process whose start form this serves. */
  String processDefinitionKey();

  /** Variable name to options, for the person asking ({@code null} when nobody is signed in, e.g. a job). */
  Map<String, List<Option>> options(Authentication user);
}
