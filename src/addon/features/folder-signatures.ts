// On demand, the S/MIME signatures of every message of a folder: from the folder pane's context
// menu, with a summary notification and the list of failing messages kept for the options page.
import type { Status } from "../../core/pki/index.ts";
import { visible } from "../../core/mail/characters.ts";
import { listFolder, pages, translate } from "../platform/mail.ts";
import { handle } from "../platform/rpc.ts";
import { inBackground } from "../platform/failures.ts";
import { checkSignature } from "../platform/signature-verify.ts";
import type { Feature } from "./feature.ts";
import { localGet, localSet } from "../platform/storage.ts";
import { onInstalled, openOptionsPage } from "../platform/runtime.ts";
import { notify } from "../platform/notifications.ts";
import { createMenu, onMenuClicked } from "../platform/menus.ts";
import type { FolderSignatureReport } from "../platform/contract.ts";

const MENU_ID = "mssante-folder-signatures";

export async function checkFolderSignatures(folderId: string, folderPath: string): Promise<FolderSignatureReport> {
  const report: FolderSignatureReport = { folder: folderPath, checkedAt: new Date().toISOString(), examined: 0, signed: 0, valid: 0, counts: {}, failures: [] };
  for await (const page of pages(await listFolder(folderId))) {
    for (const message of page) {
      report.examined++;
      let status: Status;
      try {
        const verdict = await checkSignature(message.id);
        status = verdict.status;
        if (verdict.signed) report.signed++;
        if (verdict.valid) report.valid++;
      } catch {
        status = "malformed";
      }
      report.counts[status] = (report.counts[status] ?? 0) + 1;
      if (status !== "valid" && status !== "not-signed" && report.failures.length < 200) {
        // Hidden characters spelt out: a right-to-left override in a subject would otherwise turn
        // the rest of its line in the options page (the status) around.
        report.failures.push({ subject: visible(message.subject), author: visible(message.author), status });
      }
    }
  }
  await localSet({ folderSignatureReport: report });
  // Where no notification daemon runs, a notification shows nothing: the report is also in the
  // options page, opened now so that the user reads it (and can come back to it).
  await openOptionsPage();
  await notify(MENU_ID, {
    icon: "icons/mssante.svg",
    title: translate("folderSignaturesTitle", [folderPath]),
    message: translate("folderSignaturesSummary", [String(report.examined), String(report.signed), String(report.valid), String(report.signed - report.valid)]),
  });
  return report;
}

export const folderSignatures: Feature = {
  name: "folder-signatures",
  start() {
    onInstalled(() => {
      inBackground("signatures", () => createMenu(MENU_ID, translate("folderSignaturesMenu"), ["folder_pane"]));
    });
    onMenuClicked(({ menuItemId, folder }) => {
      if (menuItemId === MENU_ID && folder) inBackground("signatures", () => checkFolderSignatures(folder.id, folder.path));
    });
    handle("signatures:folder-report", async () => ((await localGet("folderSignatureReport")) as FolderSignatureReport | undefined) ?? null);
  },
};
