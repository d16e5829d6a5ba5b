// Small enhancements only; every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // Select the whole new API token when it receives focus, to make copying easy.
  const token = document.getElementById("new-token");
  if (token) token.addEventListener("focus", () => token.select());
  liveNotifications();
});

// A logged-in member's open pages learn of new notifications at once: the header's count goes up and screen
// readers hear one polite line. Notifications never hold what someone wrote, only who and where.
function liveNotifications() {
  const path = document.body.dataset.live;
  const link = document.getElementById("nav-notifications");
  if (!path || !link || !("WebSocket" in window)) return;
  const status = document.getElementById("live-status");
  let delay = 1000;
  let everOpened = false;
  let failures = 0;
  const connect = () => {
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    const socket = new WebSocket(scheme + location.host + path);
    socket.addEventListener("open", () => { delay = 1000; everOpened = true; failures = 0; });
    socket.addEventListener("message", (event) => {
      let message;
      try { message = JSON.parse(event.data); } catch { return; }
      if (message.kind === "notifications_read") {
        setCount(link, message.data ? message.data.unread : 0);
        return;
      }
      if (message.kind !== "notification") return;
      bump(link);
      if (status && message.data && message.data.text) {
        status.textContent = `${link.dataset.newLabel} ${message.data.text}`;
      }
    });
    socket.addEventListener("close", (event) => {
      if (event.code === 4401 || event.code === 4403) return;  // logged out or refused: stop
      failures += 1;
      if (!everOpened && failures >= 3) return;  // this server serves no sockets here; the page works without
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 60000);
    });
  };
  connect();
}

// Another page marked notifications read: show what is left (no badge at 0).
function setCount(link, unread) {
  const badge = link.querySelector(".badge");
  if (!unread) {
    if (badge) badge.remove();
    return;
  }
  if (!badge) bump(link);
  link.querySelector(".badge .count").textContent = String(unread);
}

function bump(link) {
  let badge = link.querySelector(".badge");
  if (!badge) {
    badge = document.createElement("span");
    badge.className = "badge";
    const count = document.createElement("span");
    count.className = "count";
    count.textContent = "0";
    const label = document.createElement("span");
    label.className = "visually-hidden";
    label.textContent = ` ${link.dataset.unreadLabel}`;
    badge.append(count, label);
    link.append(" ", badge);
  }
  const count = badge.querySelector(".count");
  count.textContent = String(parseInt(count.textContent, 10) + 1);
}
