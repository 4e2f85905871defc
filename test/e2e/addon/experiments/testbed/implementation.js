/* Test-only Experiment: privileged steps the bench needs and no MailExtension API offers
 * (accounts with a stored password, an immediate sync, quitting). Errors are rethrown as
 * ExtensionError so that their text reaches the test instead of "An unexpected error occurred". */
"use strict";

// Thunderbird looks the API class up by this global name (manifest experiment_apis key).
// eslint-disable-next-line no-unused-vars, @typescript-eslint/no-unused-vars
var testbed = class extends ExtensionCommon.ExtensionAPI {
  getAPI(context) {
    const { MailServices } = ChromeUtils.importESModule("resource:///modules/MailServices.sys.mjs");
    const fail = (what, err) => {
      throw new ExtensionUtils.ExtensionError(`${what}: ${err && err.message ? err.message : String(err)}`);
    };
    const rememberLogin = async (origin, username, password) => {
      const login = Cc["@mozilla.org/login-manager/loginInfo;1"].createInstance(Ci.nsILoginInfo);
      login.init(origin, null, origin, username, password, "", "");
      await Services.logins.addLoginAsync(login);
    };
    return {
      testbed: {
        async createAccount(o) {
          try {
            // The login must exist before the server is created: otherwise Thunderbird
            // connects and waits forever on an invisible password prompt.
            await rememberLogin(`imap://${o.imapHost}`, o.username, o.password);
            await rememberLogin(`smtp://${o.smtpHost}`, o.username, o.password);
            const server = MailServices.accounts.createIncomingServer(o.username, o.imapHost, "imap");
            server.port = o.imapPort;
            server.socketType = o.socketType;
            server.authMethod = Ci.nsMsgAuthMethod.passwordCleartext;
            server.prettyName = o.email;
            server.valid = true;
            const smtp = MailServices.outgoingServer.createServer("smtp").QueryInterface(Ci.nsISmtpServer);
            smtp.hostname = o.smtpHost;
            smtp.port = o.smtpPort;
            smtp.QueryInterface(Ci.nsIMsgOutgoingServer);
            smtp.socketType = o.socketType;
            smtp.authMethod = Ci.nsMsgAuthMethod.passwordCleartext;
            smtp.username = o.username;
            const identity = MailServices.accounts.createIdentity();
            identity.fullName = o.fullName;
            identity.email = o.email;
            identity.smtpServerKey = smtp.key;
            // Where sent mail, drafts and templates go, as Thunderbird's own account wizard sets them:
            // without them sending fails on the copy to Sent.
            const base = `${server.serverURI}/`;
            identity.fccFolderURI = `${base}Sent`;
            identity.draftsFolderURI = `${base}Drafts`;
            identity.templatesFolderURI = `${base}Templates`;
            identity.valid = true;
            const account = MailServices.accounts.createAccount();
            account.addIdentity(identity);
            account.incomingServer = server;
            if (!MailServices.accounts.defaultAccount) MailServices.accounts.defaultAccount = account;
            MailServices.accounts.saveAccountInfo();
            // A new IMAP account starts with a placeholder INBOX that the server's folder
            // discovery deletes and recreates (empty) a moment later: messages counted before that
            // "vanish". Run the discovery now and return once it is done (the flake's cause).
            await new Promise((resolve, reject) => {
              MailServices.imap.discoverAllFolders(
                server.rootFolder,
                {
                  OnStartRunningUrl() {},
                  OnStopRunningUrl(_url, status) {
                    if (status === Cr.NS_OK) resolve();
                    else reject(new Error(`folder discovery failed (0x${(status >>> 0).toString(16)})`));
                  },
                },
                null,
              );
            });
            return account.key;
          } catch (err) {
            return fail("createAccount", err);
          }
        },
        async syncInbox(accountId) {
          try {
            const account = MailServices.accounts.getAccount(accountId);
            if (!account) throw new Error(`no account ${accountId}`);
            const inbox = account.incomingServer.rootFolder.getFolderWithFlags(Ci.nsMsgFolderFlags.Inbox);
            if (!inbox) throw new Error(`account ${accountId} has no INBOX yet`);
            inbox.getNewMessages(null, null);
          } catch (err) {
            fail("syncInbox", err);
          }
        },
        async inboxReady(accountId) {
          try {
            const account = MailServices.accounts.getAccount(accountId);
            if (!account) throw new Error(`no account ${accountId}`);
            const inbox = account.incomingServer.rootFolder.getFolderWithFlags(Ci.nsMsgFolderFlags.Inbox);
            if (!inbox) return false;
            // A freshly created IMAP account has a placeholder INBOX until the server's LIST
            // confirms it; messages counted there can vanish when the real folder replaces it.
            const verified = inbox.QueryInterface(Ci.nsIMsgImapMailFolder).verifiedAsOnlineFolder;
            return Boolean(verified && MailServices.folderLookup.getFolderForURL(inbox.URI));
          } catch (err) {
            return fail("inboxReady", err);
          }
        },
        async inboxDiag(accountId) {
          const account = MailServices.accounts.getAccount(accountId);
          const root = account.incomingServer.rootFolder;
          const inboxes = [...root.subFolders].map((f) => ({ uri: f.URI, name: f.name, inbox: f.getFlag(Ci.nsMsgFolderFlags.Inbox) }));
          const inbox = root.getFolderWithFlags(Ci.nsMsgFolderFlags.Inbox);
          let offline = 0, n = 0;
          let dbErr = "";
          try { for (const h of inbox.msgDatabase.enumerateMessages()) { n++; if (h.flags & Ci.nsMsgMessageFlags.Offline) offline++; } } catch (e) { dbErr = String(e); }
          return JSON.stringify({ total: inbox.getTotalMessages(false), n, offline, dbErr, busy: account.incomingServer.serverBusy, verified: inbox.QueryInterface(Ci.nsIMsgImapMailFolder).verifiedAsOnlineFolder, inboxes, locked: inbox.locked });
        },
        async autocomplete(searchString) {
          const { setTimeout, clearTimeout } = ChromeUtils.importESModule("resource://gre/modules/Timer.sys.mjs");
          const search = Cc["@mozilla.org/autocomplete/search;1?name=addrbook"].getService(Ci.nsIAutoCompleteSearch);
          const R = Ci.nsIAutoCompleteResult;
          return new Promise((resolve, reject) => {
            const timer = setTimeout(() => reject(new ExtensionUtils.ExtensionError("autocomplete: no final result in 15 s")), 15000);
            search.startSearch(searchString, JSON.stringify({ type: "addr_to" }), null, {
              onSearchResult(_search, result) {
                // Remote books (ours) answer after the local ones: wait for the final result.
                if (result.searchResult === R.RESULT_SUCCESS_ONGOING || result.searchResult === R.RESULT_NOMATCH_ONGOING) return;
                clearTimeout(timer);
                const values = [];
                for (let i = 0; i < result.matchCount; i++) values.push(result.getValueAt(i));
                resolve(values);
              },
            });
          });
        },
        async clickFolderMenu(accountId, label) {
          const { setTimeout } = ChromeUtils.importESModule("resource://gre/modules/Timer.sys.mjs");
          const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
          const win = Services.wm.getMostRecentWindow("mail:3pane");
          const tabmail = win.document.getElementById("tabmail");
          tabmail.switchToTab(tabmail.tabInfo.find((t) => t.mode.name === "mail3PaneTab"));
          const about3Pane = tabmail.currentAbout3Pane;
          const inbox = MailServices.accounts.getAccount(accountId).incomingServer.rootFolder.getFolderWithFlags(Ci.nsMsgFolderFlags.Inbox);
          about3Pane.displayFolder(inbox.URI);
          const doc = about3Pane.document;
          const tree = doc.getElementById("folderTree");
          for (let i = 0; i < 50 && tree.selectedRow?.uri !== inbox.URI; i++) await sleep(100);
          const popup = doc.getElementById("folderPaneContext");
          const shown = new Promise((resolve) => popup.addEventListener("popupshown", resolve, { once: true }));
          // button 0: the keyboard's context-menu key, which opens the menu on the selected folder.
          tree.dispatchEvent(new about3Pane.MouseEvent("contextmenu", { bubbles: true, cancelable: true, button: 0 }));
          await Promise.race([shown, sleep(5000)]);
          const items = [...popup.querySelectorAll("menuitem")].filter((i) => !i.hidden);
          const labels = items.map((i) => i.getAttribute("label")).filter(Boolean);
          const item = items.find((i) => i.getAttribute("label") === label);
          if (!item) {
            popup.hidePopup();
            throw new ExtensionUtils.ExtensionError(`no item "${label}" in the folder menu (state ${popup.state}): ${labels.join(" | ")}`);
          }
          popup.activateItem(item);
          return labels;
        },
        async offlineHeads(messageIds) {
          let offline = 0;
          let bytes = 0;
          const heads = [];
          for (const id of messageIds) {
            const hdr = context.extension.messageManager.get(id);
            if (!hdr || !hdr.folder.hasMsgOffline(hdr.messageKey)) {
              heads.push(null);
              continue;
            }
            offline++;
            const stream = hdr.folder.getMsgInputStream(hdr, {});
            const sis = Cc["@mozilla.org/binaryinputstream;1"].createInstance(Ci.nsIBinaryInputStream);
            sis.setInputStream(stream);
            let head = "";
            try {
              while (head.length < 1048577) {
                const n = Math.min(sis.available(), 16384);
                if (n <= 0) break;
                head += sis.readBytes(n);
                const end = head.search(/\r?\n\r?\n/);
                if (end >= 0) {
                  head = head.slice(0, end + 4);
                  break;
                }
              }
            } finally {
              stream.close();
            }
            bytes += head.length;
            heads.push(head.length);
          }
          return { offline, bytes, heads: heads.length };
        },
        async setIntPref(name, value) {
          Services.prefs.setIntPref(name, value);
        },
        async composeType(text) {
          const { setTimeout } = ChromeUtils.importESModule("resource://gre/modules/Timer.sys.mjs");
          const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
          const win = Services.wm.getMostRecentWindow("msgcompose");
          if (!win) throw new ExtensionUtils.ExtensionError("composeType: no compose window");
          const input = win.document.getElementById("toAddrInput");
          win.focus();
          input.focus();
          input.setUserInput(text);
          for (let i = 0; i < 100; i++) {
            const popup = input.popup;
            if (popup?.popupOpen && popup.richlistbox?.itemChildren?.length) {
              return [...popup.richlistbox.itemChildren].filter((r) => !r.collapsed).map((r) => r.getAttribute("ac-value") || r.textContent);
            }
            await sleep(100);
          }
          return [];
        },
        /**
         * Bench: Thunderbird's memory reporters (what about:memory shows), bytes summed by process
         * and by the first levels of the "explicit/" path (storage and JS a level deeper), with
         * each process's resident size and heap totals.
         */
        async minimizeMemory() {
          const mgr = Cc["@mozilla.org/memory-reporter-manager;1"].getService(Ci.nsIMemoryReporterManager);
          await new Promise((resolve) => mgr.minimizeMemoryUsage(resolve));
        },
        /**
         * Whether the INBOX's message database is open now; first, with "close", closed as Thunderbird's
         * cache manager closes an idle one (committed, the folder's reference dropped), with "open",
         * opened as a user showing the folder opens it.
         */
        async inboxDatabaseOpen(accountId, action) {
          const inbox = MailServices.accounts.getAccount(accountId).incomingServer.rootFolder.getFolderWithFlags(Ci.nsMsgFolderFlags.Inbox);
          if (action === "close" && inbox.databaseOpen) inbox.msgDatabase = null;
          if (action === "open") void inbox.msgDatabase;
          return inbox.databaseOpen;
        },
        /**
         * Bench: whether gloda (global search) still has indexing work queued or running: it
         * indexes again every message whose tags change, after the change, in the main process.
         */
        async glodaBusy() {
          const { GlodaIndexer } = ChromeUtils.importESModule("resource:///modules/gloda/GlodaIndexer.sys.mjs");
          return !!(GlodaIndexer.enabled && (GlodaIndexer.indexing || GlodaIndexer._indexingActive || GlodaIndexer._indexQueue.length > 0));
        },
        /** Bench: how long one forced collection of Thunderbird's main process takes now (ms). */
        async collectionMs() {
          const t0 = Date.now();
          Cu.forceGC();
          return Date.now() - t0;
        },
        /** Bench: the type of each of Thunderbird's child processes by pid ("extension", "web", "socket"…). */
        async processTypes() {
          const info = await ChromeUtils.requestProcInfo();
          const out = {};
          for (const c of info.children) out[c.pid] = c.type;
          return JSON.stringify(out);
        },
        /**
         * Bench peer: Thunderbird's own search of every INBOX message's body on disk (an offline
         * body search, as the quick filter's "body" does), for text no message holds: Thunderbird
         * itself reading every stored message once. Resolves with the hits and the time taken.
         */
        async bodySearch(accountId, text) {
          const account = MailServices.accounts.getAccount(accountId);
          const inbox = account.incomingServer.rootFolder.getFolderWithFlags(Ci.nsMsgFolderFlags.Inbox);
          const session = Cc["@mozilla.org/messenger/searchSession;1"].createInstance(Ci.nsIMsgSearchSession);
          session.addScopeTerm(Ci.nsMsgSearchScope.offlineMail, inbox);
          const term = session.createTerm();
          const value = term.value;
          term.attrib = Ci.nsMsgSearchAttrib.Body;
          value.attrib = Ci.nsMsgSearchAttrib.Body;
          value.str = text;
          term.value = value;
          term.op = Ci.nsMsgSearchOp.Contains;
          term.booleanAnd = true;
          session.appendTerm(term);
          const t0 = Date.now();
          let hits = 0;
          await new Promise((resolve) => {
            session.registerListener({
              onSearchHit() {
                hits++;
              },
              onSearchDone() {
                resolve();
              },
              onNewSearch() {},
              QueryInterface: ChromeUtils.generateQI(["nsIMsgSearchNotify"]),
            });
            session.search(null);
          });
          return JSON.stringify({ hits, ms: Date.now() - t0 });
        },
        async memoryReport() {
          const mgr = Cc["@mozilla.org/memory-reporter-manager;1"].getService(Ci.nsIMemoryReporterManager);
          const sums = {};
          await new Promise((resolve) => {
            mgr.getReports(
              (process, path, kind, units, amount) => {
                if (units !== Ci.nsIMemoryReporter.UNITS_BYTES) return;
                // Beside the explicit allocations: the process's resident size and the heap's totals
                // (freed memory the allocator keeps still counts in PSS).
                if (/^(resident|resident-unique|heap-allocated|heap-mapped)$/.test(path)) {
                  sums[`${process || "main"} ${path}`] = amount;
                  return;
                }
                if (!path.startsWith("explicit/")) return;
                const parts = path.split("/");
                const depth = /^(storage|js-non-window|window-objects)$/.test(parts[1]) ? 4 : 2;
                const key = `${process || "main"} ${parts.slice(0, depth).join("/").replace(/\(.*?\)/g, "")}`;
                sums[key] = (sums[key] || 0) + amount;
              },
              null,
              resolve,
              null,
              false,
            );
          });
          return JSON.stringify(sums);
        },
        /** Bench: starts the Gecko profiler on every process (main and the add-on's). */
        async profilerStart(entries) {
          // js: JavaScript frames; stackwalk: native frames (readable as labels without symbols);
          // cpu: per-thread CPU use. Threads matched by substring.
          Services.profiler.StartProfiler(entries, 1, ["js", "stackwalk", "cpu"], ["GeckoMain", "DOM Worker", "IMAP", "Socket", "StreamTrans", "IndexedDB", "mozStorage"]);
        },
        /** Bench: writes the profile gathered since profilerStart (all processes) to this file, then stops. */
        async profilerStop(path) {
          try {
            await Services.profiler.dumpProfileToFileAsync(path);
          } finally {
            Services.profiler.StopProfiler();
          }
        },
        async quit() {
          const { setTimeout } = ChromeUtils.importESModule("resource://gre/modules/Timer.sys.mjs");
          // Let the answer reach the caller before the process goes away.
          setTimeout(() => Services.startup.quit(Ci.nsIAppStartup.eForceQuit), 100);
        },
      },
    };
  }
};
