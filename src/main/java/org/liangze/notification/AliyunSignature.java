package org.liangze.notification;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Alibaba Cloud's RPC request signature (SignatureVersion 1.0, HMAC-SHA1), as its API reference describes it: the
 * parameters sorted by name, each name and value percent-encoded (RFC 3986: space as %20, * as %2A, ~ kept), joined
 * with {@code &} into the canonical query; the string to sign is {@code METHOD&%2F&} + the encoded canonical query;
 * the signature is Base64(HMAC-SHA1(secret + "&", string to sign)).
 */
final class AliyunSignature {

  private AliyunSignature() {
  }

  static String percentEncode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
        .replace("%7E", "~");
  }

  /** The canonical query string of the parameters (without Signature). */
  static String canonicalQuery(Map<String, String> parameters) {
    return new TreeMap<>(parameters).entrySet().stream()
        .map(e -> percentEncode(e.getKey()) + "=" + percentEncode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  static String stringToSign(String method, Map<String, String> parameters) {
    return method + "&" + percentEncode("/") + "&" + percentEncode(canonicalQuery(parameters));
  }

  static String sign(String method, Map<String, String> parameters, String accessKeySecret) {
    return Hmac.base64("HmacSHA1", accessKeySecret + "&", stringToSign(method, parameters));
  }
}
