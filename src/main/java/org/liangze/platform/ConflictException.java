package org.liangze.platform;

/** The request is well-formed but clashes with what already exists (answered 409). */
public class ConflictException extends RuntimeException {

  public ConflictException(String message) {
    super(message);
  }
}
