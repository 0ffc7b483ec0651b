package org.liangze.organisation;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.liangze.platform.Pages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * 修改密码: where a person sets their own password, and must at the first login or after an administrator's reset
 * (every door sends them here, {@link LoginGate}). The form asks for the login and the current password, so it
 * needs no session and a forged request cannot change anyone's password; the new one must keep
 * {@link PasswordRules}. Camunda's throttling of failed logins applies to the current password.
 */
@Controller
class PasswordPage implements Pages {

  private static final Logger log = LoggerFactory.getLogger(PasswordPage.class);

  private final IdentityService identity;
  private final LoginStatus status;
  private final PasswordRules rules;

  PasswordPage(IdentityService identity, LoginStatus status, PasswordRules rules) {
    this.identity = identity;
    this.status = status;
    this.rules = rules;
  }

  @GetMapping("/pages/password")
  String form(Model model) {
    String login = currentLogin().orElse("");
    model.addAttribute("login", login);
    model.addAttribute("mustChange", !login.isEmpty() && status.mustChangePassword(login));
    return page(model, null);
  }

  @PostMapping("/pages/password")
  @Transactional
  String change(@RequestParam(defaultValue = "") String login, @RequestParam(defaultValue = "") String current,
      @RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "") String confirm,
      Model model, HttpServletResponse response) {
    String user = login.strip();
    model.addAttribute("login", user);
    model.addAttribute("mustChange", false);
    if (user.isEmpty() || current.isEmpty()) {
      return refused(model, response, "请输入登录名和当前密码");
    }
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      if (status.of(user) == LoginStatus.Status.LEFT || !identity.checkPassword(user, current)) {
        return refused(model, response, "登录名或当前密码不正确");
      }
      model.addAttribute("mustChange", status.mustChangePassword(user));
      if (!password.equals(confirm)) {
        return refused(model, response, "两次输入的新密码不一致");
      }
      if (password.equals(current)) {
        return refused(model, response, "新密码不能与当前密码相同");
      }
      Optional<String> violation = rules.violation(user, password);
      if (violation.isPresent()) {
        return refused(model, response, violation.get());
      }
      User entity = identity.createUserQuery().userId(user).singleResult();
      entity.setPassword(password);
      identity.saveUser(entity);
      status.passwordChanged(user);
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
    log.info("Password changed by {}", user);
    model.addAttribute("mustChange", false);
    model.addAttribute("done", true);
    return page(model, null);
  }

  private String refused(Model model, HttpServletResponse response, String error) {
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    return page(model, error);
  }

  private String page(Model model, String error) {
    model.addAttribute("error", error);
    model.addAttribute("rules", rules.description());
    model.addAttribute("minLength", rules.minLength());
    return "organisation/password";
  }

  /** The login of whoever is logged in (HTTP Basic, or the webapps' session on a GET), to fill the form. */
  private static Optional<String> currentLogin() {
    var authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null || !authentication.isAuthenticated()
        || authentication instanceof AnonymousAuthenticationToken) {
      return Optional.empty();
    }
    return Optional.ofNullable(authentication.getName());
  }
}
