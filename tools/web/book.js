/* The web edition's script.  Everything is readable without it; it adds
   two things: the copy button of each code chunk, which copies the text
   notangle makes of the chunk (kept in the chunk's hidden textarea), and
   a button that overrides the system's light or dark theme.  It runs
   from file:// as well as from a server, and needs no network.

   It is loaded in <head> without defer, so that a chosen theme is set
   before the page is drawn; the rest waits for the document. */
(function () {
  "use strict";

  var root = document.documentElement;
  root.classList.add("js");

  /* ---------------------------------------------------------- theme */
  var KEY = "backprop-book-theme";
  var THEMES = ["auto", "light", "dark"];
  var LABELS = { auto: "Theme: system", light: "Theme: light", dark: "Theme: dark" };
  var ICONS = { auto: "\u25D0", light: "\u2600", dark: "\u263E" };

  function stored() {
    try {
      var t = window.localStorage.getItem(KEY);
      return THEMES.indexOf(t) >= 0 ? t : "auto";
    } catch (e) {
      return "auto";           /* storage may be off, e.g. for file:// */
    }
  }

  function apply(t) {
    if (t === "auto") root.removeAttribute("data-theme");
    else root.setAttribute("data-theme", t);
  }

  function store(t) {
    try {
      if (t === "auto") window.localStorage.removeItem(KEY);
      else window.localStorage.setItem(KEY, t);
    } catch (e) { /* the choice then lasts for this page only */ }
  }

  apply(stored());

  function addThemeButton() {
    var header = document.querySelector(".book-header");
    if (!header) return;
    var b = document.createElement("button");
    b.type = "button";
    b.className = "theme-toggle";
    var icon = document.createElement("span");
    var label = document.createElement("span");
    icon.className = "icon";
    icon.setAttribute("aria-hidden", "true");
    label.className = "label";
    b.appendChild(icon);
    b.appendChild(label);
    function show(t) {
      icon.textContent = ICONS[t];
      label.textContent = LABELS[t];
      b.title = "Colours: follow the system, light or dark (click to change)";
      b.setAttribute("data-theme", t);
    }
    show(stored());
    b.addEventListener("click", function () {
      var t = THEMES[(THEMES.indexOf(b.getAttribute("data-theme")) + 1) % THEMES.length];
      apply(t);
      store(t);
      show(t);
    });
    header.appendChild(b);
  }

  /* ----------------------------------------------------------- copy */
  /* The copy with a temporary textarea, for when the Clipboard API is
     missing or refuses (an insecure context, a document without focus). */
  function copyByCommand(text) {
    var ta = document.createElement("textarea");
    ta.value = text;
    ta.setAttribute("readonly", "");
    ta.style.position = "fixed";
    ta.style.top = "0";
    ta.style.left = "-9999px";
    ta.style.opacity = "0";
    document.body.appendChild(ta);
    var ok = false;
    try {
      ta.focus();
      ta.select();
      ta.setSelectionRange(0, text.length);
      ok = document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    document.body.removeChild(ta);
    return ok;
  }

  function copy(text, done) {
    if (navigator.clipboard && window.isSecureContext !== false) {
      navigator.clipboard.writeText(text).then(
        function () { done(true); },
        function () { done(copyByCommand(text)); });
    } else {
      done(copyByCommand(text));
    }
  }

  function flash(button, ok) {
    var label = "copy";
    button.setAttribute("aria-live", "polite");
    button.textContent = ok ? "copied" : "copy failed";
    button.classList.remove("copied", "failed");
    button.classList.add(ok ? "copied" : "failed");
    clearTimeout(button._timer);
    button._timer = setTimeout(function () {
      button.textContent = label;
      button.classList.remove("copied", "failed");
    }, 1600);
  }

  function onClick(ev) {
    var button = ev.target.closest ? ev.target.closest(".chunk .copy") : null;
    if (!button) return;
    var chunk = button.closest(".chunk");
    var ta = chunk && chunk.querySelector("textarea.tangled");
    if (!ta) return;
    /* value is the text as notangle writes it: the parser dropped the
       newline that follows <textarea>, entities are decoded */
    var text = ta.value;
    copy(text, function (ok) { flash(button, ok); });
  }

  function start() {
    addThemeButton();
    document.addEventListener("click", onClick);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
