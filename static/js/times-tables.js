// The times-tables game: what htmx cannot do — a countdown, a number pad, speech and a
// queue that keeps every answer until the server has stored it. The server marks.
(() => {
  "use strict";

  const game = document.getElementById("game");
  if (!game) return;
  const $ = (id) => document.getElementById(id);
  const data = game.dataset;
  const list = (text) => (text ? text.split(",") : []);

  const settings = {
    answerUrl: data.answerUrl,
    beginUrl: data.beginUrl,
    resultUrl: data.resultUrl,
    mode: data.mode,
    questionMs: Number(data.questionMs) || 0,
    pauseMs: Number(data.pauseMs) || 0,
    speedMs: Number(data.speedMs) || 0,
    nextButton: data.nextButton === "1",
    audio: data.audio === "1" && "speechSynthesis" in window,
    alert: data.alert === "1",
  };
  // The check's practice questions are done once: a reload after they began skips them
  // (MTC rule). Signing out empties sessionStorage.
  const warmUpKey = `prof123-warmed-up-${data.answerUrl}`;
  const warmUp = data.begun === "1" || sessionStorage.getItem(warmUpKey) ? [] : list(data.warmUp);
  const questions = list(data.questions);
  if (data.warmUp && !warmUp.length && data.begun !== "1") {
    ui_intro_text(`Now the check: ${questions.length} questions.`);
  }
  const firstNumber = Number(data.nextNumber);
  function ui_intro_text(text) {
    const paragraph = $("game-intro").querySelector("p");
    if (paragraph) paragraph.textContent = text;
  }
  const csrfToken = JSON.parse(document.body.getAttribute("hx-headers:inherited") || "{}")["X-CSRFToken"];
  const MAX_DIGITS = 5;

  const ui = {
    intro: $("game-intro"), start: $("game-start"), label: $("game-label"),
    question: $("game-question"), answer: $("game-answer"), timer: $("game-timer"),
    bar: $("game-timer-bar"), next: $("game-next"), pad: $("number-pad"), status: $("game-status"),
  };

  // --- the queue: Start, every answer and the end go to the server in order; nothing is
  // lost on a dropped connection, and unsent items survive a reload of this tab
  // (sessionStorage, emptied as each item is stored, and by signing out).
  const storageKey = `prof123-unsent-${settings.answerUrl}`;
  // Only answers are kept across a reload: a Start from the old page must not count again.
  const queue = JSON.parse(sessionStorage.getItem(storageKey) || "[]")
    .filter((item) => item.kind === "answer");
  // Answers kept from before a reload: the game carries on after them.
  const restored = queue.filter((item) => item.kind === "answer").map((item) => item.number);
  let sending = false;
  let failures = 0;
  let allAsked = false;
  let finishedByServer = false;

  function remember() {
    if (queue.length) sessionStorage.setItem(storageKey, JSON.stringify(queue));
    else sessionStorage.removeItem(storageKey);
  }

  function enqueue(item) {
    queue.push(item);
    remember();
    send();
  }

  const urls = { begin: settings.beginUrl, answer: settings.answerUrl, finish: data.finishUrl };

  async function send() {
    if (sending || queue.length === 0) return;
    sending = true;
    const item = queue[0];
    const body = item.kind === "answer" ? new URLSearchParams({
      number: item.number, typed: item.typed, client_ms: item.clientMs,
      timed_out: item.timedOut ? "1" : "0", reconnected: failures > 0 ? "1" : "0",
      game: data.gameToken,
    }) : new URLSearchParams();
    const abort = new AbortController();
    const timeout = setTimeout(() => abort.abort(), 10000);
    try {
      const response = await fetch(urls[item.kind], {
        method: "POST", body, credentials: "same-origin", signal: abort.signal,
        headers: { "X-CSRFToken": csrfToken, "HX-Request": "true" },
      });
      if (response.status === 401 || response.status === 403) {
        setStatus("You have been signed out. Ask your teacher to help you sign in again.");
        sending = false;
        return;
      }
      if (response.status >= 500) throw new Error(String(response.status));
      // Stored, already stored, or refused for good (a retry could not change that).
      const ack = new DOMParser().parseFromString(await response.text(), "text/html")
        .getElementById("answer-ack");
      queue.shift();
      remember();
      if (ack && ack.dataset.finished === "1") finishedByServer = true;
      if (failures > 0) setStatus("Saved. Well done for waiting!");
      failures = 0;
    } catch (error) {
      failures += 1;
      setStatus("Saving your answers… we will keep trying. Keep going!");
    } finally {
      clearTimeout(timeout);
    }
    sending = false;
    if (queue.length > 0) {
      setTimeout(send, failures ? Math.min(1000 * 2 ** (failures - 1), 10000) : 0);
    } else if (allAsked || finishedByServer) {
      finish();
    }
  }

  window.addEventListener("online", () => send());

  function setStatus(text) {
    ui.status.textContent = text;
  }

  // --- sound: speech for the audio version, beeps for the time alert ------------------------
  // The timer waits until the question has been read, or the pupil starts typing (MTC
  // rule); a browser whose speech never reports its end is not allowed to stall the game.
  let stopWaitingForSpeech = null;
  let keyDuringSpeech = null;
  const spokenForm = (text) => text.replace("×", " times ").replace("÷", " divided by ");
  let questionOnScreen = null;  // what Tab reads again in the audio version
  function sayAgain(text) {
    const utterance = new SpeechSynthesisUtterance(spokenForm(text));
    utterance.lang = "en-GB";
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(utterance);
  }
  function speak(text) {
    return new Promise((resolve) => {
      if (!settings.audio) return resolve();
      const done = () => {
        if (stopWaitingForSpeech === done) stopWaitingForSpeech = null;
        utterance.onend = null;
        utterance.onerror = null;
        clearTimeout(fallback);
        resolve();
      };
      const utterance = new SpeechSynthesisUtterance(spokenForm(text));
      const fallback = setTimeout(done, 8000);
      stopWaitingForSpeech = done;
      utterance.lang = "en-GB";
      utterance.onend = done;
      utterance.onerror = done;
      window.speechSynthesis.cancel();
      window.speechSynthesis.speak(utterance);
    });
  }

  // Made on the Start press: tablets only allow sound that a tap started.
  let audioContext = null;
  function beep(frequency) {
    if (!settings.alert || !audioContext) return;
    const oscillator = audioContext.createOscillator();
    oscillator.frequency.value = frequency;
    oscillator.connect(audioContext.destination);
    oscillator.start();
    oscillator.stop(audioContext.currentTime + 0.2);
  }

  // --- one question -----------------------------------------------------------------------
  let typed = "";
  let onKey = null;

  function show(element, visible) {
    element.hidden = !visible;
  }

  function setTyped(value) {
    typed = value;
    ui.answer.textContent = typed || " ";
  }

  function press(key) {
    if (stopWaitingForSpeech && /^[0-9]$/.test(key)) {
      keyDuringSpeech = key;  // typing starts the timer, and the digit counts
      window.speechSynthesis.cancel();
      stopWaitingForSpeech();
      return;
    }
    if (onKey) onKey(key);
  }

  document.addEventListener("keydown", (event) => {
    if (event.key === "Tab" && settings.audio && onKey && questionOnScreen) {
      event.preventDefault();  // Tab reads the question again; the timer carries on
      sayAgain(questionOnScreen);
      return;
    }
    if (!onKey && !stopWaitingForSpeech) return;
    if (/^[0-9]$/.test(event.key) || event.key === "Backspace" || event.key === "Enter") {
      event.preventDefault();
      press(event.key);
    }
  });
  if (ui.pad) {
    ui.pad.addEventListener("click", (event) => {
      const key = event.target.closest("[data-key]");
      if (key) press(key.dataset.key);
    });
  }

  function wait(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  function pause() {
    ui.question.textContent = "";
    show(ui.question, false); show(ui.answer, false); show(ui.timer, false);
    if (settings.nextButton) {
      return new Promise((resolve) => {
        show(ui.next, true);
        ui.next.disabled = true;
        setTimeout(() => { ui.next.disabled = false; ui.next.focus(); }, 2000);
        ui.next.onclick = () => { show(ui.next, false); resolve(); };
      });
    }
    return wait(settings.pauseMs);
  }

  // Resolves with what was typed, how long it took, and whether the time ran out.
  async function ask(text, label, limitMs, deadline) {
    ui.label.textContent = label;
    show(ui.label, true);
    setTyped("");
    ui.question.textContent = settings.audio ? "Listen…" : `${text} =`;
    show(ui.question, true); show(ui.answer, true);
    await speak(text);
    ui.question.textContent = `${text} =`;
    questionOnScreen = text;
    if (keyDuringSpeech) { setTyped(keyDuringSpeech); keyDuringSpeech = null; }
    const started = performance.now();
    return new Promise((resolve) => {
      let timer = null;
      let warned = false;
      const end = (timedOut) => {
        onKey = null;
        questionOnScreen = null;
        clearInterval(timer);
        resolve({ typed, clientMs: Math.round(performance.now() - started), timedOut });
      };
      const limit = deadline ? () => deadline - performance.now() : () => limitMs - (performance.now() - started);
      if (limitMs || deadline) {
        show(ui.timer, true);
        const total = limitMs || settings.speedMs;
        timer = setInterval(() => {
          const left = limit();
          ui.bar.style.width = `${Math.max(0, (left / total) * 100)}%`;
          if (!warned && left <= 2000) { warned = true; beep(660); }
          if (left <= 0) { beep(440); end(true); }
        }, 100);
      } else {
        show(ui.timer, false);
      }
      onKey = (key) => {
        if (key === "Enter") {
          if (typed !== "") end(false);  // Enter only counts once something is typed
        } else if (key === "Backspace") {
          setTyped(typed.slice(0, -1));
        } else if (typed.length < MAX_DIGITS) {
          setTyped(typed + key);
        }
      };
    });
  }

  // --- the game ---------------------------------------------------------------------------
  async function play() {
    show(ui.intro, false);
    if (ui.pad) show(ui.pad, true);
    if (settings.alert) {
      audioContext = new (window.AudioContext || window.webkitAudioContext)();
    }
    if (warmUp.length) sessionStorage.setItem(warmUpKey, "1");
    for (const [index, text] of warmUp.entries()) {
      await pause();
      await ask(text, `Practice ${index + 1} of ${warmUp.length}`, settings.questionMs);
    }
    // Answers kept from before a reload went first; then Start, so the server knows which
    // question was left on screen.
    const resumeAt = Math.max(firstNumber, ...restored.map((n) => n + 1));
    enqueue({ kind: "begin" });
    const deadline = settings.speedMs ? performance.now() + settings.speedMs : 0;
    // The check's 30-minute cap (it matters with the Next button); the server enforces it too.
    const checkEnds = settings.mode === "check" || settings.mode === "try_it_out"
      ? performance.now() + 30 * 60 * 1000 : Infinity;
    const total = firstNumber - 1 + questions.length;
    for (const [index, text] of questions.entries()) {
      const number = firstNumber + index;
      if (number < resumeAt) continue;
      if (finishedByServer) break;
      if (deadline && performance.now() >= deadline) break;
      if (!deadline) await pause();
      if (performance.now() >= checkEnds) { setStatus("Time is up for the check. Tell your teacher."); break; }
      const label = deadline ? `Question ${number}` : `Question ${number} of ${total}`;
      const result = await ask(text, label, settings.questionMs, deadline);
      // A speed round ends mid-question: a blank last question is not an answer.
      if (deadline && result.timedOut && result.typed === "") break;
      enqueue({ kind: "answer", number, ...result });
      if (deadline && performance.now() >= deadline) break;
    }
    if (deadline) enqueue({ kind: "finish" });
    allAsked = true;
    show(ui.question, false); show(ui.answer, false); show(ui.timer, false);
    if (ui.pad) show(ui.pad, false);
    ui.label.textContent = "All done!";
    if (queue.length === 0 && !sending) finish();
    else setStatus("Saving your answers…");
  }

  function finish() {
    sessionStorage.removeItem(warmUpKey);
    window.location.assign(settings.resultUrl);
  }

  ui.start.addEventListener("click", play, { once: true });
  if (queue.length) send();  // answers left unsent by a reload go as soon as the page opens
  window.addEventListener("beforeunload", (event) => {
    if (queue.length) event.preventDefault();  // "Leave? Answers are still being saved."
  });
})();
