package org.liangze.platform;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockFilterConfig;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Forwarded headers are believed from the configured proxies only. What the platform behind the filter sees of a
 * request with spoofed {@code X-Forwarded-*} headers, from a trusted proxy and from anyone else. (Over HTTP:
 * {@code SecurityIntegrationTest.forwardedHeadersFromAnUntrustedClientAreIgnored}.)
 */
class TrustedProxiesTest {

  /** A proxy of the cluster's network and the loopback address. */
  final TrustedProxies filter = filter("10.20.0.0/16, 127.0.0.1, ::1");

  record Seen(String scheme, boolean secure, String host, int port, String remoteAddr, String forwardedFor,
      String forwardedProto, String forwarded) {
  }

  @Test
  void fromAnUntrustedClientTheForwardedHeadersAreRemovedAndIgnored() throws Exception {
    Seen seen = send("203.0.113.7");
    assertThat(seen.scheme()).isEqualTo("http");
    assertThat(seen.secure()).isFalse();
    assertThat(seen.host()).isEqualTo("liangze.example");
    assertThat(seen.port()).isEqualTo(80);
    assertThat(seen.remoteAddr()).isEqualTo("203.0.113.7");
    assertThat(seen.forwardedFor()).isNull();
    assertThat(seen.forwardedProto()).isNull();
    assertThat(seen.forwarded()).isNull();
    // an address inside the cluster's range is a proxy; one just outside it is not
    assertThat(send("10.21.0.1").remoteAddr()).isEqualTo("10.21.0.1");
    assertThat(send("10.21.0.1").secure()).isFalse();
  }

  @Test
  void fromATrustedProxyTheyAreAppliedAndTheClientIsTheRightMostUntrustedAddress() throws Exception {
    Seen seen = send("10.20.3.4");
    assertThat(seen.scheme()).isEqualTo("https");
    assertThat(seen.secure()).isTrue();
    assertThat(seen.host()).isEqualTo("portal.example");
    assertThat(seen.port()).isEqualTo(443);
    // the client wrote "6.6.6.6" itself; the proxy appended the address it saw
    assertThat(seen.remoteAddr()).isEqualTo("198.51.100.9");
    assertThat(seen.forwardedFor()).isNull();
    assertThat(send("127.0.0.1").remoteAddr()).isEqualTo("198.51.100.9");
    assertThat(send("0:0:0:0:0:0:0:1").secure()).isTrue();
  }

  @Test
  void theDefaultTrustsLoopbackOnlyAndAnEmptyListNobody() throws Exception {
    TrustedProxies loopback = filter("127.0.0.1,::1");
    assertThat(loopback.trusted("127.0.0.1")).isTrue();
    assertThat(loopback.trusted("0:0:0:0:0:0:0:1")).isTrue();
    assertThat(loopback.trusted("10.20.3.4")).isFalse();
    assertThat(loopback.trusted("not-an-address")).isFalse();
    assertThat(filter("").trusted("127.0.0.1")).isFalse();
  }

  private Seen send(String remoteAddr) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/me");
    request.setRemoteAddr(remoteAddr);
    request.setServerName("liangze.example");
    request.setServerPort(80);
    request.addHeader("X-Forwarded-For", "6.6.6.6, 198.51.100.9");
    request.addHeader("X-Forwarded-Proto", "https");
    request.addHeader("X-Forwarded-Host", "portal.example");
    AtomicReference<Seen> seen = new AtomicReference<>();
    filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain() {
      @Override
      public void doFilter(jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res) {
        HttpServletRequest r = (HttpServletRequest) req;
        seen.set(new Seen(r.getScheme(), r.isSecure(), r.getServerName(), r.getServerPort(), r.getRemoteAddr(),
            r.getHeader("X-Forwarded-For"), r.getHeader("X-Forwarded-Proto"), r.getHeader("Forwarded")));
      }
    });
    return seen.get();
  }

  private static TrustedProxies filter(String proxies) {
    TrustedProxies filter = new TrustedProxies(List.of(proxies.split(",")));
    try {
      filter.init(new MockFilterConfig("liangze-trusted-proxies"));
    } catch (jakarta.servlet.ServletException e) {
      throw new IllegalStateException(e);
    }
    return filter;
  }
}
