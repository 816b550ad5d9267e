// issue 14 (sessions): the idle warning (WCAG 2.2.1 Timing Adjustable; ASVS 5.0 V7.3).
// Loaded as a file (the CSP allows no inline script), on signed-in pages only.
//
// SESSION_WARNING_SECONDS before the session would end, a USWDS modal asks "Are you still
// there?". "Stay signed in" posts to the keep-alive endpoint (CSRF token from the dialog's
// own form) without reloading, so whatever the user typed stays in the page. Focus moves
// into the dialog (USWDS, data-focus) and back to where it was on closing. Before warning,
// and again at the end, the page asks the server how much time is really left (GET
// /session/, which does not count as activity), so activity in another tab is respected.
// When the session has ended, the dialog says so and offers sign-in in a new tab: typed
// text is kept only in this page, never copied into localStorage or sessionStorage (it may
// hold an SSN, and storage outlives the page on a shared PC).
(function () {
  "use strict";

  var root, modal, opener, statusUrl, warningMs, idleMs, absoluteEnd;
  var timer = null;
  var deadline = 0;      // when the session ends, in this page's clock
  var state = "closed";  // closed | warning | absolute | ended
  var returnFocus = null;
  var HEADINGS = { warning: "Are you still there?", absolute: "Your session is about to end",
                   ended: "You were signed out" };

  function schedule(secondsLeft) {
    deadline = Date.now() + secondsLeft * 1000;
    window.clearTimeout(timer);
    var wait = deadline - Date.now() - warningMs;
    if (wait > 0) { timer = window.setTimeout(check, wait); }
    else { timer = window.setTimeout(check, 0); }
  }

  function ask(method, body) {
    var options = { method: method, credentials: "same-origin", headers: { "Accept": "application/json" },
                    redirect: "manual", cache: "no-store" };
    if (body) { options.body = body; }
    var url = method === "GET" ? statusUrl : modal.querySelector("form[data-session-keep-alive]").action;
    return window.fetch(url, options).then(function (response) {
      if (response.type === "opaqueredirect" || !response.ok) { return { signed_in: false }; }
      return response.json();
    }).catch(function () { return null; });  // offline: decide by the page's own clock
  }

  function check() {
    ask("GET").then(function (answer) {
      if (answer === null) { answer = { signed_in: Date.now() < deadline, seconds_left: Math.max(0, (deadline - Date.now()) / 1000) }; }
      if (!answer.signed_in) { show("ended"); return; }
      var left = answer.seconds_left;
      if (left * 1000 > warningMs + 1000) {  // another tab kept the session alive
        close();
        schedule(left);
        return;
      }
      var absolute = answer.absolute_seconds_left <= answer.idle_seconds_left;
      show(absolute ? "absolute" : "warning", left);
      window.clearTimeout(timer);
      timer = window.setTimeout(check, left * 1000 + 500);
    });
  }

  function setWhen(name) {
    modal.querySelectorAll("[data-when]").forEach(function (el) {
      el.hidden = el.getAttribute("data-when") !== name;
    });
    document.getElementById("wf-session-heading").textContent = HEADINGS[name];
    modal.querySelectorAll("[data-focus]").forEach(function (el) { el.removeAttribute("data-focus"); });
    var first = modal.querySelector("[data-when='" + name + "'] .usa-button");
    if (first) { first.setAttribute("data-focus", ""); }
    return first;
  }

  function endTime(secondsLeft) {
    var end = new Date(Date.now() + secondsLeft * 1000);
    return end.toLocaleTimeString([], { hour: "numeric", minute: "2-digit" });
  }

  function show(name, secondsLeft) {
    if (name !== "ended") {
      modal.querySelectorAll("[data-session-end]").forEach(function (el) { el.textContent = endTime(secondsLeft); });
    }
    var wasOpen = state !== "closed";
    var first = setWhen(name);
    state = name;
    if (!wasOpen) {
      returnFocus = document.activeElement;
      opener.click();  // USWDS opens the modal, traps focus and moves it to [data-focus]
    } else if (first) {
      first.focus();  // the content changed under the user: take them to the new choice
    }
  }

  function close() {
    if (state === "closed") { return; }
    state = "closed";
    var closer = modal.querySelector("[data-session-close]");
    closer.click();  // USWDS closes only through one of its close controls
  }

  function restoreFocus() {
    window.setTimeout(function () {
      if (returnFocus && document.contains(returnFocus) && returnFocus.focus) { returnFocus.focus(); }
      returnFocus = null;
    }, 0);
  }

  function start() {
    root = document.getElementById("wf-session");
    modal = document.getElementById("wf-session-timeout");
    opener = document.getElementById("wf-session-opener");
    if (!root || !modal || !opener || !window.fetch) { return; }
    statusUrl = root.getAttribute("data-status-url");
    warningMs = parseInt(root.getAttribute("data-warning-seconds"), 10) * 1000;
    idleMs = parseInt(root.getAttribute("data-idle-seconds"), 10) * 1000;
    // The absolute end comes as a time (the same on every page), read on this computer's
    // clock; a skewed clock only moves the first check, whose answer comes from the server.
    absoluteEnd = parseInt(root.getAttribute("data-absolute-end"), 10) * 1000;
    schedule(Math.min(idleMs, absoluteEnd - Date.now()) / 1000);

    modal.querySelector("form[data-session-keep-alive]").addEventListener("submit", function (event) {
      event.preventDefault();
      ask("POST", new FormData(event.target)).then(function (answer) {
        if (!answer || !answer.signed_in) { show("ended"); return; }
        close();
        schedule(answer.seconds_left);
      });
    });
    modal.addEventListener("click", function (event) {
      if (event.target.closest("[data-close-modal]")) { state = "closed"; restoreFocus(); }
    });
    // htmx requests (the live search) are activity too: the server counted them.
    document.body.addEventListener("htmx:afterRequest", function () {
      if (state === "closed") { schedule(Math.min(idleMs, absoluteEnd - Date.now()) / 1000); }
    });
  }

  document.addEventListener("DOMContentLoaded", start);
})();
