/* Privileged: the header blocks of messages already on disk, read from Thunderbird's message store.
 * One job, read only: no message is changed, nothing leaves the machine. Each read stops at the
 * first empty line or at maxBytes, whichever comes first: linear in what is returned, never in the
 * body's size. A message not on disk (IMAP without an offline copy) gives null, and the add-on reads
 * it through messages.getRaw. */
"use strict";

// Thunderbird looks the API class up by this global name (manifest experiment_apis key).
// eslint-disable-next-line no-unused-vars, @typescript-eslint/no-unused-vars
var mssanteMessageHeads = class extends ExtensionCommon.ExtensionAPI {
  getAPI(context) {
    const CHUNK = 16384;
    /** Index just past the first empty line (CRLF CRLF, LF LF, or a mix), searching from `from`. */
    const headerEnd = (text, from) => {
      const re = /\r?\n\r?\n/g;
      re.lastIndex = Math.max(0, from - 3);
      const m = re.exec(text);
      return m ? m.index + m[0].length : -1;
    };
    const readHead = (hdr, maxBytes) => {
      const folder = hdr.folder;
      if (!folder || !folder.hasMsgOffline(hdr.messageKey)) return null;
      // The store's stream ends with the message (the one getRaw reads too): a message without an
      // empty line does not run on into the next one (message-heads.e2e checks both cases). The
      // sizes in the database are not a bound: the IMAP size can be a few bytes short of the copy.
      const stream = folder.getMsgInputStream(hdr, {});
      try {
        const bin = Cc["@mozilla.org/binaryinputstream;1"].createInstance(Ci.nsIBinaryInputStream);
        bin.setInputStream(stream);
        let head = "";
        for (;;) {
          const available = bin.available();
          if (available <= 0) return head;
          const before = head.length;
          head += bin.readBytes(Math.min(available, CHUNK, maxBytes - head.length));
          const end = headerEnd(head, before);
          if (end >= 0) return head.slice(0, end);
          if (head.length >= maxBytes) return head;
        }
      } finally {
        stream.close();
      }
    };
    // Each read above opens a stream of Thunderbird's store whose native part (for the default
    // mbox store, an 8 KiB buffer and a parser: 9 KiB a message, bench/scan-memory.ts "heads") is
    // freed only when its JavaScript wrapper is collected, and XPConnect does not tell the
    // collector about that memory: a 10,000-message scan left 90 MiB of it in Thunderbird's main
    // process between two collections. Thunderbird's own quick filter, for the message headers it
    // handles in JavaScript, forces a collection every 4096 of them for the same reason
    // (QuickFilterManager.sys.mjs, "GC sanity demands…"); here every READS_PER_COLLECTION streams,
    // which bounds that garbage to about 9 MiB (one collection: tens of ms, a few per 10,000).
    const READS_PER_COLLECTION = 1000;
    let readsSinceCollection = 0;
    return {
      mssanteMessageHeads: {
        async offlineHeads(messageIds, maxBytes) {
          const heads = messageIds.map((id) => {
            try {
              const hdr = context.extension.messageManager.get(id);
              const head = hdr ? readHead(hdr, maxBytes) : null;
              if (head !== null) readsSinceCollection++;
              return head;
            } catch (err) {
              // Unreadable here (store locked, compacting): the add-on falls back to getRaw.
              console.warn(`[mssante] en-tête du message ${id} non lu sur le disque :`, err);
              return null;
            }
          });
          if (readsSinceCollection >= READS_PER_COLLECTION) {
            readsSinceCollection = 0;
            // This call's streams are unreachable now (closed, their frames gone).
            Cu.forceGC();
          }
          return heads;
        },
      },
    };
  }
};
