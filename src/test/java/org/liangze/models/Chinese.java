package org.liangze.models;

/** Whether user-facing text is Chinese: it holds at least one Han character. */
final class Chinese {

  private Chinese() {
  }

  static boolean isIn(String text) {
    return text != null && text.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
  }
}
