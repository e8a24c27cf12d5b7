// Taking an assessment: what htmx cannot do by itself — the number pad, the clock, reading
// a question aloud, and keeping an answer safe while the Wi-Fi is down. htmx swaps the
// question card; the server keeps every answer and marks at hand-in.
(() => {
  "use strict";

  const take = document.querySelector(".take");
  if (!take) return;
  const draftKey = (position) => `prof123-draft-${take.dataset.attempt}-${position}`;

  // --- the number pad types into the box last touched, which is shown ringed (the pad's
  // keys take the focus, so the focus ring alone would not say where the digits go) ---------
  let lastBox = null;
  const padBox = (card) => (lastBox && card.contains(lastBox) ? lastBox
    : card.querySelector(".answer-box[name=numerator]") || card.querySelector(".answer-box"));
  function markPadBox(card) {
    if (!card || !card.querySelector(".pad-key")) return;
    const box = padBox(card);
    card.querySelectorAll(".answer-box-active").forEach((other) => {
      if (other !== box) other.classList.remove("answer-box-active");
    });
    if (box) box.classList.add("answer-box-active");
  }
  document.addEventListener("focusin", (event) => {
    if (!event.target.matches(".answer-box")) return;
    lastBox = event.target;
    markPadBox(event.target.closest("#question-card"));
  });
  document.addEventListener("click", (event) => {
    const key = event.target.closest(".pad-key[data-key]");
    if (!key) return;
    const card = key.closest("#question-card");
    const box = padBox(card);
    if (!box) return;
    if (key.dataset.key === "Backspace") box.value = box.value.slice(0, -1);
    else box.value += key.dataset.key;
    box.dispatchEvent(new Event("input", { bubbles: true }));
  });

  // --- an answer not yet saved survives a reload (sessionStorage, emptied once saved and
  // by signing out) ---------------------------------------------------------------------------
  function cardFields(card) {
    return Array.from(card.querySelectorAll("input[name], select[name]"))
      .filter((field) => !["csrf_token", "position"].includes(field.name));
  }

  function saveDraft(card) {
    const values = cardFields(card).map((field) =>
      field.type === "checkbox" || field.type === "radio" ? field.checked : field.value);
    sessionStorage.setItem(draftKey(card.dataset.position), JSON.stringify(values));
  }

  function restoreDraft(card) {
    const saved = sessionStorage.getItem(draftKey(card.dataset.position));
    if (!saved) return;
    const values = JSON.parse(saved);
    cardFields(card).forEach((field, index) => {
      if (index >= values.length) return;
      if (field.type === "checkbox" || field.type === "radio") field.checked = values[index];
      else field.value = values[index];
    });
  }

  document.addEventListener("input", (event) => {
    const card = event.target.closest("#question-card");
    if (card) saveDraft(card);
  });
  document.addEventListener("change", (event) => {
    const card = event.target.closest("#question-card");
    if (card) saveDraft(card);
  });

  // --- sending: remember which button was pressed, so a failed send can be repeated ----------
  let pressed = null;
  let failures = 0;
  let retryTimer = null;
  document.addEventListener("click", (event) => {
    const button = event.target.closest("#question-card button[type=submit]");
    if (button) pressed = button;
  });

  function setStatus(card, text) {
    const status = card && card.querySelector(".save-status");
    if (status) status.textContent = text;
  }

  // A request that never reached the server (no Wi-Fi), or a server that could not answer
  // (5xx, e.g. a proxy while the app restarts): the answer stays in its box and in
  // sessionStorage, and the same button is pressed again until the server has it.
  function notSaved() {
    const card = document.getElementById("question-card");
    const form = card && card.querySelector("form");
    if (!form) return;
    failures += 1;
    saveDraft(card);
    setStatus(card, "Your answer is not saved yet. We will keep trying. Don't worry!");
    clearTimeout(retryTimer);
    const wait = Math.min(1000 * 2 ** (failures - 1), 8000);
    retryTimer = setTimeout(() => {
      if (pressed && document.contains(pressed)) form.requestSubmit(pressed);
      else form.requestSubmit();
    }, wait);
  }
  // htmx 4 fires htmx:error when fetch itself fails (and on its own timeout).
  document.addEventListener("htmx:error", notSaved);
  // htmx 4 swaps any response but 204/304, error pages too: never swap one over the card.
  document.addEventListener("htmx:before:swap", (event) => {
    const ctx = event.detail && event.detail.ctx;
    const status = ctx && ctx.response ? ctx.response.status : 200;
    if (status < 400 || !document.getElementById("question-card")) return;
    event.preventDefault();
    if (status >= 500) {
      notSaved();
      return;
    }
    // Refused (e.g. an expired form): keep the answer, and load the page afresh.
    saveDraft(document.getElementById("question-card"));
    window.location.reload();
  });

  // A new card: the answer to the last one is stored; forget its draft.
  document.addEventListener("htmx:after:swap", () => {
    const card = document.getElementById("question-card");
    if (!card) return;
    for (let key = 0; key < sessionStorage.length; key += 1) {
      const name = sessionStorage.key(key);
      if (name && name.startsWith(draftKey("")) && name !== draftKey(card.dataset.position)) {
        sessionStorage.removeItem(name);
        key -= 1;
      }
    }
    if (failures > 0) setStatus(card, "Saved. Thank you for waiting!");
    failures = 0;
    clearTimeout(retryTimer);
    restoreDraft(card);
    markPadBox(card);
    const heading = card.querySelector(".question-number");
    if (heading) heading.focus();
    window.scrollTo(0, 0);
  });

  const firstCard = document.getElementById("question-card");
  if (firstCard) {
    restoreDraft(firstCard);
    markPadBox(firstCard);
  }
  const handInForm = document.querySelector(".hand-in-form");
  if (handInForm) {
    handInForm.addEventListener("submit", () => {
      Object.keys(sessionStorage).filter((name) => name.startsWith(draftKey("")))
        .forEach((name) => sessionStorage.removeItem(name));
    });
  }

  // --- reading aloud (the audio version arrangement) ---------------------------------------
  document.addEventListener("click", (event) => {
    const button = event.target.closest(".read-aloud");
    if (!button || !("speechSynthesis" in window)) return;
    const utterance = new SpeechSynthesisUtterance(
      button.dataset.say.replaceAll("×", " times ").replaceAll("÷", " divided by ")
        .replaceAll("−", " minus ").replaceAll("□", " box "));
    utterance.lang = "en-GB";
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(utterance);
  });

  // --- the clock: the server's deadline decides; at the end, answers are handed in ---------
  const clock = document.querySelector(".time-left");
  if (clock) {
    const deadline = Date.parse(clock.dataset.deadline);
    const face = clock.querySelector(".time-left-clock");
    let done = false;
    const tick = () => {
      const left = Math.max(0, deadline - Date.now());
      const minutes = Math.floor(left / 60000);
      const seconds = Math.floor((left % 60000) / 1000);
      face.textContent = `${minutes}:${String(seconds).padStart(2, "0")}`;
      if (left > 0 || done) return;
      done = true;
      if (handInForm) {
        handInForm.requestSubmit();
        return;
      }
      // Save the answer on screen and go to the hand-in page, which hands in by itself.
      const form = document.querySelector("#question-card form");
      if (form) {
        const go = document.createElement("input");
        go.type = "hidden"; go.name = "go"; go.value = "review";
        form.appendChild(go);
        pressed = null;
        form.requestSubmit();
      }
    };
    tick();
    setInterval(tick, 1000);
  }
})();
