// Công Sở — behaviour attached by class names (no inline handlers; CSP 'self').
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("select.cs-autosubmit").forEach((el) => {
    el.addEventListener("change", () => el.form.submit());
  });
});
