// Workforce page behaviour. Loaded as a file: the CSP allows no inline script.
(function () {
  "use strict";

  // Move focus to the first field in error after a failed submit, so keyboard and
  // screen-reader users land on what needs fixing.
  document.addEventListener("DOMContentLoaded", function () {
    var invalid = document.querySelector("[aria-invalid='true']");
    if (invalid) { invalid.focus(); }
  });

  // A button marked data-once (e.g. "Create the account") is disabled once its form is
  // submitted, so a double click sends one request. The server also refuses a second one.
  document.addEventListener("submit", function (event) {
    var button = event.target.querySelector("button[data-once]");
    if (button) {
      window.setTimeout(function () { button.disabled = true; button.setAttribute("aria-disabled", "true"); }, 0);
    }
  });

  /* issue 12: small screens */
  // USWDS's open mobile menu marks everything else aria-hidden (data-nav-hidden) but leaves
  // it focusable: the user bar, the quick search, the skip link, the page. Make those parts
  // inert while the menu is open, so nothing hidden can take focus; on closing, give focus
  // back to the Menu button (USWDS tries before we lift inert, so its attempt can miss).
  function menuHidesWhatIsBehind() {
    var body = document.body;
    var ACTIVE = "usa-js-mobile-nav--active";
    var open = body.classList.contains(ACTIVE);
    new MutationObserver(function () {
      if (body.classList.contains(ACTIVE) === open) { return; }
      open = !open;
      if (open) {
        document.querySelectorAll("[data-nav-hidden]").forEach(function (el) {
          if (el.parentElement.closest("[data-nav-hidden]")) { return; }  // outermost only
          if (el.classList.contains("usa-overlay")) { return; }  // a click on it closes the menu
          el.inert = true;
          el.setAttribute("data-wf-inert", "");
        });
        return;
      }
      document.querySelectorAll("[data-wf-inert]").forEach(function (el) {
        el.inert = false;
        el.removeAttribute("data-wf-inert");
      });
      var menu = document.querySelector(".usa-menu-btn");
      var nav = document.querySelector(".usa-nav");
      var lost = !document.activeElement || document.activeElement === body ||
        (nav && nav.contains(document.activeElement));
      if (menu && lost && menu.getClientRects().length > 0) { menu.focus(); }
    }).observe(body, { attributes: true, attributeFilter: ["class"] });
  }

  document.addEventListener("DOMContentLoaded", menuHidesWhatIsBehind);

  // A table too wide for a small screen scrolls inside itself (workforce.css); while it
  // does, it takes focus (Tab), so the arrow keys scroll it. Its caption names it.
  function tablesScrollByKeyboard() {
    document.querySelectorAll("table.usa-table").forEach(function (table) {
      var scrolls = table.scrollWidth > table.clientWidth + 1;
      if (scrolls && !table.hasAttribute("tabindex")) {
        table.tabIndex = 0;
        table.setAttribute("data-wf-scrolls", "");
      } else if (!scrolls && table.hasAttribute("data-wf-scrolls")) {
        table.removeAttribute("tabindex");
        table.removeAttribute("data-wf-scrolls");
      }
    });
  }

  document.addEventListener("DOMContentLoaded", tablesScrollByKeyboard);
  window.addEventListener("resize", tablesScrollByKeyboard);
  document.addEventListener("htmx:afterSettle", tablesScrollByKeyboard);
  /* end issue 12: small screens */

  // The header quick search is an ARIA 1.2 combobox: results arrive through htmx
  // as role=option links; arrow keys move the active option, Enter opens it,
  // Escape closes the list, and Enter with no active option submits the search.
  function quickSearch() {
    var input = document.getElementById("quick-search");
    var list = document.getElementById("quick-search-results");
    if (!input || !list) { return; }
    var active = -1;

    function options() {
      return Array.prototype.slice.call(list.querySelectorAll("[role='option']:not([aria-disabled='true'])"));
    }
    function open(show) {
      list.hidden = !show;
      input.setAttribute("aria-expanded", show ? "true" : "false");
      if (!show) { setActive(-1); }
    }
    function setActive(index) {
      var all = options();
      all.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
        option.classList.toggle("is-active", i === index);
      });
      active = index;
      if (index >= 0 && all[index]) {
        input.setAttribute("aria-activedescendant", all[index].id);
        all[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    document.body.addEventListener("htmx:afterSwap", function (event) {
      if (event.detail.target !== list) { return; }
      active = -1;
      open(input.value.trim() !== "" && list.children.length > 0);
    });
    input.addEventListener("input", function () {
      if (input.value.trim() === "") { open(false); }
    });
    input.addEventListener("keydown", function (event) {
      var all = options();
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (list.hidden || all.length === 0) { return; }
        event.preventDefault();
        var step = event.key === "ArrowDown" ? 1 : -1;
        setActive((active + step + all.length) % all.length);
      } else if (event.key === "Enter" && active >= 0 && all[active]) {
        event.preventDefault();
        // Seekers are links (GET by id); "See all" is a button that POSTs the search.
        if (all[active].tagName === "BUTTON") { all[active].click(); }
        else { window.location.assign(all[active].getAttribute("href")); }
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();
        open(false);
      }
    });
    // Keep the list open while a pointer picks an option; close it when focus leaves.
    list.addEventListener("mousedown", function (event) { event.preventDefault(); });
    input.addEventListener("blur", function () { open(false); });
    input.addEventListener("focus", function () {
      if (input.value.trim() !== "" && list.children.length > 0) { open(true); }
    });
  }

  document.addEventListener("DOMContentLoaded", quickSearch);

  /* issue 12: credentials show toggle.
     A "Show password" / "Show secret answer" toggle button (data-show-toggle, aria-controls
     naming the input) lets staff read back what they typed to the caller. The button is
     rendered hidden and only shown here, so without script nothing is offered that does
     nothing. aria-pressed says whether the text is shown; the label stays the same, as a
     toggle button's should. On submit the fields become password fields again, so the
     browser keeps no text-field history of them. */
  function showToggles() {
    var buttons = document.querySelectorAll("button[data-show-toggle]");
    Array.prototype.forEach.call(buttons, function (button) {
      var input = document.getElementById(button.getAttribute("aria-controls"));
      if (!input) { return; }
      button.hidden = false;
      button.addEventListener("click", function () {
        var show = input.type === "password";
        input.type = show ? "text" : "password";
        button.setAttribute("aria-pressed", show ? "true" : "false");
      });
      if (input.form) {
        input.form.addEventListener("submit", function () {
          input.type = "password";
          button.setAttribute("aria-pressed", "false");
        });
      }
    });
  }

  document.addEventListener("DOMContentLoaded", showToggles);
  /* end issue 12: credentials show toggle */
})();

