package org.liangze.platform;

import org.camunda.bpm.engine.impl.QueryOrderingProperty;
import org.camunda.bpm.engine.impl.TaskQueryImpl;

/**
 * Whether Camunda's task query, as {@link TaskAuthorizationSemiJoinPlugin} builds it, may return a task more than once
 * before its {@code DISTINCT}. With the authorization check a semi-join, only two of its joins can repeat a task: the
 * identity links, joined for the candidate criteria (the same condition as Camunda's {@code I_JOIN} in {@code
 * Task.xml}, which the plugin checks at start-up), and the variables a page is ordered by. Every other join is on a
 * primary key. Without either, neither the page nor the count needs a {@code DISTINCT}: for the page PostgreSQL would
 * otherwise sort every readable task on all of its columns to keep the first page (1,852 rows for a town's
 * secretary's 全部 list), for the count make every id unique again.
 */
public final class TaskQueryRepeats {

  private TaskQueryRepeats() {
  }

  /** Whether the query joins the identity links or orders by a variable. */
  public static boolean possible(TaskQueryImpl query) {
    for (TaskQueryImpl criteria : query.getQueries()) {
      if (criteria.getCandidateUser() != null || criteria.getCandidateGroups() != null
          || criteria.getCandidateGroupLike() != null || criteria.getInvolvedUser() != null
          || Boolean.TRUE.equals(criteria.isWithCandidateGroups())
          || Boolean.TRUE.equals(criteria.isWithCandidateUsers())) {
        return true;
      }
    }
    return query.getOrderingProperties().stream().map(QueryOrderingProperty::getRelation)
        .anyMatch(relation -> relation != null);
  }
}
