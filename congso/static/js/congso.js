// Công Sở — behaviour attached by class names (no inline handlers; CSP 'self').
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("select.cs-autosubmit").forEach((el) => {
    el.addEventListener("change", () => el.form.submit());
  });
});

// htmx swaps only 2xx answers by default; a form inside a ".cs-htmx-errors" target
// gets its 4xx answer (the same section with the form's Vietnamese errors) swapped
// in too, so refused input keeps its 4xx status and is still shown.
document.addEventListener("htmx:beforeSwap", (event) => {
  const status = event.detail.xhr.status;
  const target = event.detail.target;
  if (status >= 400 && status < 500 && target && target.closest(".cs-htmx-errors")) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
