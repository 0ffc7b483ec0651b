package org.liangze.sso;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.web.util.HtmlUtils;

/**
 * A login through the provider that gives no access: a Chinese page saying why and what to do, 403, never a stack
 * trace. Someone the platform does not know ({@link SsoPeople#UNKNOWN_PERSON}) is told to have themselves
 * registered; any other failure (the provider refused, the answer could not be checked) to try again.
 */
class SsoRefusal implements AuthenticationFailureHandler {

  static final String UNKNOWN_TITLE = "统一身份认证账号未在本平台登记";
  static final String UNKNOWN_TEXT = "您已通过统一身份认证，但本平台的组织人员名单中没有与该账号（登录名或手机号码）对应的人员，"
      + "因此不能进入平台。请联系本单位或区纪委监委的组织管理员，核对您在平台登记的登录名和手机号码后再登录。";
  static final String FAILED_TITLE = "统一身份认证登录未成功";
  static final String FAILED_TEXT = "统一身份认证未能完成登录，请重新登录；如仍不成功，请联系系统管理员。";

  private static final Logger log = LoggerFactory.getLogger(SsoRefusal.class);

  @Override
  public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
      AuthenticationException failure) throws IOException {
    boolean unknown = failure instanceof OAuth2AuthenticationException oauth
        && SsoPeople.UNKNOWN_PERSON.equals(oauth.getError().getErrorCode());
    if (!unknown) {
      log.warn("Single sign-on failed: {}", failure.getMessage());
    }
    String again = request.getContextPath() + "/camunda/app/tasklist/default/";
    String title = unknown ? UNKNOWN_TITLE : FAILED_TITLE;
    String page = "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"UTF-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + title + "</title>"
        + "<style>body{font-family:sans-serif;max-width:40em;margin:3em auto;padding:0 1em;line-height:1.6}"
        + "h1{font-size:1.4em;color:#a61d24}</style></head><body><h1>" + title + "</h1><p>"
        + (unknown ? UNKNOWN_TEXT : FAILED_TEXT) + "</p><p><a href=\"" + HtmlUtils.htmlEscape(again)
        + "\">重新登录</a></p></body></html>";
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    response.setContentType("text/html;charset=UTF-8");
    response.setHeader("Cache-Control", "no-store");
    response.getOutputStream().write(page.getBytes(StandardCharsets.UTF_8));
  }
}
