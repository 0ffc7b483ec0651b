package org.liangze.record;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The signed checkpoints and their leaves (record_checkpoints, record_checkpoint_heads): read and append only. */
@Repository
class CheckpointRepository {

  static final RowMapper<Checkpoint> CHECKPOINT = CheckpointRepository::checkpoint;
  static final RowMapper<CheckpointTree.Leaf> LEAF = (rs, row) -> new CheckpointTree.Leaf(rs.getString("unit_code"),
      rs.getLong("seq"), rs.getString("head_hash"));

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;

  CheckpointRepository(JdbcClient jdbc, DataSource dataSource) {
    this.jdbc = jdbc;
    this.batch = new JdbcTemplate(dataSource);
  }

  /** Every unit's chain head, in unit order, from one statement (so one consistent snapshot). */
  List<CheckpointTree.Leaf> currentHeads() {
    return jdbc.sql("select unit_code, last_seq as seq, last_hash as head_hash from record_chain_heads "
        + "order by unit_code").query(LEAF).list();
  }

  void insert(Checkpoint checkpoint, List<CheckpointTree.Leaf> leaves) {
    jdbc.sql("""
            insert into record_checkpoints (seq, created_at, tree_size, root_hash, key_id, public_key,
                                            previous_key_id, key_endorsement, signature, made_by)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(checkpoint.seq(), RecordRepository.utc(checkpoint.createdAt()), checkpoint.treeSize(),
            checkpoint.rootHash(), checkpoint.keyId(), checkpoint.publicKey(), checkpoint.previousKeyId(),
            checkpoint.keyEndorsement(), checkpoint.signature(), checkpoint.madeBy())
        .update();
    batch.batchUpdate("insert into record_checkpoint_heads (checkpoint_seq, unit_code, seq, head_hash) "
        + "values (?, ?, ?, ?)", leaves, 500, (statement, leaf) -> {
          statement.setLong(1, checkpoint.seq());
          statement.setString(2, leaf.unitCode());
          statement.setLong(3, leaf.seq());
          statement.setString(4, leaf.headHash());
        });
  }

  Optional<Checkpoint> latest() {
    return jdbc.sql("select * from record_checkpoints order by seq desc limit 1").query(CHECKPOINT).optional();
  }

  Optional<Checkpoint> find(long seq) {
    return jdbc.sql("select * from record_checkpoints where seq = ?").param(seq).query(CHECKPOINT).optional();
  }

  /** Every checkpoint, oldest first. */
  List<Checkpoint> all() {
    return jdbc.sql("select * from record_checkpoints order by seq").query(CHECKPOINT).list();
  }

  List<CheckpointTree.Leaf> leaves(long checkpointSeq) {
    return jdbc.sql("select unit_code, seq, head_hash from record_checkpoint_heads where checkpoint_seq = ? "
        + "order by unit_code").param(checkpointSeq).query(LEAF).list();
  }

  /** The unit's signed heads in every checkpoint, newest checkpoint first. */
  List<SignedHead> signedHeads(String unitCode) {
    return jdbc.sql("select checkpoint_seq, seq, head_hash from record_checkpoint_heads where unit_code = ? "
            + "order by checkpoint_seq desc")
        .param(unitCode)
        .query((rs, row) -> new SignedHead(rs.getLong("checkpoint_seq"), unitCode, rs.getLong("seq"),
            rs.getString("head_hash"), false))
        .list();
  }

  /** Whether this key (fingerprint and public part) signed a stored checkpoint before. */
  boolean signedBefore(String keyId, String publicKey) {
    return jdbc.sql("select count(*) from record_checkpoints where key_id = ? and public_key = ?")
        .params(keyId, publicKey).query(Long.class).single() > 0;
  }

  /** The newest checkpoint made at or before the moment, if any. */
  Optional<Checkpoint> latestAtOrBefore(java.time.Instant moment) {
    return jdbc.sql("select * from record_checkpoints where created_at <= ? order by seq desc limit 1")
        .param(RecordRepository.utc(moment)).query(CHECKPOINT).optional();
  }

  /** The oldest checkpoint that signed the unit's chain at or beyond this entry, if any. */
  Optional<Long> firstCovering(String unitCode, long seq) {
    return jdbc.sql("select min(checkpoint_seq) from record_checkpoint_heads where unit_code = ? and seq >= ?")
        .params(unitCode, seq).query(Long.class).optional();
  }

  /** The unit's head as the checkpoint signed it, if the unit had entries then. */
  Optional<CheckpointTree.Leaf> leaf(long checkpointSeq, String unitCode) {
    return jdbc.sql("select unit_code, seq, head_hash from record_checkpoint_heads where checkpoint_seq = ? "
        + "and unit_code = ?").params(checkpointSeq, unitCode).query(LEAF).optional();
  }

  private static Checkpoint checkpoint(ResultSet rs, int row) throws SQLException {
    return new Checkpoint(rs.getLong("seq"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        rs.getInt("tree_size"), rs.getString("root_hash"), rs.getString("key_id"), rs.getString("public_key"),
        rs.getString("previous_key_id"), rs.getString("key_endorsement"), rs.getString("signature"),
        rs.getString("made_by"));
  }
}
