// Runs a real Thunderbird, headless, on a throw-away profile holding the freshly built test add-on,
// and drives it through the probe. Everything it prints goes to a log file; a fatal line (TLS or
// certificate error), an add-on error or Thunderbird's exit fails pending calls at once, with logs.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { cpSync, createWriteStream, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startControlServer, type ControlServer } from "./control.ts";
import { tail } from "./logs.ts";

export const THUNDERBIRD_BIN = process.env.THUNDERBIRD_BIN ?? "/usr/lib/thunderbird/thunderbird";
export const ADDON_ID = "mssante-thunderbird@tb-mssante.fr";

/** Output lines that mean the run cannot succeed: no point waiting for a timeout. */
const FATAL_PATTERNS = [/\b(SEC_ERROR_\w+|SSL_ERROR_\w+|MOZILLA_PKIX_ERROR_\w+)\b/];

export interface ThunderbirdOptions {
  dir: string;
  addonDir: string;
  /** CA certificates (PEM files) to trust in the profile, as a user importing a root would. */
  trustedCas: string[];
  /** Extra prefs for user.js. */
  prefs?: Record<string, string | number | boolean>;
  /** Progress lines. */
  progress?: (line: string) => void;
  /** Headless (default) or with a window, for the demo. */
  headless?: boolean;
  /** Whether to install the probe's config (test build). */
  probe?: boolean;
  /** Top-level keys set in this run's copy of the add-on's manifest (e.g. an oauth_provider on the bench). */
  manifest?: Record<string, unknown>;
}

export interface Thunderbird {
  profileDir: string;
  logFile: string;
  pid: number;
  control?: ControlServer;
  call<T = unknown>(method: string, params?: unknown, timeoutMs?: number): Promise<T>;
  /** Peak proportional set size of Thunderbird's process tree, in MiB, sampled every 250 ms. */
  peakPssMiB(): number;
  startedAt: number;
  exited: Promise<number | null>;
  quit(): Promise<void>;
}

function prefLine(name: string, value: string | number | boolean): string {
  return `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});\n`;
}

export function basePrefs(deadPort: number): Record<string, string | number | boolean> {
  return {
    // Load our unsigned add-on from the profile and enable it.
    "extensions.autoDisableScopes": 0,
    "extensions.enabledScopes": 5,
    "xpinstall.signatures.required": false,
    "extensions.experiments.enabled": true,
    "extensions.update.enabled": false,
    "extensions.getAddons.cache.enabled": false,
    // MV3 event pages sleep after 30 s idle; the bench keeps talking to it, but be safe.
    "extensions.background.idle.timeout": 3600000,
    // Quiet first run.
    "mail.provider.suppress_dialog_on_startup": true,
    "mail.shell.checkDefaultClient": false,
    "mailnews.start_page.enabled": false,
    "mail.rights.override": true,
    "app.donation.eoy.version.viewed": 999,
    "mail.biff.play_sound": false,
    "mail.biff.show_alert": false,
    // Console of chrome and extension pages on stdout, into the run's log.
    "devtools.console.stdout.content": true,
    "devtools.console.stdout.chrome": true,
    "browser.dom.window.dump.enabled": true,
    // Thunderbird's traffic stays on 127.0.0.1: any HTTP(S) elsewhere goes to a dead proxy.
    "network.proxy.type": 1,
    "network.proxy.http": "127.0.0.1",
    "network.proxy.http_port": deadPort,
    "network.proxy.ssl": "127.0.0.1",
    "network.proxy.ssl_port": deadPort,
    "network.proxy.no_proxies_on": "localhost, 127.0.0.1",
    "network.connectivity-service.enabled": false,
    "network.captive-portal-service.enabled": false,
    "network.dns.disablePrefetch": true,
    "network.prefetch-next": false,
    "security.OCSP.enabled": 0,
    "services.settings.server": `http://127.0.0.1:${deadPort}/`,
    "app.update.enabled": false,
    "app.update.auto": false,
    "toolkit.telemetry.enabled": false,
    "toolkit.telemetry.server": "",
    "datareporting.healthreport.uploadEnabled": false,
    "datareporting.policy.dataSubmissionEnabled": false,
    "browser.safebrowsing.malware.enabled": false,
    "browser.safebrowsing.phishing.enabled": false,
    "browser.safebrowsing.downloads.enabled": false,
    "mailnews.auto_config_url": `http://127.0.0.1:${deadPort}/`,
    "mail.cloud_files.enabled": false,
  };
}

