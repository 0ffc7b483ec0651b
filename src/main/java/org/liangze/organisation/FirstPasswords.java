package org.liangze.organisation;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One-time passwords for people: random and strong, kept only as Camunda's password hash, and the person must set
 * their own at the first login. The organisation import issues them for the people it adds (and hands them to
 * the importing administrator once); an administrator resets one. Passwords are never logged.
 */
@Service
public class FirstPasswords {

  private static final Logger log = LoggerFactory.getLogger(FirstPasswords.class);
  /** No look-alikes (I l 1 O 0), so a password read off a sheet is typed right. */
  private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
  private static final String LOWER = "abcdefghijkmnpqrstuvwxyz";
  private static final String DIGITS = "23456789";
  private static final String OTHER = "#%+=@";
  private static final int LENGTH = 12;

  private final IdentityService identity;
  private final CommandExecutor commands;
  private final PersonRepository people;
  private final LoginStatus status;
  private final PasswordRules rules;
  private final SecureRandom random = new SecureRandom();

  FirstPasswords(ProcessEngine engine, PersonRepository people, LoginStatus status, PasswordRules rules) {
    this.identity = engine.getIdentityService();
    this.commands = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getCommandExecutorTxRequired();
    this.people = people;
    this.status = status;
    this.rules = rules;
  }

  /**
   * Gives each of these logins (people of the organisation) a new one-time password: creates their Camunda user if
   * there is none yet, and flags them to change it at the first login. In the caller's transaction; the Camunda
   * writes go as one batch. Returns login → password, in the order given.
   */
  @Transactional
  public Map<String, String> issue(Collection<String> logins) {
    List<String> ids = List.copyOf(new LinkedHashSet<>(logins));
    if (ids.isEmpty()) {
      return Map.of();
    }
    Map<String, String> passwords = new LinkedHashMap<>();
    ids.forEach(id -> passwords.put(id, generate()));
    Map<String, String> names = people.names();
    commands.execute(context -> {
      // the importing administrator need not be a Camunda administrator: issuing is the platform's decision
      context.disableAuthorizationCheck();
      try {
        Map<String, User> existing = new HashMap<>();
        for (List<String> chunk : chunks(ids, 1000)) {
          identity.createUserQuery().userIdIn(chunk.toArray(String[]::new)).list()
              .forEach(user -> existing.put(user.getId(), user));
        }
        for (String id : ids) {
          User user = existing.get(id);
          if (user == null) {
            user = identity.newUser(id);
            user.setFirstName(names.getOrDefault(id, id));
            user.setLastName("");
          }
          user.setPassword(passwords.get(id));
          identity.saveUser(user);
        }
      } finally {
        context.enableAuthorizationCheck();
      }
      return null;
    });
    status.requirePasswordChange(ids);
    log.info("Issued one-time passwords for {} logins", ids.size());
    return Collections.unmodifiableMap(passwords);
  }

  /** An administrator's reset: a new one-time password for one login, which must be changed at the next login. */
  @Transactional
  public String reset(String login) {
    String password = issue(List.of(login)).get(login);
    commands.execute(context -> {
      context.disableAuthorizationCheck();
      try {
        identity.unlockUser(login);
      } finally {
        context.enableAuthorizationCheck();
      }
      return null;
    });
    return password;
  }

  String generate() {
    return generate(random, rules.minLength());
  }

  /** A random password of {@value #LENGTH} characters (more if the rules ask) mixing all four classes. */
  static String generate(SecureRandom random, int minLength) {
    int length = Math.max(LENGTH, minLength);
    List<Character> chars = new ArrayList<>(length);
    for (String alphabet : List.of(UPPER, LOWER, DIGITS, OTHER)) {
      chars.add(pick(random, alphabet));
    }
    String all = UPPER + LOWER + DIGITS + OTHER;
    while (chars.size() < length) {
      chars.add(pick(random, all));
    }
    Collections.shuffle(chars, random);
    StringBuilder password = new StringBuilder(length);
    chars.forEach(password::append);
    return password.toString();
  }

  private static char pick(SecureRandom random, String alphabet) {
    return alphabet.charAt(random.nextInt(alphabet.length()));
  }

  static <T> List<List<T>> chunks(List<T> list, int size) {
    List<List<T>> chunks = new ArrayList<>();
    for (int i = 0; i < list.size(); i += size) {
      chunks.add(list.subList(i, Math.min(list.size(), i + size)));
    }
    return chunks;
  }
}
