package org.liangze.organisation;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether a login may work right now: a person who left may not log in at all; a person with an issued password
 * (first password, administrator's reset) must set their own before anything else. Every door asks it (engine
 * REST, {@code /api}, {@code /pages}, the webapps) in one query.
 */
@Component
public class LoginStatus {

  public enum Status { ACTIVE, MUST_CHANGE_PASSWORD, LEFT }

  private final JdbcClient jdbc;
  private final JdbcTemplate template;
  private final Clock clock;

  LoginStatus(JdbcClient jdbc, JdbcTemplate template, Clock clock) {
    this.jdbc = jdbc;
    this.template = template;
    this.clock = clock;
  }

  public Status of(String login) {
    if (login == null) {
      return Status.ACTIVE;
    }
    List<Integer> flags = jdbc.sql("""
            select case when exists (select 1 from people where user_id = ? and left_at is not null) then 2
                        when exists (select 1 from password_change_required where user_id = ?) then 1
                        else 0 end
            """).params(login, login).query(Integer.class).list();
    int flag = flags.isEmpty() ? 0 : flags.get(0);
    return flag == 2 ? Status.LEFT : flag == 1 ? Status.MUST_CHANGE_PASSWORD : Status.ACTIVE;
  }

  public boolean mustChangePassword(String login) {
    return of(login) == Status.MUST_CHANGE_PASSWORD;
  }

  /** These logins must set their own password at their next login. */
  void requirePasswordChange(Collection<String> logins) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    template.batchUpdate("delete from password_change_required where user_id = ?",
        logins.stream().map(login -> new Object[] {login}).toList());
    template.batchUpdate("insert into password_change_required (user_id, since) values (?, ?)",
        logins.stream().map(login -> new Object[] {login, now}).toList());
  }

  void passwordChanged(String login) {
    jdbc.sql("delete from password_change_required where user_id = ?").param(login).update();
  }
}
