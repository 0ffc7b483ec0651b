package org.liangze.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.jce.interfaces.ECPrivateKey;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jce.spec.ECParameterSpec;
import org.bouncycastle.jce.spec.ECPublicKeySpec;

/**
 * SM2 keys of the checkpoints (GM/T 0003, curve sm2p256v1, signatures SM3withSM2 with the standard's default user
 * id; Bouncy Castle). A key file is PEM: the private key (PKCS#8, {@code PRIVATE KEY}) and, for a key that replaced
 * another, the previous key's public part ({@code PUBLIC KEY}) and the previous key's signature over the new public
 * key ({@code LIANGZE KEY ENDORSEMENT}). A key is named by its fingerprint: SM3 of its public part (X.509
 * SubjectPublicKeyInfo, DER), hex.
 */
final class CheckpointKeys {

  static final String CURVE = "sm2p256v1";
  static final String ALGORITHM = "SM3withSM2";
  private static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();
  private static final Map<String, Boolean> VERIFIED = new java.util.concurrent.ConcurrentHashMap<>();
  private static final Pattern PEM = Pattern.compile(
      "-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");

  private CheckpointKeys() {
  }

  /** A signing key read from its file: the private key, its public part, and how it took over from its predecessor. */
  record SigningKey(PrivateKey privateKey, PublicKey publicKey, Endorsement endorsement) {

    String keyId() {
      return fingerprint(publicKey.getEncoded());
    }

    String publicKeyBase64() {
      return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }
  }

  /** The previous key's public part and its signature over the new key's public part. */
  record Endorsement(String previousPublicKey, String signature) {

    String previousKeyId() {
      return fingerprint(Base64.getDecoder().decode(previousPublicKey));
    }
  }

  static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", PROVIDER);
      generator.initialize(new ECGenParameterSpec(CURVE));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SM2 key generation failed", e);
    }
  }

  /** Writes a new key file (readable by its owner only); refuses to overwrite an existing one. */
  static void write(Path file, KeyPair pair, SigningKey previous) throws IOException {
    StringBuilder pem = new StringBuilder(pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    if (previous != null) {
      pem.append(pem("PUBLIC KEY", previous.publicKey().getEncoded()));
      pem.append(pem("LIANGZE KEY ENDORSEMENT", Base64.getDecoder().decode(
          sign(previous.privateKey(), endorsementStatement(pair.getPublic().getEncoded())))));
    }
    if (file.toAbsolutePath().getParent() != null) {
      Files.createDirectories(file.toAbsolutePath().getParent());
    }
    Files.writeString(file, pem, StandardCharsets.US_ASCII, java.nio.file.StandardOpenOption.CREATE_NEW);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException ignored) {
      // not a POSIX file system: the directory's permissions have to do
    }
  }

  /** Writes the public part of a key as PEM, for the go-live steps and the offline verification. */
  static String publicPem(byte[] publicKey) {
    return pem("PUBLIC KEY", publicKey);
  }

  static SigningKey read(Path file) {
    Map<String, byte[]> blocks;
    try {
      blocks = blocks(Files.readString(file, StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the checkpoint key " + file, e);
    }
    byte[] privateDer = blocks.get("PRIVATE KEY");
    if (privateDer == null) {
      throw new IllegalStateException("The checkpoint key file " + file + " holds no PRIVATE KEY block");
    }
    try {
      KeyFactory factory = KeyFactory.getInstance("EC", PROVIDER);
      PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(privateDer));
      ECPrivateKey ec = (ECPrivateKey) privateKey;
      ECParameterSpec spec = ec.getParameters();
      BigInteger d = ec.getD();
      PublicKey publicKey = factory.generatePublic(new ECPublicKeySpec(spec.getG().multiply(d).normalize(), spec));
      Endorsement endorsement = null;
      if (blocks.containsKey("PUBLIC KEY") && blocks.containsKey("LIANGZE KEY ENDORSEMENT")) {
        endorsement = new Endorsement(Base64.getEncoder().encodeToString(blocks.get("PUBLIC KEY")),
            Base64.getEncoder().encodeToString(blocks.get("LIANGZE KEY ENDORSEMENT")));
      }
      return new SigningKey(privateKey, publicKey, endorsement);
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new IllegalStateException("The checkpoint key file " + file + " holds no SM2 private key", e);
    }
  }

  /** The public keys in a PEM file (Base64 DER), e.g. the trusted first key of an installation. */
  static List<String> readPublicKeys(Path file) {
    try {
      Matcher matcher = PEM.matcher(Files.readString(file, StandardCharsets.US_ASCII));
      List<String> keys = new ArrayList<>();
      while (matcher.find()) {
        if ("PUBLIC KEY".equals(matcher.group(1))) {
          keys.add(Base64.getEncoder().encodeToString(Base64.getMimeDecoder().decode(matcher.group(2))));
        }
      }
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the public key " + file, e);
    }
  }

  /** SM2 signature over the bytes, DER, Base64. */
  static String sign(PrivateKey key, byte[] content) {
    try {
      Signature signature = Signature.getInstance(ALGORITHM, PROVIDER);
      signature.initSign(key);
      signature.update(content);
      return Base64.getEncoder().encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SM2 signing failed", e);
    }
  }

  /** Whether the signature (Base64 DER) over the content is the public key's (Base64 X.509 DER); false if malformed. */
  static boolean verify(String publicKey, byte[] content, String signatureBase64) {
    if (publicKey == null || signatureBase64 == null) {
      return false;
    }
    // a pure function of its inputs: every verification run checks the same old signatures again
    String key = publicKey + '|' + signatureBase64 + '|' + new String(content, StandardCharsets.UTF_8);
    Boolean known = VERIFIED.get(key);
    if (known != null) {
      return known;
    }
    if (VERIFIED.size() > 20_000) {
      VERIFIED.clear();
    }
    boolean verified = verifyUncached(publicKey, content, signatureBase64);
    VERIFIED.put(key, verified);
    return verified;
  }

  private static boolean verifyUncached(String publicKey, byte[] content, String signatureBase64) {
    try {
      PublicKey key = KeyFactory.getInstance("EC", PROVIDER)
          .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey)));
      Signature signature = Signature.getInstance(ALGORITHM, PROVIDER);
      signature.initVerify(key);
      signature.update(content);
      return signature.verify(Base64.getDecoder().decode(signatureBase64));
    } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
      return false;
    }
  }

  static String fingerprint(byte[] publicKeyDer) {
    return HexFormat.of().formatHex(CheckpointTree.sm3(publicKeyDer));
  }

  static String fingerprint(String publicKeyBase64) {
    try {
      return fingerprint(Base64.getDecoder().decode(publicKeyBase64));
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  /** What the previous key signs when it hands over to a new one. */
  static byte[] endorsementStatement(byte[] newPublicKey) {
    return ("liangze-key-endorsement-v1\nkey:" + fingerprint(newPublicKey) + "\npublic-key:"
        + Base64.getEncoder().encodeToString(newPublicKey) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private static Map<String, byte[]> blocks(String text) {
    Map<String, byte[]> blocks = new LinkedHashMap<>();
    Matcher matcher = PEM.matcher(text);
    while (matcher.find()) {
      blocks.putIfAbsent(matcher.group(1), Base64.getMimeDecoder().decode(matcher.group(2)));
    }
    return blocks;
  }
}
