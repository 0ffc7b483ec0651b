package org.liangze.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.liangze.organisation.Official;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * How the demo's seeding acts: as a demo person with the groups identity sync gave them (so the engine's
 * authorizations apply as in Tasklist), completing tasks through the engine's TaskService with the variables their
 * forms submit, and running a process's asynchronous steps at once rather than waiting for the job executor (which
 * tests switch off; when it runs, whichever of the two takes a job first runs it).
 */
@Component
@Profile("demo")
class DemoActors {

  private static final Duration WAIT = Duration.ofSeconds(60);

  private final IdentityService identity;
  private final TaskService tasks;
  private final ManagementService management;

  DemoActors(IdentityService identity, TaskService tasks, ManagementService management) {
    this.identity = identity;
    this.tasks = tasks;
    this.management = management;
  }

  List<String> groupsOf(String userId) {
    return identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
  }

  Official official(String userId) {
    return Official.of(userId, groupsOf(userId));
  }

  /** Runs {@code work} as the person, logged in to the engine with their groups. */
  <T> T as(String userId, Supplier<T> work) {
    identity.setAuthentication(userId, groupsOf(userId));
    try {
      return work.get();
    } finally {
      identity.clearAuthentication();
    }
  }

  /** The person completes the instance's task of {@code element} (waiting for it) with their form's variables. */
  void complete(String userId, String processInstanceId, Enum<?> element, Map<String, Object> variables) {
    complete(userId, task(processInstanceId, element), variables);
  }

  void complete(String userId, Task task, Map<String, Object> variables) {
    as(userId, () -> {
      tasks.complete(task.getId(), variables);
      return null;
    });
  }

  /** The instance's one open task of {@code element}, after running the asynchronous steps before it. */
  Task task(String processInstanceId, Enum<?> element) {
    return tasks(processInstanceId, element, 1).get(0);
  }

  /** At least {@code count} open tasks of {@code element} (e.g. a multi-instance's), running jobs until they are. */
  List<Task> tasks(String processInstanceId, Enum<?> element, int count) {
    Instant until = Instant.now().plus(WAIT);
    while (true) {
      List<Task> open = tasks.createTaskQuery().processInstanceId(processInstanceId)
          .taskDefinitionKey(element.name()).list();
      if (open.size() >= count) {
        return open;
      }
      if (!runDueJobs(processInstanceId) && Instant.now().isAfter(until)) {
        throw new IllegalStateException("The demo waited in vain for " + element + " of " + processInstanceId);
      }
    }
  }

  /** Runs the instance's asynchronous continuations until none is left (timers stay). */
  void runJobs(String processInstanceId) {
    Instant until = Instant.now().plus(WAIT);
    while (management.createJobQuery().processInstanceId(processInstanceId).messages().count() > 0) {
      if (!runDueJobs(processInstanceId) && Instant.now().isAfter(until)) {
        throw new IllegalStateException("The demo waited in vain for the jobs of " + processInstanceId);
      }
    }
  }

  /** Runs the instance's executable message jobs once, or pauses briefly if there is none. */
  void runSomeJobs(String processInstanceId) {
    runDueJobs(processInstanceId);
  }

  /** Runs the instance's executable message jobs; whether any was there (else it pauses briefly). */
  private boolean runDueJobs(String processInstanceId) {
    List<Job> jobs = management.createJobQuery().processInstanceId(processInstanceId).messages().executable()
        .list();
    for (Job job : jobs) {
      try {
        management.executeJob(job.getId());
      } catch (OptimisticLockingException takenByTheJobExecutor) {
        // the job executor ran it at the same moment: done either way
      } catch (ProcessEngineException e) {
        if (management.createJobQuery().jobId(job.getId()).count() > 0
            && management.createJobQuery().jobId(job.getId()).singleResult().getExceptionMessage() != null) {
          throw e;
        }
        // gone meanwhile: the job executor ran it
      }
    }
    if (jobs.isEmpty()) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for the demo's jobs", e);
      }
    }
    return !jobs.isEmpty();
  }
}
