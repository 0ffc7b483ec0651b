package org.liangze.lists;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class QualityFlagRepository {

  private final JdbcClient jdbc;

  QualityFlagRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Replaces the list's flags with those of the latest check, so a repeated check leaves one set. */
  void replace(long listId, List<QualityFlag> flags, OffsetDateTime checkedAt) {
    jdbc.sql("delete from list_quality_flags where list_id = ?").param(listId).update();
    for (QualityFlag flag : flags) {
      jdbc.sql("""
              insert into list_quality_flags (list_id, kind, similar_unit_code, similarity, item_positions, item_count,
                                              max_items, message, checked_at)
              values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
          .params(listId, flag.kind().name(), flag.similarUnitCode(), flag.similarity(),
              flag.itemPositions().isEmpty() ? null
                  : String.join(",", flag.itemPositions().stream().map(String::valueOf).toList()),
              flag.itemCount(), flag.maxItems(), flag.message(), checkedAt)
          .update();
    }
  }

  List<QualityFlag> findByList(long listId) {
    return jdbc.sql("select * from list_quality_flags where list_id = ? order by id")
        .param(listId)
        .query((rs, row) -> new QualityFlag(QualityFlagKind.valueOf(rs.getString("kind")),
            rs.getString("similar_unit_code"), rs.getObject("similarity", Double.class),
            positions(rs.getString("item_positions")), rs.getObject("item_count", Integer.class),
            rs.getObject("max_items", Integer.class), rs.getString("message")))
        .list();
  }

  private static List<Integer> positions(String text) {
    return text == null ? List.of() : Arrays.stream(text.split(",")).map(Integer::valueOf).toList();
  }
}
