package org.liangze.organisation;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.Order;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Access follows people, at once: after a change of the organisation commits ({@link OrganisationChanged}),
 * Camunda's identity is reconciled ({@link IdentitySync}), tasks that moved or departed people had claimed go back
 * to their units' groups (with a handover in the unit's record manual, {@link TaskHandedBack}), the user-level task
 * authorizations Camunda gave them as assignees are removed, and their HTTP sessions (the webapps' logins, kept by
 * Spring Session in the database) end, so nothing they had opened keeps working. At start-up, after the sync, tasks
 * still claimed by people who have left are handed back the same way.
 */
@Component
@Order(IdentitySync.ORDER + 1)
public class IdentityFollowsOrganisation implements ApplicationRunner {

  static final String SYSTEM = "system";

  private static final Logger log = LoggerFactory.getLogger(IdentityFollowsOrganisation.class);

  private final IdentitySync sync;
  private final PersonRepository people;
  private final TaskService tasks;
  private final IdentityService identity;
  private final AuthorizationService authorizations;
  private final ApplicationEventPublisher events;
  private final ObjectProvider<FindByIndexNameSessionRepository<?>> sessions;
  private final TransactionTemplate newTransaction;
  private final Clock clock;

  IdentityFollowsOrganisation(IdentitySync sync, PersonRepository people, TaskService tasks, IdentityService identity,
      AuthorizationService authorizations, ApplicationEventPublisher events,
      ObjectProvider<FindByIndexNameSessionRepository<?>> sessions, PlatformTransactionManager transactions,
      Clock clock) {
    this.sync = sync;
    this.people = people;
    this.tasks = tasks;
    this.identity = identity;
    this.authorizations = authorizations;
    this.events = events;
    this.sessions = sessions;
    this.newTransaction = new TransactionTemplate(transactions);
    this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
  }

  /** What following a change did. */
  public record Outcome(IdentitySync.Result sync, int tasksHandedBack, int sessionsEnded) {
  }

  /** After the change commits; a change published outside a transaction is followed at once. */
  @TransactionalEventListener(fallbackExecution = true)
  public void organisationChanged(OrganisationChanged change) {
    follow(change);
  }

  /** Follows a change at once (the listener's work; callable directly, outside a transaction). */
  public Outcome follow(OrganisationChanged change) {
    Set<String> affected = new LinkedHashSet<>(change.changedLogins());
    affected.addAll(change.leftLogins());
    String actor = change.actor() == null ? SYSTEM : change.actor();
    Outcome outcome = newTransaction.execute(status -> {
      IdentitySync.Result result = sync.sync();
      int handedBack = handBack(affected, change.leftLogins(), actor);
      return new Outcome(result, handedBack, 0);
    });
    // people whose groups the tree changed (a unit moved under them or away) log in again with their new groups
    Set<String> regrouped = new LinkedHashSet<>(affected);
    regrouped.addAll(outcome.sync().regroupedLogins());
    int ended = endSessions(regrouped);
    log.info("Organisation changed by {}: {} added, {} changed, {} left, {} units retired; {} tasks handed back, "
            + "{} sessions ended", actor, change.addedLogins().size(), change.changedLogins().size(),
        change.leftLogins().size(), change.retiredUnits().size(), outcome.tasksHandedBack(), ended);
    return new Outcome(outcome.sync(), outcome.tasksHandedBack(), ended);
  }

  @Override
  public void run(ApplicationArguments args) {
    Set<String> left = people.findLeft();
    if (left.isEmpty()) {
      return;
    }
    Integer handedBack = newTransaction.execute(status -> handBack(left, left, SYSTEM));
    if (handedBack != null && handedBack > 0) {
      log.info("Start-up: {} tasks still claimed by people who left went back to their units' groups", handedBack);
    }
  }

  /**
   * Unassigns every task claimed by one of {@code logins} that none of the person's current posts may work on
   * any more (its candidate groups stay), removes the assignee's task authorizations, and publishes a
   * {@link TaskHandedBack} per task for the unit's record manual. Runs as the platform, not as the caller.
   */
  int handBack(Set<String> logins, Set<String> departed, String actor) {
    if (logins.isEmpty()) {
      return 0;
    }
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      Map<String, String> names = people.names();
      int count = 0;
      List<Task> claimed = new ArrayList<>();
      for (List<String> chunk : FirstPasswords.chunks(List.copyOf(logins), 500)) {
        claimed.addAll(tasks.createTaskQuery().taskAssigneeIn(chunk.toArray(String[]::new)).list());
      }
      Map<String, Set<String>> groupsOf = new java.util.HashMap<>();
      for (Task task : claimed) {
        String login = task.getAssignee();
        Set<String> groups = groupsOf.computeIfAbsent(login, id -> people.find(id).map(Person::groupIds)
            .map(set -> (Set<String>) new HashSet<>(set)).orElse(Set.of()));
        List<String> candidates = tasks.getIdentityLinksForTask(task.getId()).stream()
            .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
            .map(IdentityLink::getGroupId)
            .toList();
        if (candidates.stream().anyMatch(groups::contains)) {
          continue; // still holds a post that works on it
        }
        tasks.setAssignee(task.getId(), null);
        for (Authorization authorization : authorizations.createAuthorizationQuery().userIdIn(login)
            .resourceType(Resources.TASK).resourceId(task.getId()).list()) {
          authorizations.deleteAuthorization(authorization.getId());
        }
        count++;
        Optional<String> unitGroup = candidates.stream().filter(group -> Groups.unitOf(group).isPresent())
            .findFirst();
        if (unitGroup.isPresent()) {
          events.publishEvent(new TaskHandedBack(Groups.unitOf(unitGroup.get()).orElseThrow(), unitGroup.get(),
              task.getId(), task.getName(), task.getProcessInstanceId(), login, names.getOrDefault(login, login),
              departed.contains(login), actor, clock.instant()));
        }
      }
      return count;
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }

  /** Ends every HTTP session of these logins (sessions are indexed by principal name, see {@link LoginGate}). */
  int endSessions(Set<String> logins) {
    FindByIndexNameSessionRepository<?> repository = sessions.getIfAvailable();
    if (repository == null) {
      return 0;
    }
    int ended = 0;
    for (String login : logins) {
      for (String sessionId : repository.findByPrincipalName(login).keySet()) {
        repository.deleteById(sessionId);
        ended++;
      }
    }
    return ended;
  }
}
