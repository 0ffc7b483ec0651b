package org.liangze.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SMS channel's signer against the worked example of Alibaba Cloud's signature documentation. */
class AliyunSignatureTest {

  @Test
  void signsTheDocumentedExampleToTheDocumentedSignature() {
    Map<String, String> parameters = Map.of("SignatureVersion", "1.0", "Action", "DescribeRegions", "Format", "XML",
        "SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf", "Version", "2014-05-26", "AccessKeyId", "testid",
        "SignatureMethod", "HMAC-SHA1", "Timestamp", "2016-02-23T12:46:24Z");
    assertThat(AliyunSignature.stringToSign("GET", parameters)).isEqualTo("GET&%2F&AccessKeyId%3Dtestid"
        + "%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-"
        + "44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D"
        + "2014-05-26");
    assertThat(AliyunSignature.sign("GET", parameters, "testsecret")).isEqualTo("OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
  }

  @Test
  void encodesAsRfc3986() {
    assertThat(AliyunSignature.percentEncode("a b*c~d+e/中")).isEqualTo("a%20b%2Ac~d%2Be%2F%E4%B8%AD");
  }
}
