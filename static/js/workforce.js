// Workforce page behaviour. Loaded as a file: the CSP allows no inline script.
(function () {
  "use strict";
  // Move focus to the first field in error after a failed submit, so keyboard and
  // screen-reader users land on what needs fixing.
  document.addEventListener("DOMContentLoaded", function () {
    var invalid = document.querySelector("[aria-invalid='true']");
    if (invalid) { invalid.focus(); }
  });
})();
