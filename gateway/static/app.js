// Patient chat demo: sends a message to POST /v1/consultations and renders the
// Server-Sent Events (meta, delta…, done | error) as they arrive. Plain JS, no build step.
"use strict";

(() => {
  const TEXT = {
    en: {
      pageTitle: "Patient assistant · patient-gateway",
      skip: "Skip to the message box",
      title: "Patient assistant",
      intro: "Ask a health question. Answers are general information from the clinic's " +
        "assistant, not a diagnosis.",
      settings: "Connection",
      apiKey: "API key",
      apiKeyHelp: "Kept in this browser tab only.",
      patientId: "Patient id",
      patientIdHelp: "Letters, digits and . _ : @ -",
      answerLocale: "Answer language",
      localeAuto: "Same as my message",
      conversation: "Conversation",
      empty: "No messages yet.",
      message: "Your message",
      messageHelp: "Enter to send, Shift+Enter for a new line.",
      send: "Send",
      stop: "Stop",
      footer: "In an emergency, call your local emergency number now. Do not wait for an " +
        "answer here.",
      consoleLink: "Staff console",
      you: "You",
      assistant: "Assistant",
      waiting: "Waiting for the answer…",
      sources: "Sources",
      disclaimer: "Please note",
      needKey: "Enter the API key first.",
      badPatient: "The patient id may only use letters, digits and . _ : @ - (up to 128).",
      emptyMessage: "Type a message first.",
      network: "The gateway could not be reached. Check your connection and try again.",
      stopped: "Stopped.",
      cutOff: "The answer was cut off: ",
      errorTitle: "Something went wrong",
      keyRejected: "Check the API key.",
      emergencyTitle: "This may be an emergency",
      callNow: "Call now:",
      alsoCall: "Or call:",
      category: "Reason",
      urgent: "This needs prompt attention: contact your clinic or a doctor today.",
      redacted: "Personal details hidden from the assistant:",
      degraded: "The assistant is limited right now; this answer may be shorter than usual.",
      knowledgeOnly: "The assistant is unavailable; this answer quotes the clinic's documents.",
    },
    zh: {
      pageTitle: "患者助手 · patient-gateway",
      skip: "跳到输入框",
      title: "患者助手",
      intro: "请输入您的健康问题。回答来自诊所助手，仅为一般健康信息，不是诊断。",
      settings: "连接设置",
      apiKey: "API 密钥",
      apiKeyHelp: "只保存在当前浏览器标签页中。",
      patientId: "患者编号",
      patientIdHelp: "字母、数字以及 . _ : @ -",
      answerLocale: "回答语言",
      localeAuto: "与我的消息相同",
      conversation: "对话",
      empty: "还没有消息。",
      message: "您的消息",
      messageHelp: "按 Enter 发送，Shift+Enter 换行。",
      send: "发送",
      stop: "停止",
      footer: "紧急情况请立即拨打当地急救电话，不要在这里等待回答。",
      consoleLink: "工作人员控制台",
      you: "您",
      assistant: "助手",
      waiting: "正在等待回答…",
      sources: "参考资料",
      disclaimer: "请注意",
      needKey: "请先输入 API 密钥。",
      badPatient: "患者编号只能包含字母、数字以及 . _ : @ -（最多 128 个字符）。",
      emptyMessage: "请先输入消息。",
      network: "无法连接到网关，请检查网络后重试。",
      stopped: "已停止。",
      cutOff: "回答被中断：",
      errorTitle: "出错了",
      keyRejected: "请检查 API 密钥。",
      emergencyTitle: "这可能是紧急情况",
      callNow: "请立即拨打：",
      alsoCall: "或拨打：",
      category: "原因",
      urgent: "这需要尽快处理：请今天联系诊所或医生。",
      redacted: "已对助手隐藏的个人信息：",
      degraded: "助手目前功能受限，本次回答可能比平时简短。",
      knowledgeOnly: "助手暂时不可用，本次回答引用了诊所的资料。",
    },
  };

  const CATEGORIES = {
    cardiac: { en: "possible heart emergency", zh: "疑似心脏急症" },
    stroke: { en: "possible stroke", zh: "疑似卒中（中风）" },
    respiratory: { en: "breathing emergency", zh: "呼吸急症" },
    bleeding: { en: "serious bleeding", zh: "严重出血" },
    suicide: { en: "risk of self-harm", zh: "自我伤害风险" },
    anaphylaxis: { en: "severe allergic reaction", zh: "严重过敏反应" },
    poisoning: { en: "possible poisoning", zh: "疑似中毒" },
    seizure: { en: "seizure", zh: "抽搐" },
    sepsis: { en: "possible severe infection (sepsis)", zh: "疑似严重感染（脓毒症）" },
    obstetric: { en: "pregnancy emergency", zh: "孕产急症" },
    pediatric: { en: "child emergency", zh: "儿童急症" },
    trauma: { en: "serious injury", zh: "严重外伤" },
  };

  const REDACTION_TYPES = {
    PERSON: { en: "name", zh: "姓名" },
    PHONE: { en: "phone number", zh: "电话号码" },
    EMAIL: { en: "email", zh: "邮箱" },
    ADDRESS: { en: "address", zh: "地址" },
    CN_ID: { en: "ID card number", zh: "身份证号" },
    SSN: { en: "social security number", zh: "社会保障号" },
    PASSPORT: { en: "passport number", zh: "护照号" },
    MRN: { en: "medical record number", zh: "病历号" },
    INSURANCE_ID: { en: "insurance number", zh: "医保号" },
    DATE_OF_BIRTH: { en: "date of birth", zh: "出生日期" },
    BANK_CARD: { en: "bank card", zh: "银行卡号" },
    IP_ADDRESS: { en: "IP address", zh: "IP 地址" },
    URL: { en: "link", zh: "链接" },
  };

  // Numbers the gateway tells people to call (emergency and crisis lines, zh and en).
  const KNOWN_NUMBERS = ["120", "911", "988", "12356", "112", "999"];
  const PATIENT_ID = /^[A-Za-z0-9._:@-]{1,128}$/;
  const STORE = { key: "pg.apiKey", patient: "pg.patientId", locale: "pg.answerLocale" };

  const $ = (id) => document.getElementById(id);
  let lang = "en";
  let busy = null; // the AbortController of the request in flight

  function t(name) {
    return (TEXT[lang] && TEXT[lang][name]) || TEXT.en[name] || name;
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function applyLanguage(next) {
    lang = next === "zh" ? "zh" : "en";
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    document.title = t("pageTitle");
    for (const node of document.querySelectorAll("[data-i18n]")) {
      node.textContent = t(node.dataset.i18n);
    }
    for (const button of document.querySelectorAll("button.lang")) {
      button.setAttribute("aria-pressed", String(button.dataset.lang === lang));
    }
    try {
      localStorage.setItem("pg.lang", lang);
    } catch (_) {
      /* storage may be disabled; the switch still works for this page */
    }
  }

  function initialLanguage() {
    try {
      const saved = localStorage.getItem("pg.lang");
      if (saved === "zh" || saved === "en") return saved;
    } catch (_) {
      /* ignore */
    }
    return (navigator.language || "").toLowerCase().startsWith("zh") ? "zh" : "en";
  }

  function session(name, value) {
    try {
      if (value === undefined) return sessionStorage.getItem(name) || "";
      if (value) sessionStorage.setItem(name, value);
      else sessionStorage.removeItem(name);
    } catch (_) {
      /* private mode: keep the value in the field only */
    }
    return value || "";
  }

  // -- problem+json ---------------------------------------------------------------------

  async function readProblem(response) {
    let body = null;
    try {
      body = await response.json();
    } catch (_) {
      /* not JSON */
    }
    const detail = body && typeof body.detail === "string" ? body.detail : response.statusText;
    const title = body && typeof body.title === "string" ? body.title : t("errorTitle");
    return { status: response.status, title, detail };
  }

  function problemText(problem) {
    let text = `${problem.title} (${problem.status}): ${problem.detail}`;
    if (problem.status === 401 || problem.status === 403) {
      text = `${text.replace(/[.。]?$/, ".")} ${t("keyRejected")}`;
    }
    return text;
  }

  // -- Server-Sent Events over fetch ----------------------------------------------------

  function parseBlock(block) {
    let event = "message";
    const data = [];
    for (const line of block.split(/\r?\n/)) {
      if (!line || line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? "" : line.slice(colon + 1);
      if (value.startsWith(" ")) value = value.slice(1);
      if (field === "event") event = value;
      else if (field === "data") data.push(value);
    }
    if (!data.length) return null;
    try {
      return { event, data: JSON.parse(data.join("\n")) };
    } catch (_) {
      return null;
    }
  }

  async function* readEvents(response) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let cut;
      while ((cut = buffer.search(/\r?\n\r?\n/)) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut).replace(/^\r?\n\r?\n/, "");
        const parsed = parseBlock(block);
        if (parsed) yield parsed;
      }
    }
    buffer += decoder.decode();
    const parsed = parseBlock(buffer);
    if (parsed) yield parsed;
  }

  // -- rendering ------------------------------------------------------------------------

  function scrollToEnd(node) {
    node.scrollIntoView({ block: "end", behavior: "auto" });
  }

  function addTurn(role) {
    $("empty").hidden = true;
    const item = el("li", `turn ${role}`);
    item.append(el("span", "who", t(role === "user" ? "you" : "assistant")));
    $("log").append(item);
    return item;
  }

  function categoryLabel(category) {
    const entry = CATEGORIES[category];
    return entry ? entry[lang] : category || "";
  }

  function numbersIn(text) {
    const found = [];
    const add = (n) => {
      if (!found.includes(n)) found.push(n);
    };
    const runs = text.match(/\d+/g) || [];
    for (const run of runs) if (KNOWN_NUMBERS.includes(run)) add(run);
    if (!found.length) {
      // A clinic may configure other numbers: take short standalone digit runs.
      for (const run of runs) if (run.length >= 3 && run.length <= 5) add(run);
    }
    return found;
  }

  function callLink(number, big) {
    const link = el("a", big ? "call big" : "call", number);
    link.href = `tel:${number}`;
    return link;
  }

  function renderEmergency(turn, meta, guidance) {
    // The guidance comes in the language the person wrote in; when the interface is in the
    // other one, the banner's own words are given in both so nobody misses them.
    const spoken = /[\u4e00-\u9fff]/.test(guidance) ? "zh" : "en";
    const bare = (text) => text.replace(/[:：]\s*$/, "");
    const both = (name) => (spoken === lang ? t(name) : `${bare(TEXT[spoken][name])} / ${t(name)}`);
    const banner = el("section", "emergency-banner");
    banner.setAttribute("role", "alert");
    banner.append(el("h3", "emergency-title", both("emergencyTitle")));
    const numbers = numbersIn(guidance);
    if (numbers.length) {
      const call = el("p", "call-now");
      call.append(el("span", "call-label", both("callNow")), " ", callLink(numbers[0], true));
      banner.append(call);
      if (numbers.length > 1) {
        const also = el("p", "call-also");
        also.append(el("span", "call-label", both("alsoCall")));
        for (const n of numbers.slice(1)) also.append(" ", callLink(n, false));
        banner.append(also);
      }
    }
    const category = meta && meta.triage ? meta.triage.category : null;
    if (category) {
      const entry = CATEGORIES[category];
      const label = entry && spoken !== lang ? `${entry[spoken]} / ${entry[lang]}`
        : categoryLabel(category);
      banner.append(el("p", "emergency-category", `${both("category")}: ${label}`));
    }
    banner.append(el("p", "emergency-text", guidance));
    banner.dataset.numbers = numbers.join(" ");
    turn.append(banner);
    turn.classList.add("is-emergency");
    scrollToEnd(banner);
  }

  function renderCitations(turn, citations) {
    if (!citations || !citations.length) return;
    const box = el("section", "citations");
    const heading = el("h3", "", t("sources"));
    box.append(heading);
    const list = el("ol");
    for (const c of citations) {
      const item = el("li");
      item.append(el("span", "cite-title", c.title || c.id));
      if (c.source) {
        item.append(" — ");
        if (/^https?:\/\//i.test(c.source)) {
          const link = el("a", "cite-source", c.source);
          link.href = c.source;
          link.rel = "noopener noreferrer";
          link.target = "_blank";
          item.append(link);
        } else {
          item.append(el("span", "cite-source", c.source));
        }
      }
      list.append(item);
    }
    box.append(list);
    turn.append(box);
  }

  function renderNotes(turn, meta) {
    const triage = meta.triage || {};
    if (triage.level === "urgent") {
      const note = el("p", "urgent", t("urgent"));
      if (triage.category) note.append(` (${categoryLabel(triage.category)})`);
      turn.append(note);
    }
    const redactions = meta.redactions || {};
    const parts = Object.entries(redactions)
      .filter(([, n]) => n > 0)
      .map(([type, n]) => {
        const label = REDACTION_TYPES[type] ? REDACTION_TYPES[type][lang] : type.toLowerCase();
        return `${label} ×${n}`;
      });
    if (parts.length) turn.append(el("p", "redacted", `${t("redacted")} ${parts.join(", ")}`));
  }

  function renderError(turn, text) {
    const box = el("p", "error", text);
    box.setAttribute("role", "alert");
    turn.append(box);
    scrollToEnd(box);
  }

  // -- sending --------------------------------------------------------------------------

  function showFormError(text) {
    const box = $("form-error");
    box.textContent = text;
    box.hidden = !text;
  }

  function setBusy(controller) {
    busy = controller;
    $("send").disabled = Boolean(controller);
    $("stop").hidden = !controller;
    $("log").setAttribute("aria-busy", String(Boolean(controller)));
  }

  async function send() {
    if (busy) return;
    const key = $("api-key").value.trim();
    const patient = $("patient-id").value.trim();
    const message = $("message").value.trim();
    if (!key) {
      showFormError(t("needKey"));
      $("settings").open = true;
      $("api-key").focus();
      return;
    }
    if (!PATIENT_ID.test(patient)) {
      showFormError(t("badPatient"));
      $("settings").open = true;
      $("patient-id").focus();
      return;
    }
    if (!message) {
      showFormError(t("emptyMessage"));
      $("message").focus();
      return;
    }
    showFormError("");
    session(STORE.key, key);
    session(STORE.patient, patient);

    const mine = addTurn("user");
    mine.append(el("p", "text", message));
    $("message").value = "";
    const turn = addTurn("assistant");
    const status = el("p", "pending", t("waiting"));
    turn.append(status);
    scrollToEnd(turn);

    const controller = new AbortController();
    setBusy(controller);
    try {
      const response = await fetch("/v1/consultations", {
        method: "POST",
        headers: {
          Authorization: `Bearer ${key}`,
          "Content-Type": "application/json",
          Accept: "text/event-stream",
        },
        body: JSON.stringify({
          patient_id: patient,
          message,
          locale: $("answer-locale").value || null,
          stream: true,
        }),
        signal: controller.signal,
        cache: "no-store",
      });
      if (!response.ok) {
        status.remove();
        renderError(turn, problemText(await readProblem(response)));
        if (!$("message").value) $("message").value = message; // let them try again
        return;
      }
      await consume(response, turn, status);
    } catch (err) {
      status.remove();
      if (err && err.name === "AbortError") turn.append(el("p", "note", t("stopped")));
      else renderError(turn, t("network"));
    } finally {
      setBusy(null);
      $("message").focus();
    }
  }

  async function consume(response, turn, status) {
    let meta = { triage: {} };
    let emergency = false;
    let text = null; // the answer's text node, created on the first delta
    let guidance = "";
    // The last delta carries the disclaimer, which is shown on its own: hold each delta back
    // until the next one (or `done`) arrives, then drop the one that is the disclaimer.
    let pending = null;
    const show = (chunk) => {
      if (!chunk) return;
      if (!text) {
        status.remove();
        text = el("p", "text answer");
        turn.append(text);
      }
      text.textContent += chunk;
    };

    for await (const { event, data } of readEvents(response)) {
      if (event === "meta") {
        meta = data || meta;
        emergency = meta.triage && meta.triage.level === "emergency";
        turn.dataset.consultation = meta.id || "";
        turn.dataset.level = (meta.triage && meta.triage.level) || "";
      } else if (event === "delta") {
        const chunk = (data && data.text) || "";
        if (emergency) {
          guidance += chunk;
        } else {
          show(pending);
          pending = chunk;
        }
      } else if (event === "done") {
        status.remove();
        if (emergency) {
          renderEmergency(turn, meta, guidance.trim());
          renderNotes(turn, meta);
          return;
        }
        const note = (data && data.disclaimer) || "";
        if (pending !== null && note && pending.trim() === note.trim()) pending = null;
        show(pending);
        pending = null;
        if (text && note && text.textContent.trimEnd().endsWith(note.trim())) {
          const whole = text.textContent.trimEnd();
          text.textContent = whole.slice(0, whole.length - note.trim().length).trimEnd();
        }
        if (text) text.textContent = text.textContent.trim();
        renderNotes(turn, meta);
        renderCitations(turn, meta.citations);
        if (data && data.model === "gateway-knowledge") {
          turn.append(el("p", "note", t("knowledgeOnly")));
        } else if (data && data.degraded) {
          turn.append(el("p", "note", t("degraded")));
        }
        if (note) {
          const box = el("aside", "disclaimer");
          box.append(el("strong", "", t("disclaimer")), " ", el("span", "", note));
          turn.append(box);
        }
        turn.classList.add("done");
        scrollToEnd(turn);
        return;
      } else if (event === "error") {
        status.remove();
        if (emergency) renderEmergency(turn, meta, guidance.trim());
        show(pending);
        pending = null;
        renderError(turn, t("cutOff") + problemText({
          status: data.status,
          title: data.title || t("errorTitle"),
          detail: data.detail || "",
        }));
        return;
      }
    }
    // The stream ended without `done` or `error`.
    status.remove();
    if (emergency && guidance) renderEmergency(turn, meta, guidance.trim());
    show(pending);
    renderError(turn, t("network"));
  }

  // -- wiring ---------------------------------------------------------------------------

  async function prefillKey() {
    if ($("api-key").value) return;
    try {
      const response = await fetch("/v1/ui-config", { cache: "no-store" });
      if (!response.ok) return;
      const config = await response.json();
      if (config && typeof config.prefill_key === "string" && !$("api-key").value) {
        $("api-key").value = config.prefill_key;
        session(STORE.key, config.prefill_key);
      }
    } catch (_) {
      /* optional: the person types the key */
    }
  }

  function init() {
    applyLanguage(initialLanguage());
    for (const button of document.querySelectorAll("button.lang")) {
      button.addEventListener("click", () => applyLanguage(button.dataset.lang));
    }
    $("api-key").value = session(STORE.key);
    $("patient-id").value = session(STORE.patient) || "demo-patient";
    $("answer-locale").value = session(STORE.locale);
    $("api-key").addEventListener("change", () => session(STORE.key, $("api-key").value.trim()));
    $("patient-id").addEventListener("change", () =>
      session(STORE.patient, $("patient-id").value.trim()));
    $("answer-locale").addEventListener("change", () =>
      session(STORE.locale, $("answer-locale").value));
    $("composer").addEventListener("submit", (e) => {
      e.preventDefault();
      send();
    });
    $("message").addEventListener("keydown", (e) => {
      // Enter sends; Shift+Enter is a new line; never send while an IME is composing
      // (Chinese input confirms candidates with Enter).
      if (e.key === "Enter" && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
        e.preventDefault();
        send();
      }
    });
    $("stop").addEventListener("click", () => busy && busy.abort());
    prefillKey();
    if ($("api-key").value && $("settings").open && session(STORE.patient)) {
      $("settings").open = false; // a returning tab goes straight to the conversation
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
