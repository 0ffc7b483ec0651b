package org.liangze.platform;

/**
 * A controller of pages people read in the browser: its requests that fail with {@link NotFoundException} or
 * {@link InvalidInputException} get the Chinese message page ({@link PageExceptionHandler}), not the API's problem
 * details. A refusal names what the page is, so each controller answers {@code AccessDeniedException} itself.
 */
public interface Pages {
}
