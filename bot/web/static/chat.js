// The job seeker's chat: talks to /chat/bericht (relayed to Rasa's REST channel).
// The sender id stays in this browser, so a person who comes back continues where they were.
(function () {
  "use strict";
  var log = document.getElementById("gesprek");
  var form = document.getElementById("invoer");
  var input = document.getElementById("bericht");
  var status = document.getElementById("status");
  var busy = false;

  function senderId() {
    var key = "intake-sender";
    var id = window.localStorage.getItem(key);
    if (!id) {
      id = (window.crypto && crypto.randomUUID) ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2);
      id = "web-" + id.replace(/[^A-Za-z0-9_-]/g, "");
      window.localStorage.setItem(key, id);
    }
    return id;
  }

  function bubble(who, text) {
    var item = document.createElement("div");
    item.className = "msg " + who;
    var label = document.createElement("span");
    label.className = "visually-hidden";
    label.textContent = who === "bot" ? "Assistent: " : "Jij: ";
    item.appendChild(label);
    text.split("\n").forEach(function (line, i) {
      if (i > 0) { item.appendChild(document.createElement("br")); }
      item.appendChild(document.createTextNode(line));  // text only: never HTML
    });
    log.appendChild(item);
    item.scrollIntoView({ block: "end" });
  }

  function choices(buttons) {
    var group = document.createElement("div");
    group.className = "choices";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Kies een antwoord, of typ zelf");
    buttons.forEach(function (b) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = b.title;
      button.addEventListener("click", function () { send(b.payload, b.title); });
      group.appendChild(button);
    });
    log.appendChild(group);
  }

  function clearChoices() {
    Array.prototype.forEach.call(log.querySelectorAll(".choices button"), function (b) { b.disabled = true; });
  }

  function send(message, shown) {
    if (busy) { return; }
    busy = true;
    clearChoices();
    if (shown !== null) { bubble("user", shown || message); }
    status.textContent = "De assistent typt…";
    fetch("/chat/bericht", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sender: senderId(), message: message })
    }).then(function (r) { return r.json(); }).then(function (replies) {
      (replies || []).forEach(function (r) {
        if (r.text) { bubble("bot", r.text); }
        if (r.buttons && r.buttons.length) { choices(r.buttons); }
      });
      status.textContent = "";
    }).catch(function () {
      status.textContent = "Het bericht is niet verstuurd. Probeer het opnieuw.";
    }).then(function () { busy = false; input.focus(); });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var text = input.value;
    if (!text.trim()) { status.textContent = "Typ eerst je antwoord."; return; }
    input.value = "";
    send(text);
  });
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); form.requestSubmit(); }
  });
  Array.prototype.forEach.call(document.querySelectorAll(".help button"), function (b) {
    b.addEventListener("click", function () { send(b.getAttribute("data-say"), b.textContent); });
  });
  send("hoi", null);  // opens the conversation: a welcome, or a welcome back
})();
