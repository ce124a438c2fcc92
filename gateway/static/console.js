// Staff console: emergency events, knowledge index (with reload), dependencies and
// counters. Polls the admin API with the admin key typed in. Plain JS, no build step.
"use strict";

(() => {
  const POLL_MS = 5000;
  const EVENT_COUNT = 50;

  const TEXT = {
    en: {
      pageTitle: "Staff console · patient-gateway",
      skip: "Skip to emergency events",
      title: "Staff console",
      adminKey: "Admin key",
      adminKeyHelp: "Kept in this browser tab only.",
      connect: "Connect",
      refresh: "Refresh now",
      events: "Emergency events",
      eventsHint: "Newest first. Messages are shown redacted.",
      noEvents: "No emergency events.",
      index: "Knowledge index",
      reload: "Reload index",
      manifest: "Manifest",
      dependencies: "Dependencies",
      counters: "Counters",
      countersHint: "Since this gateway process started.",
      patientLink: "Patient page",
      needKey: "Enter the admin key to connect.",
      connected: "Connected. Updating every 5 seconds.",
      updated: "Last updated",
      unauthorized: "The admin key was not accepted.",
      forbidden: "This is a portal key; the console needs an admin key.",
      network: "The gateway could not be reached.",
      loaded: "Loaded",
      notLoaded: "Not loaded",
      build: "Build",
      documents: "Documents",
      chunks: "Chunks",
      builtAt: "Built",
      model: "Embedding model",
      reloading: "Reloading…",
      reloaded: "Reloaded",
      reloadFailed: "Reload failed",
      ready: "Ready",
      notReady: "Not ready",
      optional: "optional",
      ok: "OK",
      fail: "Failing",
      tenant: "Portal",
      patient: "Patient ref",
      language: "Language",
      reasons: "Reasons",
      level: { emergency: "Emergency", urgent: "Urgent", routine: "Routine" },
      groups: {
        requests: "Requests",
        consultations: "Consultations",
        emergencies: "Emergencies",
        redactions: "Redactions",
        upstream_errors: "Upstream errors",
        degraded: "Degraded answers",
      },
      newEvents: "new",
    },
    zh: {
      pageTitle: "工作人员控制台 · patient-gateway",
      skip: "跳到紧急事件",
      title: "工作人员控制台",
      adminKey: "管理员密钥",
      adminKeyHelp: "只保存在当前浏览器标签页中。",
      connect: "连接",
      refresh: "立即刷新",
      events: "紧急事件",
      eventsHint: "最新的在前。消息已脱敏显示。",
      noEvents: "没有紧急事件。",
      index: "知识库索引",
      reload: "重新加载索引",
      manifest: "清单",
      dependencies: "依赖服务",
      counters: "计数",
      countersHint: "自本网关进程启动以来。",
      patientLink: "患者页面",
      needKey: "请输入管理员密钥以连接。",
      connected: "已连接，每 5 秒更新一次。",
      updated: "最后更新",
      unauthorized: "管理员密钥无效。",
      forbidden: "这是门户密钥；控制台需要管理员密钥。",
      network: "无法连接到网关。",
      loaded: "已加载",
      notLoaded: "未加载",
      build: "版本",
      documents: "文档",
      chunks: "片段",
      builtAt: "构建时间",
      model: "向量模型",
      reloading: "正在重新加载…",
      reloaded: "已重新加载",
      reloadFailed: "重新加载失败",
      ready: "就绪",
      notReady: "未就绪",
      optional: "可选",
      ok: "正常",
      fail: "故障",
      tenant: "门户",
      patient: "患者标识",
      language: "语言",
      reasons: "原因",
      level: { emergency: "紧急", urgent: "尽快就医", routine: "常规" },
      groups: {
        requests: "请求",
        consultations: "咨询",
        emergencies: "紧急情况",
        redactions: "脱敏",
        upstream_errors: "上游错误",
        degraded: "降级回答",
      },
      newEvents: "新",
    },
  };

  const $ = (id) => document.getElementById(id);
  let lang = "en";
  let timer = null;
  let seen = null; // event ids already shown (null until the first load)
  let last = { events: null, index: null, ready: null, stats: null };
  let statusText = () => "";

  function setStatus(make) {
    statusText = make;
    $("status").textContent = make();
  }

  function t(name) {
    const table = TEXT[lang] || TEXT.en;
    return table[name] !== undefined ? table[name] : TEXT.en[name];
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function session(name, value) {
    try {
      if (value === undefined) return sessionStorage.getItem(name) || "";
      if (value) sessionStorage.setItem(name, value);
      else sessionStorage.removeItem(name);
    } catch (_) {
      /* storage disabled: the key stays in the field */
    }
    return value || "";
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
      /* ignore */
    }
    renderAll();
    $("status").textContent = statusText();
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

  // -- HTTP -----------------------------------------------------------------------------

  class ApiError extends Error {
    constructor(status, detail) {
      super(detail);
      this.status = status;
      this.detail = detail;
    }
  }

  function explain(err) {
    if (!(err instanceof ApiError)) return t("network");
    if (err.status === 401) return `${t("unauthorized")} (${err.detail})`;
    if (err.status === 403) return t("forbidden");
    return `${err.status}: ${err.detail}`;
  }

  async function call(path, { method = "GET", admin = true, okStatuses = [] } = {}) {
    const headers = { Accept: "application/json" };
    if (admin) headers.Authorization = `Bearer ${$("admin-key").value.trim()}`;
    const response = await fetch(path, { method, headers, cache: "no-store" });
    let body = null;
    try {
      body = await response.json();
    } catch (_) {
      /* not JSON */
    }
    if (!response.ok && !okStatuses.includes(response.status)) {
      const detail = body && typeof body.detail === "string" ? body.detail : response.statusText;
      throw new ApiError(response.status, detail);
    }
    return body;
  }

  // -- rendering ------------------------------------------------------------------------

  function showError(id, err) {
    const box = $(id);
    box.textContent = err ? explain(err) : "";
    box.hidden = !err;
  }

  function formatTime(ts) {
    const seconds = Number(ts);
    if (!Number.isFinite(seconds)) return String(ts || "");
    const locale = lang === "zh" ? "zh-CN" : undefined;
    return new Date(seconds * 1000).toLocaleString(locale, {
      year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", second: "2-digit",
    });
  }

  function parseReasons(raw) {
    if (Array.isArray(raw)) return raw;
    try {
      const value = JSON.parse(raw || "[]");
      return Array.isArray(value) ? value : [String(value)];
    } catch (_) {
      return raw ? [String(raw)] : [];
    }
  }

  function row(list, label, value) {
    list.append(el("dt", "", label), el("dd", "", value));
  }

  function renderEvents() {
    const list = $("events");
    const events = last.events;
    list.replaceChildren();
    $("events-empty").hidden = Boolean(events && events.length);
    if (!events) return;
    for (const ev of events) {
      const item = el("li", `event level-${ev.level || "unknown"}`);
      item.dataset.eventId = ev.event_id;
      if (seen && !seen.has(ev.event_id)) item.classList.add("new");
      const head = el("p", "event-head");
      const levels = t("level");
      head.append(
        el("span", `badge ${ev.level || ""}`, levels[ev.level] || ev.level || "?"),
        " ",
        el("strong", "event-category", ev.category || "—"),
        " ",
        el("time", "event-time", formatTime(ev.ts)),
      );
      if (item.classList.contains("new")) head.append(" ", el("span", "badge new", t("newEvents")));
      item.append(head);
      item.append(el("p", "event-text", ev.text || ""));
      const details = el("dl", "event-meta");
      row(details, t("tenant"), ev.tenant || "");
      row(details, t("patient"), ev.patient_ref || "");
      row(details, t("language"), ev.locale || "");
      const reasons = parseReasons(ev.reasons);
      if (reasons.length) row(details, t("reasons"), reasons.join("; "));
      item.append(details);
      list.append(item);
    }
  }

  function renderIndex() {
    const box = $("index-status");
    box.replaceChildren();
    const status = last.index;
    if (!status) return;
    const state = el("p", status.loaded ? "ok" : "fail", status.loaded ? t("loaded") : t("notLoaded"));
    box.append(state);
    const m = status.manifest;
    if (m) {
      const list = el("dl", "kv");
      row(list, t("build"), m.build_id || "");
      row(list, t("documents"), m.documents);
      row(list, t("chunks"), m.chunks);
      if (m.built_at) row(list, t("builtAt"), m.built_at);
      if (m.embedding_model) row(list, t("model"), m.embedding_model);
      box.append(list);
      $("manifest").textContent = JSON.stringify(m, null, 2);
      $("manifest-box").hidden = false;
    } else {
      $("manifest-box").hidden = true;
    }
    if (status.error) box.append(el("p", "error", status.error));
  }

  function renderReady() {
    const data = last.ready;
    const list = $("deps");
    list.replaceChildren();
    if (!data) {
      $("ready").textContent = "";
      return;
    }
    $("ready").textContent = data.ready ? t("ready") : t("notReady");
    $("ready").className = `ready ${data.ready ? "ok" : "fail"}`;
    for (const [name, dep] of Object.entries(data.dependencies || {})) {
      const item = el("li", dep.ok ? "ok" : "fail");
      item.append(
        el("span", `badge ${dep.ok ? "ok" : "fail"}`, dep.ok ? t("ok") : t("fail")),
        " ",
        el("strong", "", name),
      );
      if (dep.required === false) item.append(" ", el("span", "muted", `(${t("optional")})`));
      item.append(el("span", "dep-detail", dep.detail || ""));
      list.append(item);
    }
  }

  function renderStats() {
    const list = $("stats");
    list.replaceChildren();
    const stats = last.stats;
    if (!stats) return;
    const names = t("groups");
    for (const [group, label] of Object.entries(names)) {
      const counter = stats[group];
      if (!counter) continue;
      const term = el("dt", "", label);
      const value = el("dd");
      value.append(el("span", "total", Math.round(counter.total)));
      const parts = Object.entries(counter.by || {}).map(([k, v]) => `${k || "—"}: ${Math.round(v)}`);
      if (parts.length) value.append(" ", el("span", "muted", parts.join(" · ")));
      value.dataset.group = group;
      list.append(term, value);
    }
  }

  function renderAll() {
    renderEvents();
    renderIndex();
    renderReady();
    renderStats();
  }

  // -- loading --------------------------------------------------------------------------

  async function loadEvents() {
    try {
      const body = await call(`/v1/admin/events?count=${EVENT_COUNT}`);
      const events = (body && body.events) || [];
      const before = seen;
      last.events = events;
      renderEvents();
      seen = new Set(events.map((e) => e.event_id));
      if (before) {
        const fresh = events.filter((e) => !before.has(e.event_id)).length;
        document.title = (fresh ? `(${fresh}) ` : "") + t("pageTitle");
      }
      showError("events-error", null);
      return null;
    } catch (err) {
      showError("events-error", err);
      return err;
    }
  }

  async function loadIndex() {
    try {
      last.index = await call("/v1/admin/index");
      renderIndex();
      showError("index-error", null);
      return null;
    } catch (err) {
      showError("index-error", err);
      return err;
    }
  }

  async function loadReady() {
    try {
      // 503 still carries the dependency list.
      last.ready = await call("/readyz", { okStatuses: [503] });
    } catch (_) {
      last.ready = null;
    }
    renderReady();
  }

  async function loadStats() {
    try {
      last.stats = await call("/v1/admin/stats");
      renderStats();
      showError("stats-error", null);
      return null;
    } catch (err) {
      showError("stats-error", err);
      return err;
    }
  }

  async function refresh() {
    if (!$("admin-key").value.trim()) {
      setStatus(() => t("needKey"));
      return;
    }
    const results = await Promise.all([loadEvents(), loadIndex(), loadStats(), loadReady()]);
    const failure = results.find((r) => r instanceof ApiError && (r.status === 401 || r.status === 403));
    if (failure) {
      stop();
      setStatus(() => explain(failure));
      return;
    }
    $("updated").textContent = `${t("updated")}: ${new Date().toLocaleTimeString(lang === "zh" ? "zh-CN" : undefined)}`;
  }

  function stop() {
    if (timer) clearInterval(timer);
    timer = null;
  }

  function start() {
    stop();
    session("pg.adminKey", $("admin-key").value.trim());
    setStatus(() => t("connected"));
    seen = null;
    refresh();
    timer = setInterval(() => {
      if (document.visibilityState !== "hidden") refresh();
    }, POLL_MS);
  }

  async function reload() {
    const button = $("reload");
    const result = $("reload-result");
    if (!$("admin-key").value.trim()) {
      result.textContent = t("needKey");
      return;
    }
    button.disabled = true;
    result.className = "result";
    result.textContent = t("reloading");
    try {
      const status = await call("/v1/admin/reload-index", { method: "POST" });
      last.index = status;
      renderIndex();
      const m = (status && status.manifest) || {};
      result.className = "result ok";
      result.textContent = `${t("reloaded")}: ${m.build_id || ""} — ` +
        `${t("chunks")} ${m.chunks ?? "?"}, ${t("documents")} ${m.documents ?? "?"}`;
      showError("index-error", null);
    } catch (err) {
      result.className = "result fail";
      result.textContent = `${t("reloadFailed")}: ${explain(err)}`;
    } finally {
      button.disabled = false;
    }
  }

  function init() {
    applyLanguage(initialLanguage());
    for (const button of document.querySelectorAll("button.lang")) {
      button.addEventListener("click", () => applyLanguage(button.dataset.lang));
    }
    $("connect").addEventListener("submit", (e) => {
      e.preventDefault();
      start();
    });
    $("refresh").addEventListener("click", () => refresh());
    $("reload").addEventListener("click", () => reload());
    const saved = session("pg.adminKey");
    if (saved) {
      $("admin-key").value = saved;
      start();
    } else {
      setStatus(() => t("needKey"));
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
