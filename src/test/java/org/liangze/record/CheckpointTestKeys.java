package org.liangze.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fresh SM2 checkpoint key in a temporary folder, for tests outside this package (the benchmark). */
public final class CheckpointTestKeys {

  private CheckpointTestKeys() {
  }

  public static Path newKey() {
    try {
      Path key = Files.createTempDirectory("liangze-checkpoint-key").resolve("checkpoint-key.pem");
      CheckpointKeys.write(key, CheckpointKeys.generate(), null);
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