/** Creates the profile: prefs, NSS database with the trusted CAs, the add-on. */
export function createProfile(opts: ThunderbirdOptions & { deadPort: number; control?: ControlServer }): string {
  const profile = join(opts.dir, "profile");
  mkdirSync(join(profile, "extensions"), { recursive: true });
  const prefs = { ...basePrefs(opts.deadPort), ...(opts.prefs ?? {}) };
  writeFileSync(
    join(profile, "user.js"),
    Object.entries(prefs)
      .map(([k, v]) => prefLine(k, v))
      .join(""),
  );
  execFileSync("certutil", ["-N", "-d", `sql:${profile}`, "--empty-password"], { stdio: "pipe" });
  opts.trustedCas.forEach((ca, i) => {
    execFileSync("certutil", ["-A", "-d", `sql:${profile}`, "-n", `bench-ca-${i}`, "-t", "C,,", "-i", ca], { stdio: "pipe" });
  });
  // A copy of the built add-on, so that the probe's per-run config never touches dist/.
  const addon = join(opts.dir, "addon");
  cpSync(opts.addonDir, addon, { recursive: true });
  if (opts.manifest) {
    const manifest = JSON.parse(readFileSync(join(addon, "manifest.json"), "utf8")) as Record<string, unknown>;
    writeFileSync(join(addon, "manifest.json"), JSON.stringify({ ...manifest, ...opts.manifest }, null, 2));
  }
  if (opts.control) {
    writeFileSync(join(addon, "testbed.json"), JSON.stringify({ controlUrl: opts.control.url, token: opts.control.token }));
  }
  // A text file named after the add-on id holding the path of the unpacked add-on.
  writeFileSync(join(profile, "extensions", ADDON_ID), addon);
  return profile;
}

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) out.push(Number(name));
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

/** PSS of a process tree in KiB (PSS shares libraries fairly between the processes). */
export function treePssKiB(root: number): number {
  let total = 0;
  const todo = [root];
  while (todo.length) {
    const pid = todo.pop()!;
    try {
      const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"));
      if (m) total += Number(m[1]);
    } catch {
      continue;
    }
    todo.push(...childrenOf(pid));
  }
  return total;
}

/**
 * PSS of each process of the tree in KiB, by role: "main" for Thunderbird's own process, else the
 * child's process type (the last word of its command line: tab, rdd, socket, utility…) with its
 * pid, to tell Thunderbird's growth from the add-on's (its background page runs in a "tab" process).
 */
export function pssByProcessKiB(root: number): Record<string, number> {
  const out: Record<string, number> = {};
  const todo = [root];
  while (todo.length) {
    const pid = todo.pop()!;
    try {
      const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"));
      const args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
      const role = pid === root ? "main" : `${args[args.length - 1] ?? "?"} ${pid}`;
      if (m) out[role] = Number(m[1]);
    } catch {
      continue;
    }
    todo.push(...childrenOf(pid));
  }
  return out;
}

