package org.liangze.mytasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.filter.Filter;
import org.junit.jupiter.api.Test;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The shared Tasklist filters on a real PostgreSQL, as nodes starting together meet them: a start that finds them as
 * defined writes nothing, and starts at the same moment, after someone edited a filter in Tasklist, all succeed and
 * leave one filter of each name, as defined (two nodes saving the same filter at once used to stop one node's start
 * with an optimistic-locking failure).
 */
@SpringBootTest
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TasklistFiltersPostgresTest {

  static final List<String> NAMES = List.of(TasklistFilters.MY_TASKS, TasklistFilters.MY_UNIT_OVERDUE,
      TasklistFilters.DUE_SOON, TasklistFilters.DISTRICT_OVERDUE, TasklistFilters.ALL_VISIBLE);

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
  }

  @Autowired TasklistFilters tasklistFilters;
  @Autowired FilterService filters;
  @Autowired JdbcClient jdbc;

  @Test
  void aStartThatFindsTheFiltersAsDefinedWritesNothing() {
    tasklistFilters.ensureAll();
    Map<String, Integer> revisions = revisions();

    assertThat(tasklistFilters.ensureAll()).as("filters written by a second start").isZero();
    assertThat(revisions()).as("each filter's revision").isEqualTo(revisions);
  }

  @Test
  void startsAtTheSameMomentAllSucceedAndLeaveEachFilterOnceAsDefined() throws Exception {
    tasklistFilters.ensureAll();
    Filter edited = filters.createFilterQuery().filterName(TasklistFilters.ALL_VISIBLE).singleResult();
    Map<String, Object> properties = new java.util.HashMap<>(edited.getProperties());
    properties.put("description", "在任务列表中改过的说明");
    filters.saveFilter(edited.setProperties(properties));
    int revision = revisions().get(TasklistFilters.ALL_VISIBLE);

    ExecutorService nodes = Executors.newFixedThreadPool(3);
    try {
      Callable<Integer> start = tasklistFilters::ensureAll;
      List<Future<Integer>> starts = nodes.invokeAll(List.of(start, start, start));
      int written = 0;
      for (Future<Integer> each : starts) {
        written += each.get(); // a failed start throws here
      }
      assertThat(written).as("the edited filter is brought back once, by whichever start came first").isEqualTo(1);
    } finally {
      nodes.shutdownNow();
    }

    assertThat(jdbc.sql("select NAME_, count(*) from ACT_RU_FILTER group by NAME_")
        .query((rs, i) -> Map.entry(rs.getString(1), rs.getInt(2))).list())
        .filteredOn(entry -> NAMES.contains(entry.getKey()))
        .hasSize(NAMES.size()).allSatisfy(entry -> assertThat(entry.getValue()).as(entry.getKey()).isEqualTo(1));
    Filter restored = filters.createFilterQuery().filterName(TasklistFilters.ALL_VISIBLE).singleResult();
    assertThat(restored.getProperties().get("description")).asString().startsWith("本人有权查看的全部任务");
    assertThat(revisions().get(TasklistFilters.ALL_VISIBLE)).isEqualTo(revision + 1);
  }

  private Map<String, Integer> revisions() {
    Map<String, Integer> revisions = new java.util.TreeMap<>();
    jdbc.sql("select NAME_, REV_ from ACT_RU_FILTER").query(rs -> {
      if (NAMES.contains(rs.getString(1))) {
        revisions.put(rs.getString(1), rs.getInt(2));
      }
    });
    return revisions;
  }
}
