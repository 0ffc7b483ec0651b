/*
 * Liangze: Camunda Forms (form-js, bundled with Tasklist 7.24) writes a few texts of its own in English whatever the
 * locale: a searchable list's "Search" and "No results", a list's "Select", and its validation messages ("Field is
 * required." …). This script, loaded before the app starts (customScripts in scripts/config.js), puts them in Chinese
 * wherever a form shows them. Not a plugin: the default export is empty.
 */

const MESSAGES = [
  [/^Field is required\.$/, () => '此项为必填项。'],
  [/^Field must have minimum length of (\d+)\.$/, m => `至少填写${m[1]}个字。`],
  [/^Field must have maximum length of (\d+)\.$/, m => `最多填写${m[1]}个字。`],
  [/^Field must have minimum value of (.+)\.$/, m => `不能小于${m[1]}。`],
  [/^Field must have maximum value of (.+)\.$/, m => `不能大于${m[1]}。`],
  [/^Field must match pattern .+\.$/, () => '格式不正确。'],
  [/^Field must be a valid email\.$/, () => '请填写正确的电子邮箱。'],
  [/^No results$/, () => '没有符合的选项'],
  [/^Select$/, () => '请选择']
];
const PLACEHOLDERS = {Search: '输入文字查找'};
const TEXT_SELECTOR = '.fjs-form-field-error, .fjs-form-field-error li, .fjs-dropdownlist-empty, .fjs-select-display';

function translated(text) {
  for (const [pattern, chinese] of MESSAGES) {
    const match = pattern.exec(text.trim());
    if (match) {
      return chinese(match);
    }
  }
  return null;
}

function translate(root) {
  root.querySelectorAll(TEXT_SELECTOR).forEach(element => {
    element.childNodes.forEach(node => {
      if (node.nodeType === Node.TEXT_NODE) {
        const chinese = translated(node.nodeValue);
        if (chinese !== null) {
          node.nodeValue = chinese;
        }
      }
    });
  });
  root.querySelectorAll('.fjs-container input[placeholder]').forEach(input => {
    const chinese = PLACEHOLDERS[input.getAttribute('placeholder')];
    if (chinese) {
      input.setAttribute('placeholder', chinese);
    }
  });
}

function watch() {
  let pending = false;
  new MutationObserver(() => {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(() => {
        pending = false;
        translate(document.body);
      });
    }
  }).observe(document.body, {childList: true, subtree: true, characterData: true, attributes: true,
    attributeFilter: ['placeholder']});
  translate(document.body);
}

if (document.body) {
  watch();
} else {
  document.addEventListener('DOMContentLoaded', watch);
}

export default [];
