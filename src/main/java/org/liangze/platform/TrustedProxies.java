package org.liangze.platform;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.web.filter.ForwardedHeaderFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Forwarded} and {@code X-Forwarded-*} headers (client address, scheme, host, port, prefix) are believed only
 * from the proxies named in {@code liangze.trusted-proxies} ({@code LIANGZE_TRUSTED_PROXIES}: addresses and CIDR
 * ranges, comma-separated; default loopback only). From any other client they are removed before anything reads
 * them, so nobody makes the platform think a request came over HTTPS, from another address or for another host.
 * Applying them is Spring's {@link ForwardedHeaderFilter}; the client address is the right-most address of
 * {@code X-Forwarded-For} that is not itself a trusted proxy, so a client's own {@code X-Forwarded-For} that a proxy
 * appends to is not taken for the client. (This replaces {@code server.forward-headers-strategy: framework}, which
 * believes every client.)
 */
class TrustedProxies extends OncePerRequestFilter {

  static final String X_FORWARDED_FOR = "X-Forwarded-For";

  private final List<IpAddressMatcher> proxies;
  private final ForwardedHeaderFilter apply = new ForwardedHeaderFilter();
  private final ForwardedHeaderFilter remove = new ForwardedHeaderFilter();

  TrustedProxies(List<String> proxies) {
    this.proxies = proxies.stream().map(String::strip).filter(proxy -> !proxy.isEmpty())
        .map(IpAddressMatcher::new).toList();
    remove.setRemoveOnly(true);
  }

  @Configuration
  static class Registration {

    @Bean
    FilterRegistrationBean<TrustedProxies> trustedProxies(
        @Value("${liangze.trusted-proxies:127.0.0.1,::1}") String proxies) {
      FilterRegistrationBean<TrustedProxies> registration =
          new FilterRegistrationBean<>(new TrustedProxies(Arrays.asList(proxies.split(","))));
      registration.setName("liangze-trusted-proxies");
      // first of all, as Spring Boot places its own ForwardedHeaderFilter
      registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
      registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
      return registration;
    }
  }

  boolean trusted(String address) {
    return address != null && proxies.stream().anyMatch(proxy -> matches(proxy, address));
  }

  private static boolean matches(IpAddressMatcher proxy, String address) {
    try {
      return proxy.matches(address);
    } catch (IllegalArgumentException notAnAddress) {
      return false;
    }
  }

  @Override
  protected boolean shouldNotFilterAsyncDispatch() {
    return false;
  }

  @Override
  protected boolean shouldNotFilterErrorDispatch() {
    return false;
  }

  /** An error page is rendered for the same request: the same headers are applied (or removed) again. */
  @Override
  protected void doFilterNestedErrorDispatch(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    doFilterInternal(request, response, chain);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (trusted(request.getRemoteAddr())) {
      apply.doFilter(clientAddressOnly(request), response, chain);
    } else {
      remove.doFilter(request, response, chain);
    }
  }

  /** The request with {@code X-Forwarded-For} cut to the client: the right-most address no trusted proxy has. */
  private HttpServletRequest clientAddressOnly(HttpServletRequest request) {
    String forwardedFor = request.getHeader(X_FORWARDED_FOR);
    if (forwardedFor == null) {
      return request;
    }
    List<String> hops = Arrays.stream(forwardedFor.split(",")).map(String::strip).filter(hop -> !hop.isEmpty())
        .toList();
    String client = hops.isEmpty() ? null : hops.get(0);
    for (int i = hops.size() - 1; i >= 0; i--) {
      if (!trusted(hops.get(i))) {
        client = hops.get(i);
        break;
      }
    }
    String only = client;
    return new HttpServletRequestWrapper(request) {
      @Override
      public String getHeader(String name) {
        return X_FORWARDED_FOR.equalsIgnoreCase(name) ? only : super.getHeader(name);
      }

      @Override
      public Enumeration<String> getHeaders(String name) {
        return X_FORWARDED_FOR.equalsIgnoreCase(name)
            ? Collections.enumeration(only == null ? List.of() : List.of(only)) : super.getHeaders(name);
      }
    };
  }
}
