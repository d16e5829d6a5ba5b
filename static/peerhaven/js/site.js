// Small enhancements only; every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // Select the whole new API token when it receives focus, to make copying easy.
  const token = document.getElementById("new-token");
  if (token) token.addEventListener("focus", () => token.select());
});