export async function launchThunderbird(opts: ThunderbirdOptions): Promise<Thunderbird> {
  if (!existsSync(THUNDERBIRD_BIN)) throw new Error(`Thunderbird introuvable (${THUNDERBIRD_BIN}) : installez le paquet thunderbird`);
  const progress = opts.progress ?? (() => {});
  mkdirSync(opts.dir, { recursive: true });
  const logFile = join(opts.dir, "thunderbird.log");
  const log = createWriteStream(logFile);
  let fatal: Error | undefined;
  const failWith = (err: Error) => {
    if (fatal) return;
    fatal = err;
    control?.abort(err);
  };
  const control = opts.probe === false ? undefined : await startControlServer((text) => {
    log.write(`[bench] add-on error: ${text}\n`);
    failWith(new Error(`erreur non rattrapée dans le module : ${text}`));
  });
  const { freePort } = await import("./net.ts");
  const profile = createProfile({ ...opts, deadPort: await freePort(), control });
  const home = join(opts.dir, "home");
  mkdirSync(home, { recursive: true });
  const args = ["--no-remote", "--profile", profile];
  if (opts.headless !== false) args.unshift("--headless");
  const startedAt = Date.now();
  const child: ChildProcess = spawn(THUNDERBIRD_BIN, args, {
    env: {
      ...process.env,
      HOME: home,
      MOZ_CRASHREPORTER_DISABLE: "1",
      MOZ_REMOTE_SETTINGS_DEVTOOLS: "1",
      LANG: process.env.LANG ?? "C.UTF-8",
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: false,
  });
  progress(`Thunderbird lancé (pid ${child.pid}), profil ${profile}`);
  let partial = "";
  const onData = (d: Buffer) => {
    log.write(d);
    partial += d.toString("utf8");
    const lines = partial.split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) {
      for (const re of FATAL_PATTERNS) {
        const m = re.exec(line);
        if (m) failWith(new Error(`Thunderbird a signalé ${m[1]} : ${line.trim()}`));
      }
    }
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  let peak = 0;
  const sampler = setInterval(() => {
    if (child.pid) peak = Math.max(peak, treePssKiB(child.pid));
  }, 250);
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code, signal) => {
      clearInterval(sampler);
      log.write(`[bench] Thunderbird exited code=${code} signal=${signal}\n`);
      failWith(new Error(`Thunderbird s'est arrêté (code ${code}, signal ${signal})`));
      resolve(code);
    }),
  );

  const withLogs = (err: Error) => {
    err.message += `\n--- fin du journal de Thunderbird (${logFile}) ---\n${tail(logFile, 40)}`;
    return err;
  };

  // 90 s: above the bench commands' own bounded steps (opening a message: 45 s at most), so that a
  // slow step reports its name instead of this generic timeout.
  const call = async <T>(method: string, params: unknown = {}, timeoutMs = 90000): Promise<T> => {
    if (!control) throw new Error("pas de sonde dans ce module (build de production)");
    if (fatal) throw withLogs(new Error(fatal.message));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`délai dépassé (${timeoutMs} ms) pour « ${method} »`)), timeoutMs);
    });
    try {
      return await Promise.race([control.call<T>(method, params), timeout]);
    } catch (err) {
      throw withLogs(err as Error);
    } finally {
      clearTimeout(timer);
    }
  };

  const tb: Thunderbird = {
    profileDir: profile,
    logFile,
    pid: child.pid ?? -1,
    control,
    call,
    peakPssMiB: () => Math.round(peak / 1024),
    startedAt,
    exited,
    async quit() {
      if (child.exitCode === null && child.signalCode === null) {
        // Even after a failure the probe may still answer: a clean quit keeps the profile sane.
        if (control) {
          await Promise.race([control.send("quit").catch(() => {}), new Promise((r) => setTimeout(r, 3000))]);
        }
        const killer = setTimeout(() => child.kill("SIGTERM"), 15000);
        const hard = setTimeout(() => child.kill("SIGKILL"), 25000);
        await exited;
        clearTimeout(killer);
        clearTimeout(hard);
      }
      clearInterval(sampler);
      await control?.close();
      await new Promise((r) => log.end(r));
    },
  };
  if (control) {
    const timer = setTimeout(() => failWith(new Error("le module n'a pas répondu 60 s après le lancement de Thunderbird")), 60000);
    try {
      const hello = await control.hello;
      progress(`module chargé en ${Date.now() - startedAt} ms : ${JSON.stringify(hello)}`);
    } catch (err) {
      await tb.quit().catch(() => {});
      throw withLogs(err as Error);
    } finally {
      clearTimeout(timer);
    }
  }
  return tb;
}
