// The app's page script (ui/language.py, page_script): run in the browser on every page.
//
// 1. Streamlit's own English texts (the file uploader, the status widget, the "Page not found"
//    dialog, widgets' screen-reader labels ...) are swapped for the Chinese of the message
//    catalogue (ui/i18n/catalogue/builtin.py) while the interface is Chinese. Only exact matches
//    of that table are touched: a text node only inside Streamlit's own parts of the page
//    (CHROME), never inside what the app shows (CONTENT), and the aria-label, title and
//    placeholder attributes (and alt, and Vega's aria-roledescription), which no document text
//    can set. Templates fill a {value} (any text) and a {number} (digits only) in place. With
//    an empty table (English) the swapped texts are put back and nothing is watched.
// 2. On a narrow screen, where the open sidebar lies over the page, choosing a page in the
//    sidebar closes it.
// 3. The document's language (the lang attribute of the root element, "en" in Streamlit's
//    page) is the interface's: zh-CN in Chinese, so that screen readers, fonts and line
//    breaking treat the page as Chinese. (No tag may be written in this script, not even in a
//    comment: the page's HTML sanitiser would then drop the whole script.)
function policylensPage(texts, templates, narrowPx, documentLanguage) {
  "use strict";
  if (documentLanguage && document.documentElement.lang !== documentLanguage) {
    document.documentElement.lang = documentLanguage;
  }
  const CHROME = [
    '[data-testid="stFileUploaderDropzone"]',
    '[data-testid="stFileUploaderFile"]',
    '[data-testid="stFileChip"]',
    '[data-testid="stFileUploader"] [data-testid^="stBaseButton"]',
    '[data-testid="stDateInputCalendar"]',
    '[id^="react-aria-description-"]',
    '[data-testid="InputInstructions"]',
    '[data-testid="stStatusWidget"]',
    '[data-testid="stMainMenuPopover"]',
    '[data-testid="stSidebarNavViewButton"]',
    '[data-testid="stSkipToContent"]',
    '[data-testid="stTooltipContent"]',
    '[role="dialog"]',
    '[role="listbox"]',
    '[role="tooltip"]',
    // React Aria's live region, what a screen reader says as a select box opens ("4 options
    // available.") or a choice is made
    '[data-live-announcer="true"]',
  ].join(",");
  const CONTENT = [
    '[data-testid="stFileUploaderFileName"]',
    '[data-testid="stFileChipName"]',
    '[role="dialog"] [data-testid="stVerticalBlock"]',
  ].join(",");
  const ATTRIBUTES = ["aria-label", "aria-roledescription", "title", "placeholder", "alt"];
  const LONGEST = 200;

  const shell = window.policylensShell || (window.policylensShell = { swapped: [] });
  // templates with a {value} (any text: a widget's label, a file's name, a month) and/or a
  // {number} (a size such as "38.0B": digits only), each made a whole-text pattern; the longest
  // fixed part first, so "Limit {value} per file" wins over "{value} per file"
  const SLOT = /(\{value\}|\{number\})/;
  const NUMBER = "(\\d+(?:\\.\\d+)?)";
  const patterns = templates
    .map(([english, chinese]) => {
      const parts = english.split(SLOT);
      const slots = parts.filter((part, i) => i % 2 === 1);
      const source = parts
        .map((part, i) => {
          if (i % 2 === 0) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
          return part === "{number}" ? NUMBER : "(.+?)";
        })
        .join("");
      const fixed = parts.filter((part, i) => i % 2 === 0).join("").length;
      return { pattern: new RegExp(`^${source}$`), slots, chinese, fixed };
    })
    .sort((a, b) => b.fixed - a.fixed);

  function translated(text) {
    const key = text.trim();
    if (!key || key.length > LONGEST || !/[A-Za-z]/.test(key)) return null;
    if (Object.prototype.hasOwnProperty.call(texts, key)) return text.replace(key, texts[key]);
    for (const { pattern, slots, chinese } of patterns) {
      const found = pattern.exec(key);
      if (!found) continue;
      const filled = {};
      slots.forEach((slot, i) => (filled[slot] = found[i + 1]));
      return text.replace(key, chinese.replace(/\{value\}|\{number\}/g, (slot) => filled[slot]));
    }
    return null;
  }

  function remember(node, attribute, english, chinese) {
    if (shell.swapped.length > 2000) shell.swapped = shell.swapped.filter((s) => s[0].isConnected);
    shell.swapped.push([node, attribute, english, chinese]);
  }

  function swapText(node) {
    const element = node.parentElement;
    const chinese = translated(node.nodeValue);
    if (chinese === null || !element || !element.closest(CHROME) || element.closest(CONTENT)) {
      return;
    }
    remember(node, null, node.nodeValue, chinese);
    node.nodeValue = chinese;
  }

  function swapAttribute(element, name) {
    const value = element.getAttribute(name);
    const chinese = value === null ? null : translated(value);
    if (chinese === null) return;
    remember(element, name, value, chinese);
    element.setAttribute(name, chinese);
  }

  function sweep(root) {
    if (root.nodeType === Node.TEXT_NODE) return swapText(root);
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    ATTRIBUTES.forEach((name) => swapAttribute(root, name));
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) swapText(node);
      else ATTRIBUTES.forEach((name) => swapAttribute(node, name));
    }
  }

  function restore() {
    for (const [node, attribute, english, chinese] of shell.swapped) {
      if (!node.isConnected) continue;
      if (attribute === null) {
        if (node.nodeValue === chinese) node.nodeValue = english;
      } else if (node.getAttribute(attribute) === chinese) {
        node.setAttribute(attribute, english);
      }
    }
    shell.swapped = [];
  }

  if (shell.observer) shell.observer.disconnect();
  shell.observer = null;
  restore();
  if (Object.keys(texts).length || patterns.length) {
    shell.observer = new MutationObserver((records) => {
      for (const record of records) {
        if (record.type === "childList") record.addedNodes.forEach(sweep);
        else if (record.type === "characterData") swapText(record.target);
        else swapAttribute(record.target, record.attributeName);
      }
    });
    sweep(document.body);
    shell.observer.observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ATTRIBUTES,
    });
  }

  if (!shell.closesSidebar) {
    shell.closesSidebar = true;
    document.addEventListener(
      "click",
      (event) => {
        const target = event.target instanceof Element ? event.target : null;
        if (!target || !target.closest('[data-testid="stSidebarNav"] a')) return;
        if (window.innerWidth >= narrowPx) return;
        setTimeout(() => {
          const sidebar = document.querySelector('[data-testid="stSidebar"]');
          if (!sidebar || sidebar.getAttribute("data-collapsed") === "true") return;
          const close = sidebar.querySelector('button[aria-controls="stSidebar"]');
          if (close) close.click();
        }, 0);
      },
      true
    );
  }
}