/* issue 12: letters */
// A "Print" button (data-print) opens the browser's print dialog. It is a real button
// that works by keyboard; the CSP forbids an inline onclick. Print CSS (workforce.css,
// @media print) leaves only the letters on paper.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) { window.print(); }
  });
})();

/* issue 12: the cursor goes where the work is.
   A form marked data-autofocus (every step of the phone registration) takes the focus when
   the page loads, so no step needs a run of Tabs through the header: its first field in
   error, else its first unanswered field (an empty box or list, a radio or checkbox group
   with nothing chosen), else its first button ("Create the account" on the review).
   data-autofocus="no-scroll" focuses without scrolling (the notice is read from its top).
   A control that already has the focus (an autofocus attribute) is left alone. */
(function () {
  "use strict";

  function usable(el) {
    return !el.disabled && !el.readOnly && el.type !== "hidden" && el.getClientRects().length > 0;
  }
  function unanswered(el, form) {
    if (el.type === "radio" || el.type === "checkbox") {
      return !Array.prototype.some.call(form.elements, function (other) {
        return other.name === el.name && other.checked;
      });
    }
    return el.value === "";
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-autofocus]");
    if (!form || (document.activeElement && document.activeElement !== document.body)) { return; }
    var fields = Array.prototype.filter.call(form.elements, function (el) {
      return /^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName) && !/^(submit|button|reset)$/.test(el.type) && usable(el);
    });
    var target = fields.filter(function (el) { return el.getAttribute("aria-invalid") === "true"; })[0] ||
      fields.filter(function (el) { return unanswered(el, form); })[0] ||
      Array.prototype.filter.call(form.querySelectorAll("button"), usable)[0];
    if (target) { target.focus({ preventScroll: form.getAttribute("data-autofocus") === "no-scroll" }); }
  });
})();

/* issue 14 (sessions): an hourly limit (429) comes with a message meant to be seen:
   htmx would otherwise drop an error answer without showing it. */
(function () {
  "use strict";
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr && event.detail.xhr.status === 429) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
})();
