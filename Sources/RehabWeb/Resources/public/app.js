// KneeRehab session helpers: hold countdown with optional spoken counting, set and rep counter, rest timer,
// balance stopwatch; the warning before a sign-in ends for want of use.
// Everything else on the pages works without this file. The words come from the page (the `.tools` section's
// data attributes, in the patient's language); the English here is only a fallback.
(function () {
  "use strict";
  var words = {};
  function word(key, fallback, values) {
    var text = words[key] || fallback;
    Object.keys(values || {}).forEach(function (name) { text = text.split("{" + name + "}").join(String(values[name])); });
    return text;
  }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text) { node.textContent = text; }
    return node;
  }
  function say(words, enabled) {
    if (!enabled || !("speechSynthesis" in window)) { return; }
    window.speechSynthesis.cancel();
    var utterance = new SpeechSynthesisUtterance(words);
    utterance.lang = document.documentElement.lang || "en";
    window.speechSynthesis.speak(utterance);
  }
  function setupCounter(box, reps, sets) {
    var done = 0, set = 1;
    var status = el("p", { "class": "clock", "aria-live": "polite" }, "0 / " + reps);
    var setLine = el("p", {}, sets ? word("setOf", "Set {set} of {sets}", { set: 1, sets: sets }) : "");
    var add = el("button", { type: "button", "class": "primary big" }, "+1");
    add.addEventListener("click", function () {
      done += 1;
      if (done >= reps && sets && set < sets) { set += 1; done = 0; setLine.textContent = word("setRest", "Set {set} of {sets} — rest until you are ready", { set: set, sets: sets }); }
      status.textContent = done + " / " + reps;
      var field = document.getElementById("sets");
      if (field && sets) { field.value = String(done >= reps ? set : set - 1); }
    });
    box.appendChild(status); box.appendChild(setLine); box.appendChild(add);
  }
  function setupTimer(box, seconds, label) {
    var left = seconds, handle = null, count = 0;
    var clock = el("p", { "class": "clock", role: "timer", "aria-live": "off" }, String(seconds));
    var announce = el("p", { "class": "visually-hidden", "aria-live": "assertive" });
    var speakBox = el("input", { type: "checkbox", id: "speak-" + label });
    var speakLabel = el("label", { "for": "speak-" + label, "class": "choice" });
    speakLabel.appendChild(speakBox); speakLabel.appendChild(el("span", {}, word("countAloud", "Count out loud")));
    var start = el("button", { type: "button", "class": "primary big" },
      label === "hold" ? word("startHold", "Start the hold") : word("startTimer", "Start the timer"));
    var rest = el("p", {});
    function stop() { if (handle) { window.clearInterval(handle); handle = null; } }
    start.addEventListener("click", function () {
      stop(); left = seconds; clock.textContent = String(left); say(word("go", "Go"), speakBox.checked);
      handle = window.setInterval(function () {
        left -= 1; clock.textContent = String(Math.max(left, 0));
        if (left > 0 && left <= 10) { say(String(left), speakBox.checked); }
        if (left <= 0) {
          stop(); count += 1; announce.textContent = word("doneRelax", "Done. Relax."); say(word("relax", "Relax"), speakBox.checked);
          rest.textContent = word("rest", "Done {count}. Rest until you are ready, then start again.", { count: count });
        }
      }, 1000);
    });
    box.appendChild(clock); box.appendChild(start); box.appendChild(speakLabel); box.appendChild(rest);
    box.appendChild(announce);
  }
  function setupStopwatch(box, field) {
    var started = 0, handle = null;
    var clock = el("p", { "class": "clock", role: "timer", "aria-live": "off" }, "0");
    var announce = el("p", { "class": "visually-hidden", "aria-live": "assertive" });
    var start = el("button", { type: "button", "class": "primary big" }, word("lift", "Start — lift your foot"));
    var stop = el("button", { type: "button", "class": "big" }, word("footDown", "Foot down — stop"));
    stop.disabled = true;
    start.addEventListener("click", function () {
      started = Date.now(); clock.textContent = "0"; start.disabled = true; stop.disabled = false;
      handle = window.setInterval(function () {
        clock.textContent = String(Math.floor((Date.now() - started) / 1000));
      }, 250);
    });
    stop.addEventListener("click", function () {
      if (handle) { window.clearInterval(handle); handle = null; }
      var seconds = Math.floor((Date.now() - started) / 1000);
      clock.textContent = String(seconds); field.value = String(seconds);
      announce.textContent = word("seconds", "{seconds} seconds. Written in the box below.", { seconds: seconds });
      start.disabled = false; stop.disabled = true; start.textContent = word("tryAgain", "Try again");
    });
    box.appendChild(clock); box.appendChild(start); box.appendChild(stop); box.appendChild(announce);
  }
  // A minute or two before a sign-in ends for want of use, a warning with a button that asks the server (which
  // counts that as a use) to keep it. When it has ended, the warning says so: the page's form still posts, and the
  // server keeps what it carries through signing in again.
  function setupIdleWarning(box) {
    var idle = parseInt(box.getAttribute("data-idle"), 10);
    if (!(idle > 0)) { return; }
    var text = box.querySelector("p"), button = box.querySelector("button"), timers = [];
    function ended() { text.textContent = box.getAttribute("data-ended"); button.hidden = true; box.hidden = false; }
    function schedule(seconds) {
      timers.forEach(window.clearTimeout);
      var warnBefore = Math.min(120, Math.floor(seconds / 4));
      timers = [
        window.setTimeout(function () { box.hidden = false; button.focus(); }, (seconds - warnBefore) * 1000),
        window.setTimeout(ended, seconds * 1000)
      ];
    }
    button.addEventListener("click", function () {
      window.fetch("/api/v1/me/session", { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { if (!response.ok) { throw new Error("signed out"); } return response.json(); })
        .then(function (session) { box.hidden = true; schedule(Math.max(0, session.idleSecondsLeft - 60)); })
        .catch(ended);
    });
    schedule(idle);
  }
  document.addEventListener("DOMContentLoaded", function () {
    var idleBox = document.getElementById("idle-warning");
    if (idleBox) { setupIdleWarning(idleBox); }
    var tools = document.querySelector(".tools");
    if (tools) { words = tools.dataset; }
    document.querySelectorAll(".stopwatch[data-for]").forEach(function (box) {
      var field = document.getElementById(box.getAttribute("data-for"));
      if (field) { setupStopwatch(box, field); }
    });
    document.querySelectorAll(".timer[data-hold]").forEach(function (box) {
      setupTimer(box, parseInt(box.getAttribute("data-hold"), 10), "hold");
      var reps = parseInt(box.getAttribute("data-reps"), 10);
      if (reps > 0) { setupCounter(box, reps, parseInt(box.getAttribute("data-sets"), 10) || 0); }
    });
    document.querySelectorAll(".timer[data-minutes]").forEach(function (box) {
      setupTimer(box, parseInt(box.getAttribute("data-minutes"), 10) * 60, "timer");
    });
    document.querySelectorAll(".counter[data-reps]").forEach(function (box) {
      setupCounter(box, parseInt(box.getAttribute("data-reps"), 10), parseInt(box.getAttribute("data-sets"), 10) || 0);
    });
  });
})();
