package org.liangze.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checkpoint's Merkle tree is RFC 9162's, with SM3; SM2 signatures verify and a changed byte does not. */
class CheckpointTreeTest {

  static final CheckpointTree.Leaf A = new CheckpointTree.Leaf("A01", 3, "aa".repeat(32));
  static final CheckpointTree.Leaf B = new CheckpointTree.Leaf("B01", 1, "bb".repeat(32));
  static final CheckpointTree.Leaf C = new CheckpointTree.Leaf("C01", 7, "cc".repeat(32));

  @Test
  void theTreeSplitsAtTheLargestPowerOfTwoBelowItsSizeAndSeparatesLeavesFromNodes() {
    byte[] a = CheckpointTree.leafHash(A);
    byte[] b = CheckpointTree.leafHash(B);
    byte[] c = CheckpointTree.leafHash(C);
    assertThat(CheckpointTree.root(List.of())).isEqualTo(hex(CheckpointTree.sm3(new byte[0])));
    assertThat(CheckpointTree.root(List.of(A))).isEqualTo(hex(a));
    // RFC 9162 2.1.1: MTH(D[3]) = SM3(0x01 || MTH(D[0:2]) || MTH(D[2:3]))
    assertThat(CheckpointTree.root(List.of(C, A, B))).as("leaves are sorted by unit code")
        .isEqualTo(hex(node(node(a, b), c)));
    assertThat(a).isNotEqualTo(node(a, b));
    // the leaf encodes its fields length-prefixed: ("A0", 13) and ("A01", 3) are different leaves
    assertThat(CheckpointTree.leafHash(new CheckpointTree.Leaf("A0", 13, A.headHash()))).isNotEqualTo(a);
  }

  @Test
  void anyChangedHeadChangesTheRoot() {
    List<CheckpointTree.Leaf> leaves = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      leaves.add(new CheckpointTree.Leaf("U%04d".formatted(i), i + 1, "%064x".formatted(i)));
    }
    String root = CheckpointTree.root(leaves);
    List<CheckpointTree.Leaf> shuffled = new ArrayList<>(leaves);
    Collections.shuffle(shuffled);
    assertThat(CheckpointTree.root(shuffled)).isEqualTo(root);
    leaves.set(617, new CheckpointTree.Leaf("U0617", 618, "%064x".formatted(999_999)));
    assertThat(CheckpointTree.root(leaves)).isNotEqualTo(root);
  }

  @Test
  void anSm2SignatureVerifiesUnderItsKeyOnly() {
    var key = CheckpointKeys.generate();
    var other = CheckpointKeys.generate();
    String publicKey = java.util.Base64.getEncoder().encodeToString(key.getPublic().getEncoded());
    byte[] statement = "liangze-checkpoint-v1\nseq:1\n".getBytes(StandardCharsets.UTF_8);
    String signature = CheckpointKeys.sign(key.getPrivate(), statement);
    assertThat(CheckpointKeys.verify(publicKey, statement, signature)).isTrue();
    assertThat(CheckpointKeys.verify(publicKey, "liangze-checkpoint-v1\nseq:2\n".getBytes(StandardCharsets.UTF_8),
        signature)).isFalse();
    assertThat(CheckpointKeys.verify(publicKey, statement, CheckpointKeys.sign(other.getPrivate(), statement)))
        .isFalse();
    assertThat(CheckpointKeys.verify(publicKey, statement, "not base64!")).isFalse();
  }

  private static byte[] node(byte[] left, byte[] right) {
    byte[] input = new byte[1 + left.length + right.length];
    input[0] = 1;
    System.arraycopy(left, 0, input, 1, left.length);
    System.arraycopy(right, 0, input, 1 + left.length, right.length);
    return CheckpointTree.sm3(input);
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
