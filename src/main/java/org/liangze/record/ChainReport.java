package org.liangze.record;

/**
 * The result of verifying one unit's chain: how many entries were checked and, if the chain is broken, where it
 * first breaks; {@code checkpoint} is the number of the newest valid signed checkpoint the chain was checked
 * against (null if none covers it yet).
 */
public record ChainReport(String unitCode, long entriesChecked, Break firstBreak, Long checkpoint) {

  public ChainReport(String unitCode, long entriesChecked, Break firstBreak) {
    this(unitCode, entriesChecked, firstBreak, null);
  }

  public boolean intact() {
    return firstBreak == null;
  }

  /** What is wrong at a place in the chain. */
  public enum Problem {
    /** The entry's content no longer matches its sealed hash: it was edited. */
    EDITED("内容被修改"),
    /** An entry is missing from the sequence: it was deleted. */
    MISSING("记录被删除"),
    /** The entry does not link to the entry before it: the chain was re-sealed or rearranged. */
    RELINKED("链接断裂"),
    /** The chain ends before the entry the chain head names: its newest entries were deleted. */
    TAIL_MISSING("末尾记录被删除"),
    /** The entry names a hash algorithm the platform cannot verify. */
    UNKNOWN_ALGORITHM("未知的哈希算法"),
    /**
     * The chain, recomputed from the stored entries, no longer has the hash a signed checkpoint recorded at this
     * entry: the chain was rewritten and re-sealed after the checkpoint (by someone able to get past the database's
     * refusal). The rewrite lies after the unit's head in the checkpoint before and at or before this entry.
     */
    CHECKPOINT_MISMATCH("与签名检查点不符"),
    /**
     * The newest checkpoint covering the chain fails verification (its signature, its key, or its root over the
     * stored heads): the checkpoint table itself was changed. Expected: the signed root; found: the recomputed one.
     */
    CHECKPOINT_INVALID("签名检查点无效");

    private final String label;

    Problem(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * @param seq the sequence number of the first broken entry
   * @param expectedHash the hash the chain expects at that place
   * @param foundHash the hash actually found there (null if the entry is missing)
   */
  public record Break(long seq, Problem problem, String expectedHash, String foundHash) {
  }
}
