package org.liangze.platform;

import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.ModelAndView;

/**
 * A page that says, in Chinese, why a page cannot be shown (refused, not found, bad request): a title and a sentence,
 * with the HTTP status. The page controllers ({@link Pages}) answer refusals with it, {@link PageExceptionHandler}
 * what is not found or asked for wrongly.
 */
public final class MessagePage {

  /** The plain message page ({@code templates/message.html}). */
  static final String VIEW = "message";

  private MessagePage() {
  }

  /** The plain message page. */
  public static ModelAndView of(HttpStatus status, String title, String detail) {
    return of(VIEW, status, title, detail);
  }

  /** A feature's own message page (its navigation around the same title and sentence). */
  public static ModelAndView of(String view, HttpStatus status, String title, String detail) {
    ModelAndView page = new ModelAndView(view, status);
    page.addObject("title", title);
    page.addObject("detail", detail);
    return page;
  }
}
