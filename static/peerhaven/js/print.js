// The "Print" button of the printable recovery plan: shown only when JavaScript runs; Ctrl+P works without it.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
