package org.liangze.platform;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * The message pages of the page controllers ({@link Pages}): what is not found, or asked for wrongly, as a page with a
 * Chinese sentence and the HTTP status. Before {@link ApiExceptionHandler}, which answers the same exceptions of every
 * other controller with problem details; a controller's own handler still goes first.
 */
@ControllerAdvice(assignableTypes = Pages.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageExceptionHandler {

  @ExceptionHandler(NotFoundException.class)
  ModelAndView notFound(NotFoundException e) {
    return MessagePage.of(HttpStatus.NOT_FOUND, "未找到", e.getMessage());
  }

  @ExceptionHandler(InvalidInputException.class)
  ModelAndView invalid(InvalidInputException e) {
    return MessagePage.of(HttpStatus.BAD_REQUEST, "请求有误", e.getMessage());
  }
}
