package org.liangze.record;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.crypto.digests.SM3Digest;

/**
 * The Merkle tree of a checkpoint, as RFC 9162 (Certificate Transparency 2.0) §2.1.1 defines it, with SM3 as the
 * hash: a leaf is {@code SM3(0x00 || canonical(unit, seq, head hash))}, a node {@code SM3(0x01 || left || right)},
 * the leaves in unit-code order, and the tree over n leaves splits at the largest power of two below n. The empty
 * tree's root is SM3 of nothing.
 */
final class CheckpointTree {

  private CheckpointTree() {
  }

  /** One unit's chain head as a leaf of the tree. */
  record Leaf(String unitCode, long seq, String headHash) {
  }

  static final Comparator<Leaf> ORDER = Comparator.comparing(Leaf::unitCode);

  /** The root over the leaves, sorted by unit code first. Hex. */
  static String root(List<Leaf> leaves) {
    List<Leaf> sorted = leaves.stream().sorted(ORDER).toList();
    byte[][] hashes = new byte[sorted.size()][];
    for (int i = 0; i < hashes.length; i++) {
      hashes[i] = leafHash(sorted.get(i));
    }
    return HexFormat.of().formatHex(hashes.length == 0 ? sm3(new byte[0]) : subtree(hashes, 0, hashes.length));
  }

  static byte[] leafHash(Leaf leaf) {
    StringBuilder canonical = new StringBuilder("liangze-checkpoint-leaf-v1");
    for (String field : new String[] {leaf.unitCode(), Long.toString(leaf.seq()), leaf.headHash()}) {
      canonical.append('|').append(field.length()).append(':').append(field);
    }
    byte[] content = canonical.toString().getBytes(StandardCharsets.UTF_8);
    byte[] input = new byte[content.length + 1];
    input[0] = 0x00;
    System.arraycopy(content, 0, input, 1, content.length);
    return sm3(input);
  }

  private static byte[] subtree(byte[][] leaves, int from, int to) {
    int n = to - from;
    if (n == 1) {
      return leaves[from];
    }
    int k = Integer.highestOneBit(n - 1);
    byte[] left = subtree(leaves, from, from + k);
    byte[] right = subtree(leaves, from + k, to);
    byte[] input = new byte[1 + left.length + right.length];
    input[0] = 0x01;
    System.arraycopy(left, 0, input, 1, left.length);
    System.arraycopy(right, 0, input, 1 + left.length, right.length);
    return sm3(input);
  }

  static byte[] sm3(byte[] input) {
    SM3Digest digest = new SM3Digest();
    digest.update(input, 0, input.length);
    byte[] out = new byte[digest.getDigestSize()];
    digest.doFinal(out, 0);
    return out;
  }
}
