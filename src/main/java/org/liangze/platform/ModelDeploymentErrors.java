package org.liangze.platform;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.dmn.engine.DmnEngineException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.model.xml.ModelException;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.stereotype.Component;

/**
 * A designer deploying a model the engine cannot read (a broken DMN table, a file that is not XML) gets 400 from
 * {@code /engine-rest}, as for an invalid BPMN model. Camunda wraps these parse errors in a plain
 * {@link ProcessEngineException}, which its own handler answers with 500 - a server error for the client's input. Everything else goes to Camunda's
 * handler unchanged.
 */
@Component
class ModelDeploymentErrors implements ResourceConfigCustomizer {

  @Override
  public void customize(org.glassfish.jersey.server.ResourceConfig config) {
    config.register(Mapper.class);
  }

  /** Chosen before Camunda's handler for the same type by its higher priority (lower value). */
  @Priority(1)
  static class Mapper implements ExceptionMapper<ProcessEngineException> {

    private final ProcessEngineExceptionHandler camunda = new ProcessEngineExceptionHandler();

    @Override
    public Response toResponse(ProcessEngineException exception) {
      if (!causedByAnUnreadableModel(exception)) {
        return camunda.toResponse(exception);
      }
      return Response.status(Response.Status.BAD_REQUEST).type("application/json")
          .entity(ExceptionDto.fromException(exception)).build();
    }

    private static boolean causedByAnUnreadableModel(Throwable exception) {
      for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
        if (cause instanceof DmnEngineException || cause instanceof ModelException
            || cause instanceof org.xml.sax.SAXException) {
          return true;
        }
      }
      return false;
    }
  }
}
