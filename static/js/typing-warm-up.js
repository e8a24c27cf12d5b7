// The typing warm-up: how long a pupil takes to enter digits they can see, so that slow
// typing is not mistaken for not knowing a fact. Times from first key to Enter.
(() => {
  "use strict";

  const root = document.getElementById("typing");
  if (!root) return;
  const $ = (id) => document.getElementById(id);
  const numbers = root.dataset.numbers.split(",");
  const csrfToken = JSON.parse(document.body.getAttribute("hx-headers:inherited") || "{}")["X-CSRFToken"];
  let index = 0;
  let typed = "";
  let firstKeyAt = null;
  let totalMs = 0;
  let digits = 0;
  let active = false;

  function showNumber() {
    $("typing-label").textContent = `Number ${index + 1} of ${numbers.length}`;
    $("typing-number").textContent = numbers[index];
    typed = "";
    firstKeyAt = null;
    $("typing-answer").textContent = " ";
  }

  async function save() {
    active = false;
    $("typing-status").textContent = "Saving…";
    const body = new URLSearchParams({ digits, total_ms: Math.round(totalMs) });
    for (let attempt = 0; attempt < 5; attempt += 1) {
      try {
        const response = await fetch(root.dataset.saveUrl, {
          method: "POST", body, credentials: "same-origin", headers: { "X-CSRFToken": csrfToken },
        });
        if (response.status < 500) break;  // stored, or refused for good: retrying cannot help
      } catch (error) {
        await new Promise((resolve) => setTimeout(resolve, 1000 * (attempt + 1)));
      }
    }
    window.location.assign(root.dataset.doneUrl);
  }

  function press(key) {
    if (!active) return;
    if (key === "Enter") {
      if (typed !== numbers[index]) return;
      totalMs += performance.now() - firstKeyAt;
      digits += typed.length;
      index += 1;
      if (index < numbers.length) showNumber(); else save();
      return;
    }
    if (firstKeyAt === null) firstKeyAt = performance.now();
    typed = key === "Backspace" ? typed.slice(0, -1) : (typed + key).slice(0, 5);
    $("typing-answer").textContent = typed || " ";
  }

  document.addEventListener("keydown", (event) => {
    if (/^[0-9]$/.test(event.key) || event.key === "Backspace" || event.key === "Enter") {
      if (active) event.preventDefault();
      press(event.key);
    }
  });
  const pad = $("number-pad");  // absent when the pupil's arrangements remove it
  if (pad) {
    pad.addEventListener("click", (event) => {
      const key = event.target.closest("[data-key]");
      if (key) press(key.dataset.key);
    });
  }
  $("typing-start").addEventListener("click", () => {
    $("typing-intro").hidden = true;
    for (const id of ["typing-label", "typing-number", "typing-answer", "number-pad"]) {
      if ($(id)) $(id).hidden = false;
    }
    active = true;
    showNumber();
  });
})();
