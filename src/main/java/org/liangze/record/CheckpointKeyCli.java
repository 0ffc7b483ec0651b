package org.liangze.record;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;

/**
 * Generates the SM2 key pair that signs the record manual's checkpoints, once at installation (and again to
 * rotate it), on a machine of the commission's choosing:
 *
 * <pre>
 * java -Dloader.main=org.liangze.record.CheckpointKeyCli -jar liangze.jar --out=/etc/liangze/checkpoint-key.pem \
 *      [--previous=/etc/liangze/old-checkpoint-key.pem]
 * </pre>
 *
 * <p>Writes the private key (PEM, readable by its owner only; never into the database) and, beside it,
 * {@code <out>.pub.pem}, the public part to publish and keep with the receipts, and prints the fingerprint. With
 * {@code --previous} the old key signs the new public key, and the new key file carries that endorsement: the first
 * checkpoint under the new key hands trust over from the old one. Exit code 0: written; 2: wrong usage or the file
 * exists.
 */
public final class CheckpointKeyCli {

  private CheckpointKeyCli() {
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out));
  }

  static int run(String[] args, PrintStream out) {
    Path file = null;
    Path previous = null;
    for (String arg : args) {
      if (arg.startsWith("--out=")) {
        file = Path.of(arg.substring("--out=".length()));
      } else if (arg.startsWith("--previous=")) {
        previous = Path.of(arg.substring("--previous=".length()));
      } else {
        file = null;
        break;
      }
    }
    if (file == null) {
      out.println("usage: --out=<new key file> [--previous=<the key it replaces>]");
      return 2;
    }
    if (Files.exists(file)) {
      out.println(file + " exists: a key is never overwritten");
      return 2;
    }
    try {
      CheckpointKeys.SigningKey old = previous == null ? null : CheckpointKeys.read(previous);
      KeyPair pair = CheckpointKeys.generate();
      CheckpointKeys.write(file, pair, old);
      Path pub = Path.of(file + ".pub.pem");
      Files.writeString(pub, CheckpointKeys.publicPem(pair.getPublic().getEncoded()));
      out.println("SM2 checkpoint key written to " + file + " (keep it off the database server's disks and backups)");
      out.println("Public key: " + pub);
      out.println("Fingerprint (SM3): " + CheckpointKeys.fingerprint(pair.getPublic().getEncoded()));
      if (old != null) {
        out.println("Endorsed by the previous key " + old.keyId());
      }
      return 0;
    } catch (IOException | RuntimeException e) {
      out.println("Key generation failed: " + e.getMessage());
      return 2;
    }
  }
}
