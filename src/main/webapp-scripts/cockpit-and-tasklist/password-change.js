/*
 * Liangze: someone who must change an issued password (a first password, an administrator's reset) is taken to the
 * platform's password page (/pages/password) as soon as the webapp calls its API. The server refuses every webapp
 * API call of such a session with 403 and the header X-Liangze-Password-Change naming the page (LoginGate); this
 * script, loaded before the app starts (customScripts in scripts/config.js), watches the app's requests and goes
 * there. Not a plugin: the default export is empty.
 */

const HEADER = 'X-Liangze-Password-Change';
let leaving = false;

function toPasswordPage(status, page) {
  if (status === 403 && page && page.startsWith('/') && !leaving) {
    leaving = true;
    window.location.assign(page);
  }
}

const send = XMLHttpRequest.prototype.send;
XMLHttpRequest.prototype.send = function (...args) {
  this.addEventListener('load', () => toPasswordPage(this.status, this.getResponseHeader(HEADER)));
  return send.apply(this, args);
};

if (window.fetch) {
  const originalFetch = window.fetch;
  window.fetch = (...args) => originalFetch(...args).then(response => {
    toPasswordPage(response.status, response.headers.get(HEADER));
    return response;
  });
}

export default [];
