package org.liangze.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.liangze.organisation.IdentitySync;
import org.liangze.organisation.Person;
import org.liangze.organisation.PersonRepository;
import org.liangze.organisation.Post;
import org.liangze.organisation.Role;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The start-up identity sync at district scale, a section of {@link DistrictScaleBenchmarkTest}: the district's
 * units get people up to {@value #PEOPLE} (five posts per unit, some people holding two), then the sync that creates
 * their Camunda users and memberships runs once (what the first start after an import does), and the sync of every
 * later start (nothing changed) is timed — the target, ≤ 10 s.
 */
final class IdentitySyncBenchmark {

  static final int PEOPLE = 5_000;

  private IdentitySyncBenchmark() {
  }

  /** Rows of the benchmark table: what, result, target. */
  static List<String[]> run(List<String> unitCodes, PersonRepository people, IdentitySync sync,
      TransactionTemplate transaction) {
    int existing = people.findAll().size();
    List<Person> generated = new ArrayList<>();
    Role[] roles = {Role.STAFF, Role.SECRETARY, Role.INSPECTOR, Role.TEAM_MEMBER, Role.STAFF};
    for (int i = 0; existing + generated.size() < PEOPLE; i++) {
      String unit = unitCodes.get(i % unitCodes.size());
      Role role = roles[(i / unitCodes.size()) % roles.length];
      List<Post> posts = new ArrayList<>(List.of(new Post(unit, role)));
      if (role == Role.INSPECTOR) {
        // a unit's discipline inspector who also sits on its team: two posts
        posts.add(new Post(unit, Role.TEAM_MEMBER));
      }
      generated.add(new Person("p%05d".formatted(i), "人员%d".formatted(i), null, null, posts));
    }
    long upsertStart = System.nanoTime();
    transaction.executeWithoutResult(status -> people.upsertAll(generated));
    long upsertMillis = millisSince(upsertStart);
    int total = people.findAll().size();
    assertThat(total).isEqualTo(PEOPLE);

    long firstStart = System.nanoTime();
    IdentitySync.Result first = sync.sync();
    long firstMillis = millisSince(firstStart);
    assertThat(first.usersCreated()).isEqualTo(generated.size());

    long startUpStart = System.nanoTime();
    IdentitySync.Result startUp = sync.sync();
    long startUpMillis = millisSince(startUpStart);
    assertThat(startUp.writes()).as("a sync with nothing changed writes nothing").isZero();

    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"Identity: " + generated.size() + " people with their posts written in one batch "
        + "(PersonRepository.upsertAll, as the import applies)", upsertMillis + " ms", ""});
    rows.add(new String[] {"Identity sync creating them in Camunda (" + first.usersCreated() + " users, "
        + first.membershipsCreated() + " memberships; the first start after an import)", firstMillis + " ms", ""});
    rows.add(new String[] {"Start-up identity sync, " + unitCodes.size() + " units / " + total + " people "
        + "(nothing changed: reads users, groups, memberships, authorizations in a few queries, writes none)",
        startUpMillis + " ms", "≤ 10 s"});
    return rows;
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
