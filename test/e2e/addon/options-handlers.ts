// Bench commands that drive the real options page (loaded in a frame of the probe's page, as the
// directory tests do): click its buttons, read what it shows.
import type { Handler } from "./handlers.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function withOptionsPage<T>(use: (doc: Document) => Promise<T>): Promise<T> {
  const frame = document.createElement("iframe");
  frame.src = messenger.runtime.getURL("ui/options/options.html");
  (document.body ?? document.documentElement).append(frame);
  try {
    for (let i = 0; i < 100; i++) {
      const doc = frame.contentDocument;
      // Ready once every listener is in place (the page says so at the end of its set-up).
      if (doc?.body?.dataset.ready === "true") return await use(doc);
      await sleep(100);
    }
    throw new Error("options page: not ready in 10 s");
  } finally {
    frame.remove();
  }
}

const shown = (doc: Document, id: string) => {
  const el = doc.getElementById(id);
  return el && !el.hidden ? (el.textContent ?? "") : null;
};

export const optionsHandlers: Record<string, Handler> = {
  /** Clicks « Mettre à jour maintenant » of the white list and returns what the page then shows. */
  async optionsRefreshWhitelist() {
    return withOptionsPage(async (doc) => {
      const refreshing = messenger.i18n.getMessage("optionsWhitelistRefreshing");
      const summary = doc.getElementById("wl-summary")!;
      // Every text the summary takes after the click: "refreshing…", then the outcome.
      const seen: string[] = [];
      const observer = new MutationObserver(() => seen.push(summary.textContent ?? ""));
      observer.observe(summary, { childList: true, characterData: true, subtree: true });
      try {
        (doc.getElementById("wl-refresh") as HTMLButtonElement).click();
        for (let i = 0; i < 300; i++) {
          const at = seen.indexOf(refreshing);
          const after = at >= 0 ? seen.slice(at + 1).find((t) => t && t !== refreshing) : undefined;
          if (after !== undefined) return { summary: after, error: shown(doc, "wl-error"), pageError: shown(doc, "page-error") };
          await sleep(100);
        }
        throw new Error(`options page: the white-list refresh did not end in 30 s (${JSON.stringify(seen)})`);
      } finally {
        observer.disconnect();
      }
    });
  },

  /** « Retirer toutes les étiquettes MSSanté », its confirmation, then « Retirer les étiquettes ». */
  async optionsRemoveTags() {
    return withOptionsPage(async (doc) => {
      const confirm = doc.getElementById("tags-confirm")!;
      const confirmHiddenBefore = confirm.hidden;
      (doc.getElementById("tags-remove") as HTMLButtonElement).click();
      const asked = { shown: !confirm.hidden, text: doc.getElementById("tags-confirm-text")?.textContent ?? "", focused: doc.activeElement?.id ?? "" };
      (doc.getElementById("tags-confirm-yes") as HTMLButtonElement).click();
      for (let i = 0; i < 300; i++) {
        const result = doc.getElementById("tags-result")?.textContent ?? "";
        if (result) return { confirmHiddenBefore, asked, result, pageError: shown(doc, "page-error") };
        await sleep(100);
      }
      throw new Error("options page: removing the tags did not end in 30 s");
    });
  },

  /**
   * The « correspondants habituels » section: optionally clicks its checkbox (`toggle`) or its
   * « Oublier » button (`forget`), waits for the status to change, and returns what it shows.
   */
  async optionsUsual(params: { toggle?: boolean; forget?: boolean }) {
    return withOptionsPage(async (doc) => {
      const section = doc.getElementById("dir-usual")!;
      for (let i = 0; i < 100 && section.dataset.ready !== "true"; i++) await sleep(100);
      if (section.dataset.ready !== "true") throw new Error("options page: the usual-correspondents section is not ready in 10 s");
      const box = doc.getElementById("dir-usual-enabled") as HTMLInputElement;
      const status = doc.getElementById("dir-usual-status")!;
      const before = status.textContent ?? "";
      const click = params.forget ? (doc.getElementById("dir-usual-forget") as HTMLButtonElement) : params.toggle ? box : null;
      if (click) {
        if (click.hidden) throw new Error(`options page: ${click.id} is hidden`);
        click.click();
        for (let i = 0; i < 100 && status.textContent === before; i++) await sleep(100);
        if (status.textContent === before) throw new Error(`options page: the status did not change after ${click.id} (${before})`);
      }
      return { checked: box.checked, status: status.textContent ?? "", forgetShown: !(doc.getElementById("dir-usual-forget") as HTMLButtonElement).hidden, pageError: shown(doc, "page-error") };
    });
  },

  /**
   * « Analyser tous les dossiers » clicked in the page: every text the scan line takes until the
   * analysis has ended (its progress reaches the open page only as the background sends it).
   */
  async optionsScanLive() {
    return withOptionsPage(async (doc) => {
      const status = doc.getElementById("scan-status")!;
      const seen: string[] = [status.textContent ?? ""];
      const observer = new MutationObserver(() => {
        if (seen[seen.length - 1] !== status.textContent) seen.push(status.textContent ?? "");
      });
      observer.observe(status, { childList: true, characterData: true, subtree: true });
      const running = (text: string) => text.startsWith(messenger.i18n.getMessage("optionsScanRunning", ["\u0000"]).split("\u0000")[0]!);
      try {
        (doc.getElementById("scan-start") as HTMLButtonElement).click();
        for (let i = 0; i < 600; i++) {
          const at = seen.findIndex(running);
          if (at >= 0 && seen.slice(at + 1).some((x) => x && !running(x))) return { seen, pageError: shown(doc, "page-error") };
          await sleep(100);
        }
        throw new Error(`options page: the scan line did not go from running to ended in 60 s (${JSON.stringify(seen)})`);
      } finally {
        observer.disconnect();
      }
    });
  },

  /** The texts of the options page's sections, as shown (null when hidden). */
  /** The tags Thunderbird itself knows (names and colours), and the options page's legend. */
  async tagLegend() {
    const known = (await messenger.messages.tags.list()).filter((t) => t.key.startsWith("mssante_"));
    const legend = await withOptionsPage(async (doc) =>
      [...doc.querySelectorAll<HTMLElement>("#tag-legend li")].map((li) => ({
        key: li.dataset.tag ?? "",
        name: li.querySelector("strong")?.textContent ?? "",
        color: li.querySelector<HTMLElement>(".tag-swatch")?.style.backgroundColor ?? "",
        text: li.textContent ?? "",
      })),
    );
    return { known: known.map((t) => ({ key: t.key, name: t.tag, color: t.color })), legend };
  },

  async optionsTexts(params: { ids: string[] }) {
    return withOptionsPage(async (doc) => Object.fromEntries(params.ids.map((id) => [id, shown(doc, id)])));
  },
};
