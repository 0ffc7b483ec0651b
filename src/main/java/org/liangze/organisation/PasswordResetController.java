package org.liangze.organisation;

import org.liangze.platform.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An administrator ({@code camunda-admin}) or the organisation administrator (组织管理员) resets a person's password:
 * a new one-time password, answered once (never stored in clear, never logged), which the person must change at
 * the next login.
 */
@RestController
class PasswordResetController {

  private static final Logger log = LoggerFactory.getLogger(PasswordResetController.class);

  private final Officials officials;
  private final PersonRepository people;
  private final FirstPasswords passwords;

  PasswordResetController(Officials officials, PersonRepository people, FirstPasswords passwords) {
    this.officials = officials;
    this.people = people;
    this.passwords = passwords;
  }

  record Reset(String login, String name, String password, String notice) {
  }

  @PostMapping("/api/people/{id}/password-reset")
  ResponseEntity<Reset> reset(@PathVariable("id") String login) {
    Official caller = officials.current();
    if (!caller.isMemberOf(Groups.ADMINISTRATORS) && !caller.isMemberOf(Groups.ORGANISATION_ADMINS)) {
      throw new AccessDeniedException("Only administrators reset passwords");
    }
    Person person = people.find(login).orElseThrow(() -> new NotFoundException("人员不存在或已离开：" + login));
    String password = passwords.reset(person.userId());
    log.info("Password of {} reset by {}", person.userId(), caller.userId());
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new Reset(person.userId(), person.name(),
        password, "此密码只显示这一次，请当面或通过可靠渠道交给本人；本人登录后须立即修改密码"));
  }
}
