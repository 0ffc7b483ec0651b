package org.liangze.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The password rules of liangze.identity.password, and the one-time passwords that must keep them. */
class PasswordRulesTest {

  final PasswordRules rules = new PasswordRules(new IdentityProperties(null, new IdentityProperties.Password(10, 3)));

  @Test
  void eachRuleHasItsChineseMessage() {
    assertThat(rules.violation("li", "")).contains("请输入新密码");
    assertThat(rules.violation("li", "Ab1!")).contains("新密码太短：至少需要10位");
    assertThat(rules.violation("li", "Abcdef 12345")).contains("新密码不能包含空格");
    assertThat(rules.violation("li", "abcdefghijk")).contains("新密码须包含大写字母、小写字母、数字、其他字符中的至少3类");
    assertThat(rules.violation("Zhang2026ab", "zhang2026AB")).contains("新密码不能与登录名相同");
    assertThat(rules.violation("li", "Liangze2026")).isEmpty();
    assertThat(rules.violation("li", "liangze-2026")).isEmpty();
    assertThat(rules.description()).isEqualTo("至少10位，包含大写字母、小写字母、数字、其他字符中的至少3类，且不能与登录名相同");
  }

  @Test
  void oneTimePasswordsAreRandomAndKeepTheRules() {
    PasswordRules strict = new PasswordRules(new IdentityProperties(null, new IdentityProperties.Password(16, 4)));
    SecureRandom random = new SecureRandom();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      String password = FirstPasswords.generate(random, 16);
      assertThat(password).hasSize(16).doesNotContain("I", "l", "1", "O", "0");
      assertThat(strict.violation("someone", password)).as(password).isEmpty();
      seen.add(password);
    }
    assertThat(seen).hasSize(2000);
  }
}
