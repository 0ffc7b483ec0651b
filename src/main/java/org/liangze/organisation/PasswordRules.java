package org.liangze.organisation;

import java.util.Optional;
import org.springframework.stereotype.Component;

/** The rules of {@code liangze.identity.password} for a password a person sets, with the reason in Chinese. */
@Component
public class PasswordRules {

  private final IdentityProperties.Password rules;

  PasswordRules(IdentityProperties properties) {
    this.rules = properties.password();
  }

  public int minLength() {
    return rules.minLength();
  }

  public int characterClasses() {
    return Math.max(1, Math.min(4, rules.characterClasses()));
  }

  /** "至少10位，包含大写字母、小写字母、数字、其他字符中的至少3类，且不能与登录名相同" */
  public String description() {
    return "至少" + minLength() + "位，包含大写字母、小写字母、数字、其他字符中的至少" + characterClasses()
        + "类，且不能与登录名相同";
  }

  /** Why the password is refused, or empty if it keeps every rule. */
  public Optional<String> violation(String login, String password) {
    if (password == null || password.isEmpty()) {
      return Optional.of("请输入新密码");
    }
    if (password.codePointCount(0, password.length()) < minLength()) {
      return Optional.of("新密码太短：至少需要" + minLength() + "位");
    }
    if (password.chars().anyMatch(Character::isWhitespace)) {
      return Optional.of("新密码不能包含空格");
    }
    if (classes(password) < characterClasses()) {
      return Optional.of("新密码须包含大写字母、小写字母、数字、其他字符中的至少" + characterClasses() + "类");
    }
    if (login != null && password.equalsIgnoreCase(login)) {
      return Optional.of("新密码不能与登录名相同");
    }
    return Optional.empty();
  }

  static int classes(String password) {
    boolean upper = false;
    boolean lower = false;
    boolean digit = false;
    boolean other = false;
    for (int i = 0; i < password.length(); i++) {
      char c = password.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        upper = true;
      } else if (c >= 'a' && c <= 'z') {
        lower = true;
      } else if (c >= '0' && c <= '9') {
        digit = true;
      } else {
        other = true;
      }
    }
    return (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
  }
}
