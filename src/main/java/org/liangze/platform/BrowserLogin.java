package org.liangze.platform;

import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Where a browser opening one of the platform's pages ({@code GET /pages/**}) without a login is sent, when a
 * feature provides one (single sign-on: the identity provider's login, org.liangze.sso). Without such a bean, and
 * for {@code /api} always, the answer is HTTP Basic's 401.
 */
public interface BrowserLogin extends AuthenticationEntryPoint {
}
