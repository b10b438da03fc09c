// The record's Print button: shown only when JavaScript can print; the browser's own Print works without it.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
