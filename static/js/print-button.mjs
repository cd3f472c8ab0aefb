// A "Print this page" button, shown only when JavaScript runs: without it the button would do
// nothing, and the page already says it can be printed from the browser. Loaded from a static
// file because the Content Security Policy forbids inline script.
document.querySelectorAll("[data-print-button]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
