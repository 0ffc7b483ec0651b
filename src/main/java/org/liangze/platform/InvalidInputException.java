package org.liangze.platform;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * Input a person must correct; the message is shown to them, so it is Chinese. It is Camunda's form-validation
 * exception so that the same check answers 400 wherever it runs: behind the platform's API, or inside the engine
 * as a task listener reached through Tasklist or the engine REST API (which answers 500 for other engine
 * exceptions). Either way the transaction rolls back and nothing changes.
 */
public class InvalidInputException extends FormFieldValidationException {

  public InvalidInputException(String message) {
    super(message, message);
  }
}
