/*
 * The chat widget for a municipal page: one <script> tag, configured with data- attributes.
 *
 *   <script src="https://werk.gemeente.nl/widget.js" defer
 *           data-gemeente="Gemeente Voorbeeld" data-kleur="#154273"
 *           data-telefoon="14 020" data-email="werk@gemeente.nl"
 *           data-privacy="https://www.gemeente.nl/privacy"
 *           data-endpoint="https://chat.gemeente.nl/webhooks/rest/webhook"></script>
 *
 * It talks to Rasa's REST channel (contract §1: POST {"sender","message"}, a list of
 * {"text","buttons"} back) directly, or through the web app's same-origin relay (the default).
 * No inline scripts or styles: it adds its own stylesheets and sets colours through the CSSOM,
 * which a strict Content-Security-Policy allows. Everything the person reads is Dutch (B1).
 * Full documentation: README.md, "De chat op de website van de gemeente".
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || window.__intakeChatLoaded) { return; }
  window.__intakeChatLoaded = true;

  var base = new URL(script.src, document.baseURI);
  var data = script.dataset;
  var CODE = /^[A-Za-z0-9]{4}-?[A-Za-z0-9]{4}$/;
  var config = {
    municipality: data.gemeente || "de gemeente",
    title: data.titel || "Vragen over werk",
    colour: /^#[0-9a-fA-F]{6}$/.test(data.kleur || "") ? data.kleur : "#154273",
    phone: data.telefoon || "",
    email: data.email || "",
    hours: data.tijden || "",
    privacy: data.privacy || "",
    endpoint: data.endpoint || new URL("/chat/bericht", base).href,
    container: data.container || "",
    school: schoolCode()
  };
  var storageKey = "intake-chat" + (config.school ? "-school-" + config.school : "");
  var voiceKey = "intake-chat-voorlezen";

  // A school link (?school=CODE on the page, or data-school) starts the intake about a pupil.
  function schoolCode() {
    var code = data.school || new URLSearchParams(window.location.search).get("school") || "";
    code = code.trim().toUpperCase();
    return CODE.test(code) ? code : "";
  }

  // --- small helpers ---------------------------------------------------------------------

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  function button(text, className) {
    var b = el("button", "utrecht-button " + (className || "utrecht-button--secondary-action"), text);
    b.type = "button";
    return b;
  }

  function hidden(text) { return el("span", "ichat-visually-hidden", text); }

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" +
      String(d.getDate()).padStart(2, "0");
  }

  function newSender() {
    var id = window.crypto && crypto.randomUUID ? crypto.randomUUID()
      : String(Date.now()) + Math.random().toString(16).slice(2);
    return "web-" + id.replace(/[^A-Za-z0-9_-]/g, "");
  }

  // --- colours: the municipality's colour, with text that keeps WCAG AA contrast ------------

  function luminance(hex) {
    var rgb = [1, 3, 5].map(function (i) {
      var c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
  }

  function contrast(a, b) {
    var la = luminance(a), lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  function darker(hex) {
    return "#" + [1, 3, 5].map(function (i) {
      return Math.round(parseInt(hex.slice(i, i + 2), 16) * 0.85).toString(16).padStart(2, "0");
    }).join("");
  }

  function applyColours(root) {
    var primary = config.colour;
    var onPrimary = contrast(primary, "#ffffff") >= 4.5 ? "#ffffff" : "#1a1a1a";
    var ink = primary;  // the colour as text or border on white must reach 4.5:1 too
    while (contrast(ink, "#ffffff") < 4.5) { ink = darker(ink); }
    root.style.setProperty("--ichat-primary", primary);
    root.style.setProperty("--ichat-on-primary", onPrimary);
    root.style.setProperty("--ichat-primary-ink", ink);
  }

  // --- state in this browser: same sender id and visible history for the rest of the day ----

  function loadState() {
    try {
      var saved = JSON.parse(window.localStorage.getItem(storageKey) || "null");
      if (saved && saved.day === today() && typeof saved.sender === "string") { return saved; }
    } catch (e) { /* unreadable: start again */ }
    return { sender: newSender(), day: today(), messages: [], summary: null, open: false, started: false };
  }

  function saveState() {
    state.messages = state.messages.slice(-200);
    try { window.localStorage.setItem(storageKey, JSON.stringify(state)); } catch (e) { /* full or off */ }
  }

  var state = loadState();

  // --- building the widget ----------------------------------------------------------------

  function addStylesheet(path) {
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = new URL(path, base).href;
    document.head.appendChild(link);
  }

  addStylesheet("/static/vendor/utrecht/components.css");
  addStylesheet("/static/widget.css");

  var inline = null;
  var root = el("div", "ichat");
  root.lang = "nl";
  applyColours(root);

  var launcher = button("", "ichat-launcher utrecht-button--primary-action");
  launcher.appendChild(el("span", "ichat-launcher-icon"));
  launcher.appendChild(el("span", "", "Chat: " + config.title.toLowerCase()));
  launcher.setAttribute("aria-expanded", "false");
  launcher.setAttribute("aria-controls", "ichat-panel");

  var panel = el("section", "ichat-panel");
  panel.id = "ichat-panel";
  panel.setAttribute("aria-labelledby", "ichat-title");
  panel.hidden = true;

  var header = el("header", "ichat-header");
  var heading = el("h2", "ichat-title", config.title);
  heading.id = "ichat-title";
  var sub = el("p", "ichat-sub", config.school
    ? "Voor school: u vult de vragen in over een leerling."
    : "Chat met de digitale assistent van " + config.municipality + ".");
  var close = button("Sluiten", "ichat-close utrecht-button--subtle");
  close.setAttribute("aria-label", "Chat sluiten");
  header.appendChild(heading);
  header.appendChild(sub);
  header.appendChild(close);

  var tools = el("div", "ichat-tools");
  tools.setAttribute("role", "group");
  tools.setAttribute("aria-label", "Hulp in de chat");
  var human = button("Praat met een mens");
  var moreToggle = button("Meer hulp");
  moreToggle.setAttribute("aria-expanded", "false");
  moreToggle.setAttribute("aria-controls", "ichat-more");
  // Less used help sits behind "Meer hulp", so the conversation keeps room on a phone.
  var more = el("div", "ichat-more");
  more.id = "ichat-more";
  more.hidden = true;
  var why = button("Waarom vraag je dit?");
  var later = button("Later verder");
  var voice = button("Voorlezen: uit");
  voice.setAttribute("aria-pressed", "false");
  tools.appendChild(human);
  tools.appendChild(moreToggle);
  [why, later].forEach(function (b) { more.appendChild(b); });
  if ("speechSynthesis" in window) { more.appendChild(voice); }
  tools.appendChild(more);
  moreToggle.addEventListener("click", function () {
    more.hidden = !more.hidden;
    moreToggle.setAttribute("aria-expanded", more.hidden ? "false" : "true");
  });
  function closeMore() { more.hidden = true; moreToggle.setAttribute("aria-expanded", "false"); }

  var log = el("div", "ichat-log");
  log.setAttribute("role", "log");
  log.setAttribute("aria-live", "polite");
  log.setAttribute("aria-label", "Gesprek");
  log.tabIndex = 0;  // scrollable by keyboard

  var typing = el("p", "ichat-typing");
  typing.setAttribute("role", "status");
  var choices = el("div", "ichat-choices");
  choices.setAttribute("role", "group");
  choices.setAttribute("aria-label", "Kies een antwoord, of typ zelf");
  var ending = el("div", "ichat-ending");
  ending.hidden = true;

  var form = el("form", "ichat-composer");
  form.noValidate = true;
  var label = el("label", "utrecht-form-label", config.school ? "Uw antwoord" : "Jouw antwoord");
  label.htmlFor = "ichat-input";
  var row = el("div", "ichat-row");
  var input = el("textarea", "utrecht-textarea ichat-input");
  input.id = "ichat-input";
  input.rows = 2;
  input.maxLength = 2000;
  input.setAttribute("aria-describedby", "ichat-hint ichat-note");
  var send = button("Stuur", "utrecht-button--primary-action ichat-send");
  send.type = "submit";
  var hint = el("p", "ichat-hint", config.school
    ? "Typ uw antwoord, of kies een knop. Enter verstuurt."
    : "Typ je antwoord, of kies een knop. Enter verstuurt.");
  hint.id = "ichat-hint";
  var note = el("p", "ichat-note");
  note.id = "ichat-note";
  note.setAttribute("role", "alert");
  row.appendChild(input);
  row.appendChild(send);
  form.appendChild(label);
  form.appendChild(row);
  form.appendChild(hint);
  form.appendChild(note);

  var footer = el("footer", "ichat-footer");
  if (config.privacy) {
    var privacy = el("a", "utrecht-link ichat-privacy", "Privacyverklaring");
    privacy.href = config.privacy;
    privacy.target = "_blank";
    privacy.rel = "noopener";
    privacy.appendChild(hidden(" (opent in een nieuw tabblad)"));
    footer.appendChild(privacy);
  }
  var forget = button(config.school ? "Nieuwe leerling" : "Gesprek wissen op dit apparaat",
    "utrecht-button--subtle ichat-forget");
  footer.appendChild(forget);

  [header, tools, log, typing, choices, ending, form, footer].forEach(function (n) {
    panel.appendChild(n);
  });

  // --- showing messages ---------------------------------------------------------------------

  function bubble(who, text, announce) {
    var item = el("div", "ichat-msg ichat-msg--" + who);
    item.appendChild(hidden(who === "bot" ? "Assistent: " : (config.school ? "U: " : "Jij: ")));
    String(text).split("\n").forEach(function (line, i) {
      if (i > 0) { item.appendChild(document.createElement("br")); }
      item.appendChild(document.createTextNode(line));  // text only, never HTML
    });
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
    if (announce && who === "bot") { speak(text); }
  }

  function showChoices(buttons) {
    choices.textContent = "";
    (buttons || []).forEach(function (b) {
      var choice = button(b.title, "utrecht-button--secondary-action ichat-choice");
      choice.addEventListener("click", function () { submit(b.payload, b.title, true); });
      choices.appendChild(choice);
    });
    choices.hidden = !choices.childElementCount;
    toBottom();
  }

  // After the buttons change, the log is smaller or larger: keep the newest message in view.
  function toBottom() {
    log.scrollTop = log.scrollHeight;
    window.requestAnimationFrame(function () { log.scrollTop = log.scrollHeight; });
  }

  function showEnding() {
    if (!state.summary) { ending.hidden = true; return; }
    ending.textContent = "";
    ending.appendChild(el("p", "ichat-ending-text", config.school
      ? "Klaar. Bewaar de samenvatting:" : "Klaar! Bewaar je samenvatting:"));
    var print = button("Samenvatting printen");
    var download = button("Samenvatting downloaden");
    print.addEventListener("click", printSummary);
    download.addEventListener("click", downloadSummary);
    ending.appendChild(print);
    ending.appendChild(download);
    ending.hidden = false;
    toBottom();
  }

  function render() {
    log.textContent = "";
    state.messages.forEach(function (m) { bubble(m.who, m.text, false); });
    var last = state.messages[state.messages.length - 1];
    showChoices(last && last.who === "bot" ? last.buttons : []);
    showEnding();
  }

  function receive(replies) {
    var buttons = [];
    (replies || []).forEach(function (r) {
      if (r.custom && r.custom.intake_summary) {
        state.summary = r.custom.intake_summary;
      }
      if (r.text) {
        state.messages.push({ who: "bot", text: r.text, buttons: r.buttons || [] });
        bubble("bot", r.text, true);
        buttons = r.buttons || [];
      }
    });
    if (buttons.length) {
      log.lastChild.appendChild(hidden(" (Kies een knop onder het gesprek, of typ zelf.)"));
    }
    showChoices(buttons);
    showEnding();
    saveState();
  }

  // --- talking to the chat server -----------------------------------------------------------

  var busy = false;

  function submit(message, shown, fromButton) {
    if (busy) {
      note.textContent = config.school ? "Even wachten: de assistent is nog bezig." : "Even wachten: de assistent is nog bezig met je vorige bericht.";
      return false;
    }
    busy = true;
    note.textContent = "";
    choices.textContent = "";
    choices.hidden = true;
    if (shown !== null) {
      state.messages.push({ who: "user", text: shown || message });
      bubble("user", shown || message, false);
    }
    saveState();
    typing.textContent = "";
    typing.appendChild(el("span", "ichat-dots"));
    typing.appendChild(document.createTextNode("De assistent typt…"));
    typing.classList.add("ichat-typing--on");
    send.disabled = true;
    fetch(config.endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sender: state.sender, message: message })
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (result) {
      receive(Array.isArray(result.body) ? result.body : []);
      if (!result.ok && !(Array.isArray(result.body) && result.body.length)) { throw new Error("status"); }
    }).catch(function () {
      failed(message, shown);
    }).then(function () {
      busy = false;
      send.disabled = false;
      typing.classList.remove("ichat-typing--on");
      typing.textContent = "";
      var first = choices.querySelector("button");
      (fromButton && first ? first : input).focus();
    });
    return true;
  }

  // Nothing is lost: the typed text goes back into the box, and the person can try again.
  function failed(message, shown) {
    if (shown !== null && state.messages.length && state.messages[state.messages.length - 1].who === "user") {
      state.messages.pop();
      saveState();
      if (log.lastChild) { log.removeChild(log.lastChild); }
    }
    if (shown !== null && !input.value) { input.value = shown || message; }
    note.textContent = "Het bericht is niet verstuurd. Controleer de internetverbinding en probeer het opnieuw.";
    var last = state.messages[state.messages.length - 1];
    showChoices(last && last.who === "bot" ? last.buttons : []);
    if (shown === null) { state.started = false; saveState(); }
  }

  function start(focus) {
    if (state.started) { return; }
    state.started = true;
    saveState();
    // The opening message is not shown: the bot's welcome is the first thing the person sees.
    submit(config.school ? '/start_intake{"school_code":"' + config.school + '"}' : "hoi", null, focus);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value;
    if (!text.trim()) {
      note.textContent = config.school ? "Typ eerst uw antwoord, of kies een knop." : "Typ eerst je antwoord, of kies een knop.";
      input.focus();
      return;
    }
    if (submit(text, text, false)) { input.value = ""; }
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit ? form.requestSubmit() : send.click();
    }
  });

  human.addEventListener("click", function () {
    submit("ik wil een mens spreken", "Ik wil met een mens praten", false);
    showContact();
  });
  why.addEventListener("click", function () {
    closeMore();
    submit("waarom vraag je dit?", "Waarom vraag je dit?", false);
  });
  later.addEventListener("click", function () {
    closeMore();
    submit("stop, ik ga later verder", "Ik ga later verder", false);
  });

  function showContact() {
    if (!config.phone && !config.email) { return; }
    var box = el("div", "ichat-msg ichat-msg--bot ichat-contact");
    box.appendChild(el("strong", "", "Zo bereik je " + config.municipality + ":"));
    if (config.phone) {
      var tel = el("a", "utrecht-link utrecht-link--telephone", "Bel " + config.phone);
      tel.href = "tel:" + config.phone.replace(/[^0-9+]/g, "");
      box.appendChild(el("br"));
      box.appendChild(tel);
    }
    if (config.email) {
      var mail = el("a", "utrecht-link", "Mail " + config.email);
      mail.href = "mailto:" + config.email;
      box.appendChild(el("br"));
      box.appendChild(mail);
    }
    if (config.hours) { box.appendChild(el("br")); box.appendChild(document.createTextNode(config.hours)); }
    log.appendChild(box);
    log.scrollTop = log.scrollHeight;
  }

  forget.addEventListener("click", function () {
    var question = config.school
      ? "Een nieuwe leerling invullen? De antwoorden over deze leerling blijven bewaard bij de gemeente."
      : "Dit gesprek wissen van dit apparaat? Je antwoorden blijven bewaard bij de gemeente.";
    if (!window.confirm(question)) { return; }
    window.localStorage.removeItem(storageKey);
    state = loadState();
    state.open = true;
    render();
    start(true);
  });

  // --- read aloud (off by default) -------------------------------------------------------------

  var reading = window.localStorage.getItem(voiceKey) === "aan";

  function showVoice() {
    voice.textContent = reading ? "Voorlezen: aan" : "Voorlezen: uit";
    voice.setAttribute("aria-pressed", reading ? "true" : "false");
  }

  function speak(text) {
    if (!reading || !("speechSynthesis" in window)) { return; }
    var utterance = new SpeechSynthesisUtterance(String(text).replace(/•/g, ""));
    utterance.lang = "nl-NL";
    var dutch = window.speechSynthesis.getVoices().filter(function (v) { return /^nl\b/i.test(v.lang); });
    if (dutch.length) { utterance.voice = dutch[0]; }
    window.speechSynthesis.speak(utterance);
  }

  voice.addEventListener("click", function () {
    reading = !reading;
    window.localStorage.setItem(voiceKey, reading ? "aan" : "uit");
    if (!reading) { window.speechSynthesis.cancel(); }
    showVoice();
  });
  showVoice();

  // --- the person's own summary: print or download ----------------------------------------

  function summaryLines() {
    var s = state.summary || {};
    var lines = [s.title || "Samenvatting van het gesprek", config.municipality + " – " + today(), ""];
    (s.sections || []).forEach(function (section) {
      lines.push(section.heading);
      (section.lines || []).forEach(function (line) { lines.push(line); });
      lines.push("");
    });
    if (config.phone || config.email) {
      lines.push("Contact: " + [config.phone, config.email].filter(Boolean).join(", "));
    }
    return lines;
  }

  function printSummary() {
    var sheet = el("section", "ichat-print");
    summaryLines().forEach(function (line, i) {
      sheet.appendChild(el(i === 0 ? "h1" : "p", "", line || "\u00a0"));
    });
    document.body.appendChild(sheet);
    document.documentElement.classList.add("ichat-printing");
    var done = function () {
      document.documentElement.classList.remove("ichat-printing");
      if (sheet.parentNode) { sheet.parentNode.removeChild(sheet); }
      window.removeEventListener("afterprint", done);
    };
    window.addEventListener("afterprint", done);
    window.print();
  }

  function downloadSummary() {
    var blob = new Blob([summaryLines().join("\r\n")], { type: "text/plain;charset=utf-8" });
    var link = el("a");
    link.href = URL.createObjectURL(blob);
    link.download = "samenvatting-gesprek-" + today() + ".txt";
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
  }

  // --- opening and closing --------------------------------------------------------------------

  var covering = window.matchMedia("(max-width: 40em), (max-height: 36em)");
  var opener = null;

  // On a small screen the panel covers the page: the page behind is made inert, so keyboard
  // and screen-reader users stay in the chat until they close it.
  function setCovering() {
    var cover = !inline && !panel.hidden && covering.matches;
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-modal", cover ? "true" : "false");
    Array.prototype.forEach.call(document.body.children, function (child) {
      if (child === root || child.tagName === "SCRIPT") { return; }
      if (cover) { child.inert = true; child.setAttribute("data-ichat-inert", ""); }
      else if (child.hasAttribute("data-ichat-inert")) { child.inert = false; child.removeAttribute("data-ichat-inert"); }
    });
  }

  function open(focus) {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    root.classList.add("ichat--open");
    state.open = true;
    saveState();
    setCovering();
    start(focus);
    if (focus) {
      var first = choices.querySelector("button");
      (first || input).focus();
    }
  }

  function shut() {
    if (inline) { return; }
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    root.classList.remove("ichat--open");
    state.open = false;
    saveState();
    setCovering();
    (opener || launcher).focus();
  }

  launcher.addEventListener("click", function () {
    opener = launcher;
    if (panel.hidden) { open(true); } else { shut(); }
  });
  close.addEventListener("click", shut);
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { event.preventDefault(); shut(); }
  });
  covering.addEventListener("change", setCovering);

  function mount() {
    inline = config.container ? document.querySelector(config.container) : null;
    if (inline) {
      root.classList.add("ichat--inline");
      close.hidden = true;
      root.appendChild(panel);
      inline.appendChild(root);
    } else {
      root.appendChild(launcher);
      root.appendChild(panel);
      document.body.appendChild(root);
    }
    // Buttons on the page itself ("Start de chat") open the widget too.
    Array.prototype.forEach.call(document.querySelectorAll("[data-intake-chat-open]"), function (b) {
      b.addEventListener("click", function (event) {
        event.preventDefault();
        opener = b;
        open(true);
      });
    });
    render();
    if (inline || state.open) { open(false); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mount);
  } else {
    mount();
  }
})();
