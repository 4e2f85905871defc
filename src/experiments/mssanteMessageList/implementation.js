/* Privileged, read only: a folder's messages, reduced to what a folder scan needs (the add-on's
 * message id, Message-ID, tags), a page at a time. messages.list converts every message in full
 * (author, recipients, cc and bcc parsed, Thunderbird's whole tag list read again for each one:
 * about 1 ms a message, a third of Thunderbird's main thread in a 3,000-message scan,
 * bench/scan-thunderbird.ts --profile) and keeps the whole folder converted until it is read.
 * Nothing is changed, nothing leaves the machine.
 * releaseFolder closes again a folder database a listing opened (once the scan is done with it).
 * Each call is linear in the folder's size (its keys listed and sorted once) plus the page returned
 * (at most 1000, the schema's bound). */
"use strict";

// Thunderbird looks the API class up by this global name (manifest experiment_apis key).
// eslint-disable-next-line no-unused-vars, @typescript-eslint/no-unused-vars
var mssanteMessageList = class extends ExtensionCommon.ExtensionAPI {
  getAPI(context) {
    const { getFolder } = ChromeUtils.importESModule("resource:///modules/ExtensionAccounts.sys.mjs");
    const { MailServices } = ChromeUtils.importESModule("resource:///modules/MailServices.sys.mjs");
    // Folders whose message database was closed when a listing began (by URI): the listing opened
    // it, and releaseFolder closes it again once the scan is done with the folder. Thunderbird's
    // own code does the same for a database it opens only to look at messages (MailUtils, gloda's
    // indexer): otherwise a scan leaves every folder's database open and in memory until
    // Thunderbird's cache manager closes the idle ones. Bounded by the number of folders.
    const openedHere = new Set();
    return {
      mssanteMessageList: {
        async releaseFolder(folderId) {
          const { folder } = getFolder(folderId);
          if (!openedHere.delete(folder.URI) || !folder.databaseOpen) return false;
          // Committed and dropped by the folder; a view showing the folder meanwhile keeps its own
          // reference, and the folder gets the same database back when it next needs it.
          folder.msgDatabase = null;
          return true;
        },
        async listMessages(folderId, afterKey, max) {
          // The same ids messages.list gives (and messages.get, getRaw, the other Experiments take):
          // Thunderbird's tracker of the add-on's message ids. Without it (another Thunderbird),
          // the add-on lists the stable way.
          const tracker = context.extension.messageManager && context.extension.messageManager._messageTracker;
          if (!tracker || typeof tracker.getId !== "function") throw new ExtensionUtils.ExtensionError(`[list:internal] ${JSON.stringify(["no message tracker"])}`);
          const { folder } = getFolder(folderId);
          if (folder.isServer || folder.getFlag(Ci.nsMsgFolderFlags.Virtual)) return { messages: [], lastKey: null };
          if (afterKey === -1 && !folder.databaseOpen) openedHere.add(folder.URI);
          const db = folder.msgDatabase;
          // By key: a message added or removed between two calls moves no other one to another page.
          const keys = db.listAllKeys().filter((k) => k > afterKey);
          keys.sort((a, b) => a - b);
          const page = keys.slice(0, max);
          // In Thunderbird's tag order and only its known tags, as messages.list gives them; read once a call.
          const known = MailServices.tags.getAllTags().map((t) => t.key);
          const gone = Ci.nsMsgMessageFlags.IMAPDeleted | Ci.nsMsgMessageFlags.Expunged;
          const messages = [];
          for (const key of page) {
            const hdr = db.getMsgHdrForKey(key);
            // Deleted but not expunged yet: messages.list leaves them out too.
            if (!hdr || hdr.flags & gone) continue;
            const keywords = (hdr.getStringProperty("keywords") || "").split(" ");
            messages.push({ id: tracker.getId(hdr), headerMessageId: hdr.messageId, tags: known.filter((t) => keywords.includes(t)) });
          }
          return { messages, lastKey: keys.length > page.length ? page[page.length - 1] : null };
        },
      },
    };
  }
};
