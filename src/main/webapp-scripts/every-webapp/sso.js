/*
 * Liangze: single sign-on (OIDC, off by default; README "Single sign-on (OIDC)"). With it on, the server answers the
 * webapp's 退出 with the header X-Liangze-Sso-Logout naming the platform's logout, which ends the session here and
 * at the identity provider (org.liangze.sso.WebappLogout); and a request of a session that has no login with 401
 * and X-Liangze-Sso-Login, upon which the page is reloaded and so goes through the provider's login
 * (org.liangze.sso.SsoWebappAuthentication). Without single sign-on neither header is sent and this script does
 * nothing. Loaded before the app starts (customScripts in scripts/config.js). Not a plugin: the default export is
 * empty.
 */

const LOGOUT_HEADER = 'X-Liangze-Sso-Logout';
const LOGIN_HEADER = 'X-Liangze-Sso-Login';
let leaving = false;

function follow(status, logout, login) {
  if (leaving) {
    return;
  }
  if (logout && logout.startsWith('/')) {
    leaving = true;
    window.location.assign(logout);
  } else if (status === 401 && login) {
    leaving = true;
    window.location.reload();
  }
}

const send = XMLHttpRequest.prototype.send;
XMLHttpRequest.prototype.send = function (...args) {
  this.addEventListener('load', () =>
    follow(this.status, this.getResponseHeader(LOGOUT_HEADER), this.getResponseHeader(LOGIN_HEADER)));
  return send.apply(this, args);
};

if (window.fetch) {
  const originalFetch = window.fetch;
  window.fetch = (...args) => originalFetch(...args).then(response => {
    follow(response.status, response.headers.get(LOGOUT_HEADER), response.headers.get(LOGIN_HEADER));
    return response;
  });
}

export default [];
